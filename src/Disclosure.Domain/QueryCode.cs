using System.Security.Cryptography;
using System.Text;

namespace Disclosure.Domain;

/// <summary>
/// The code a writer or applicant gets once at intake, to look the case up without logging in: 8 characters without
/// 0/O and 1/I/L to misread, stored only as a hash bound to the tracking number.
/// </summary>
public static class QueryCode
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 8);

    public static string Hash(string trackingNumber, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{trackingNumber}:{code.Trim().ToUpperInvariant()}")));
}
