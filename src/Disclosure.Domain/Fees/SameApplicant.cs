using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Fees;

/// <summary>An application the agency registered before the one being charged.</summary>
public sealed record EarlierApplication(Applicant Applicant, DateOnly ReceivedOn);

/// <summary>同一申请人 and the monthly count of 按件 (国办函〔2020〕109号 art. 4: 同一申请人…一个自然月内累计申请).</summary>
public static class SameApplicant
{
    /// <summary>
    /// The key under which an applicant's applications are counted, by the policy's rule; null when the rule needs a
    /// fact that was not recorded. Such an application counts on its own: a fee is never charged on a guess.
    /// </summary>
    public static string? Key(Applicant applicant, FeePolicy policy)
    {
        var rule = applicant.Category == ApplicantCategories.NaturalPerson ? policy.PersonsAreSameBy : policy.OrganisationsAreSameBy;
        return rule switch
        {
            SameApplicantRules.NameAndPhone when Normal(applicant.Name) is { } name && Normal(applicant.Phone) is { } phone => $"name_phone:{name}|{phone}",
            SameApplicantRules.IdNumber when Normal(applicant.IdNumber) is { } id => $"id:{id}",
            SameApplicantRules.CreditCode when Normal(applicant.IdNumber) is { } code => $"uscc:{code}",
            _ => null,
        };
    }

    /// <summary>
    /// This application's place among the same applicant's applications received in its natural month, itself
    /// included: 1 + the earlier ones of the same applicant in the same calendar month. A new month starts again at 1.
    /// </summary>
    public static int PositionInMonth(Applicant applicant, DateOnly receivedOn, IEnumerable<EarlierApplication> earlier, FeePolicy policy)
    {
        if (Key(applicant, policy) is not { } key) return 1;
        return 1 + earlier.Count(e => e.ReceivedOn.Year == receivedOn.Year && e.ReceivedOn.Month == receivedOn.Month
                                      && Key(e.Applicant, policy) == key);
    }

    private static string? Normal(string? value)
    {
        var trimmed = string.Concat((value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
        return trimmed.Length == 0 || trimmed == PersonalDataErased.Placeholder.ToUpperInvariant() ? null : trimmed;
    }
}
