using System.Text;
using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Search.Repeats;

/// <summary>How two applicants were found to be the same one. Says which identity matched, never its value.</summary>
public enum ApplicantMatch
{
    None,
    /// <summary>The same identity document number (证件号码).</summary>
    IdNumber,
    /// <summary>The same unified social credit code (统一社会信用代码).</summary>
    CreditCode,
    /// <summary>The same name and the same telephone number.</summary>
    NameAndPhone,
}

/// <summary>
/// 同一申请人 — the ONE definition of an applicant's identity, written one way whatever way the form was filled in: a natural
/// person by the ID number (证件号码), an organisation by its unified social credit code (统一社会信用代码,
/// <c>applicant.creditCode</c>), anyone by the name with the phone. Both the repeat check (条例第三十五条、第三十六条第（六）项:
/// <see cref="Match"/>, the widest: any of the three agreeing) and the fee's monthly count (国办函〔2020〕109号 art. 4:
/// <see cref="SameForFees"/>, under the agency's rule) read it. A name alone is not enough: 王伟 is many people.
/// The ID number is personal data: <see cref="ToString"/> masks it and no explanation names it.
/// </summary>
public sealed class ApplicantKey : IEquatable<ApplicantKey>
{
    public string Category { get; }
    public string Name { get; }
    public string? IdNumber { get; }
    public string? CreditCode { get; }
    public string? Phone { get; }

    private ApplicantKey(string category, string name, string? idNumber, string? creditCode, string? phone)
    {
        Category = category; Name = name; IdNumber = idNumber; CreditCode = creditCode; Phone = phone;
    }

    public static ApplicantKey Of(string category, string? name, string? idNumber, string? phone, string? creditCode = null) =>
        new(category, NormaliseName(name), NormaliseCode(idNumber), NormaliseCode(creditCode), NormalisePhone(phone));

    /// <summary>
    /// From an application's applicant. An organisation is identified by its unified social credit code (intake-form: 名称;
    /// 统一社会信用代码), recorded in <c>applicant.creditCode</c>; an organisation logged before that field existed had it typed
    /// as the identity number, which is read in its place only when no credit code was recorded.
    /// </summary>
    public static ApplicantKey Of(Applicant applicant) => applicant.Category == ApplicantCategories.NaturalPerson
        ? Of(applicant.Category, applicant.Name, applicant.IdNumber, applicant.Phone)
        : Of(applicant.Category, applicant.Name, null, applicant.Phone, applicant.CreditCode ?? applicant.IdNumber);

    /// <summary>The identity document of the applicant's kind: the ID number of a person, the credit code of an organisation.</summary>
    public string? Identity => Category == ApplicantCategories.NaturalPerson ? IdNumber : CreditCode;

    /// <summary>The name with the phone, when both are known (erased applicants have neither).</summary>
    public bool HasNameAndPhone => Name.Length > 0 && Phone is not null;

    /// <summary>
    /// The same applicant for the monthly count of 按件 (国办函〔2020〕109号 art. 4 says only "同一申请人": the agency's rule).
    /// <paramref name="byNameAndPhone"/>: the rule is the name with the phone. Otherwise by identity (<see cref="Identity"/>):
    /// two applicants who both gave one are the same only if it agrees; when either gave none, they are compared by name and
    /// phone if <paramref name="countUnidentified"/> (the default: a person who leaves the ID number out is still counted),
    /// else never (each such application counts alone).
    /// </summary>
    public bool SameForFees(ApplicantKey other, bool byNameAndPhone, bool countUnidentified)
    {
        if (Category == ApplicantCategories.NaturalPerson != (other.Category == ApplicantCategories.NaturalPerson)) return false;
        var sameNameAndPhone = HasNameAndPhone && Name == other.Name && Phone == other.Phone;
        if (byNameAndPhone) return sameNameAndPhone;
        if (Identity is { } mine && other.Identity is { } theirs) return mine == theirs;
        return countUnidentified && sameNameAndPhone;
    }

    public ApplicantMatch Match(ApplicantKey other)
    {
        if (IdNumber is not null && IdNumber == other.IdNumber) return ApplicantMatch.IdNumber;
        if (CreditCode is not null && CreditCode == other.CreditCode) return ApplicantMatch.CreditCode;
        if (HasNameAndPhone && Name == other.Name && Phone == other.Phone) return ApplicantMatch.NameAndPhone;
        return ApplicantMatch.None;
    }

    public bool IsSameAs(ApplicantKey other) => Match(other) != ApplicantMatch.None;

    /// <summary>
    /// Full-width → half-width, no spaces, one middle dot for the several people type in names like 阿依古丽·买买提,
    /// Latin lower case (organisation names in English).
    /// </summary>
    public static string NormaliseName(string? name)
    {
        var folded = FoldedText.Fold(name ?? "");
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c)) continue;
            sb.Append(c is '•' or '・' or '･' or '‧' or '∙' or '.' ? '·' : c);
        }
        return sb.ToString();
    }

    /// <summary>ID numbers and credit codes: half-width, upper case (a final x is X), without spaces or hyphens; empty → null.</summary>
    public static string? NormaliseCode(string? code)
    {
        var folded = FoldedText.Fold(code ?? "");
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
            if (!char.IsWhiteSpace(c) && c is not ('-' or '‐' or '–' or '—')) sb.Append(char.ToUpperInvariant(c));
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>
    /// Digits only, without the country code: "+86 138-1234-5678", "0086 13812345678" and "(+86)13812345678" are
    /// 13812345678. A landline written internationally gets its trunk 0 back: "+86 898 6612 3456" is 089866123456.
    /// </summary>
    public static string? NormalisePhone(string? phone)
    {
        var folded = FoldedText.Fold(phone ?? "");
        var international = false;
        var digits = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (c == '+' && digits.Length == 0) international = true;
            else if (c is >= '0' and <= '9') digits.Append(c);
        }
        var s = digits.ToString();
        if (s.StartsWith("0086", StringComparison.Ordinal)) (s, international) = (s[4..], true);
        else if (international && s.StartsWith("86", StringComparison.Ordinal)) s = s[2..];
        else if (s.Length == 13 && s.StartsWith("861", StringComparison.Ordinal)) (s, international) = (s[2..], true); // 8613812345678
        if (international && s.Length > 0 && s[0] is not ('0' or '1')) s = "0" + s;
        return s.Length == 0 ? null : s;
    }

    public bool Equals(ApplicantKey? other) => other is not null && Category == other.Category && Name == other.Name
        && IdNumber == other.IdNumber && CreditCode == other.CreditCode && Phone == other.Phone;

    public override bool Equals(object? obj) => Equals(obj as ApplicantKey);
    public override int GetHashCode() => HashCode.Combine(Category, Name, IdNumber, CreditCode, Phone);

    /// <summary>For logs and test output: the ID number and phone masked as lists show them (4601**********123X, 138****5678).</summary>
    public override string ToString() =>
        $"{Category} {Name} id={Mask(IdNumber, 4, 4)} credit={CreditCode ?? "-"} phone={Mask(Phone, 3, 4)}";

    private static string Mask(string? value, int head, int tail) => value switch
    {
        null => "-",
        _ when value.Length > head + tail => value[..head] + new string('*', value.Length - head - tail) + value[^tail..],
        _ => new string('*', value.Length),
    };
}
