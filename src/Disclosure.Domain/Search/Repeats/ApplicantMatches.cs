namespace Disclosure.Domain.Search.Repeats;

/// <summary>How two applicants were found to be the same one, as a code an API and a stored event carry (never the identity).</summary>
public static class ApplicantMatches
{
    public const string IdNumber = "id_number";
    public const string CreditCode = "credit_code";
    public const string NameAndPhone = "name_and_phone";

    public static readonly IReadOnlyList<Term> All =
    [
        new(IdNumber, "证件号码一致"),
        new(CreditCode, "统一社会信用代码一致"),
        new(NameAndPhone, "姓名和联系电话一致"),
    ];

    /// <summary>The code of a match; null when the applicants were not found to be the same.</summary>
    public static string? Code(ApplicantMatch match) => match switch
    {
        ApplicantMatch.IdNumber => IdNumber,
        ApplicantMatch.CreditCode => CreditCode,
        ApplicantMatch.NameAndPhone => NameAndPhone,
        _ => null,
    };
}
