using Disclosure.Domain.Applications;
using Disclosure.Domain.Search.Repeats;

namespace Disclosure.Domain.Fees;

/// <summary>An application the agency registered before the one being charged.</summary>
public sealed record EarlierApplication(Applicant Applicant, DateOnly ReceivedOn);

/// <summary>
/// The monthly count of 按件 (国办函〔2020〕109号 art. 4: 同一申请人…一个自然月内累计申请). Who is the same applicant is
/// <see cref="ApplicantKey"/>'s one definition (the repeat check reads the same one), under the agency's rule.
/// </summary>
public static class SameApplicant
{
    /// <summary>Whether two applicants are the same one for the fee, by the policy's rule (<see cref="ApplicantKey.SameForFees"/>).</summary>
    public static bool IsSame(Applicant applicant, Applicant other, FeePolicy policy) => Matcher(applicant, policy)(other);

    /// <summary>The policy's test of "the same as <paramref name="applicant"/>", its key made once for any number of others.</summary>
    private static Func<Applicant, bool> Matcher(Applicant applicant, FeePolicy policy)
    {
        var rule = applicant.Category == ApplicantCategories.NaturalPerson ? policy.PersonsAreSameBy : policy.OrganisationsAreSameBy;
        var key = ApplicantKey.Of(applicant);
        return other => key.SameForFees(ApplicantKey.Of(other), rule == SameApplicantRules.NameAndPhone, !policy.UnidentifiedCountAlone);
    }

    /// <summary>
    /// This application's place among the same applicant's applications received in its natural month, itself
    /// included: 1 + the earlier ones of the same applicant in the same calendar month. A new month starts again at 1.
    /// </summary>
    public static int PositionInMonth(Applicant applicant, DateOnly receivedOn, IEnumerable<EarlierApplication> earlier, FeePolicy policy)
    {
        var same = Matcher(applicant, policy);
        return 1 + earlier.Count(e => e.ReceivedOn.Year == receivedOn.Year && e.ReceivedOn.Month == receivedOn.Month && same(e.Applicant));
    }
}
