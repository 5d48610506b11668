using System.Security.Cryptography;
using System.Text;
using Disclosure.Domain.Search.Repeats;

namespace Disclosure.Host.Search;

/// <summary>One identity of an applicant as the read models keep it: which identity (<see cref="ApplicantMatches"/>) and its keyed hash.</summary>
public sealed record ProtectedKey(string Basis, string Hash);

/// <summary>
/// Keeps an applicant's identities out of the read models in clear: each identity that can tell the same applicant
/// (<see cref="ApplicantKey.Match"/>: the ID number, the credit code, the name with the phone) becomes a keyed hash
/// (HMAC-SHA-256 under <see cref="SearchSettings.ApplicantKeySecret"/>) — equal for equal identities, useless without the secret.
/// A name alone is no identity (王伟 is many people): an applicant with only a name has no key.
/// </summary>
public sealed class ApplicantKeyProtector(SearchSettings settings)
{
    private readonly byte[] secret = Encoding.UTF8.GetBytes(settings.ApplicantKeySecret ?? throw new InvalidOperationException("No applicant-key secret."));

    public IReadOnlyList<ProtectedKey> Of(ApplicantKey key)
    {
        var keys = new List<ProtectedKey>(3);
        if (key.IdNumber is { } id) keys.Add(Protect(ApplicantMatches.IdNumber, id));
        if (key.CreditCode is { } code) keys.Add(Protect(ApplicantMatches.CreditCode, code));
        if (key.Name.Length > 0 && key.Phone is { } phone) keys.Add(Protect(ApplicantMatches.NameAndPhone, key.Name + "\n" + phone));
        return keys;
    }

    private ProtectedKey Protect(string basis, string value) =>
        new(basis, Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(basis + ":" + value)))[..40]);
}
