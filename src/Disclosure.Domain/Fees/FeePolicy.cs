using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Fees;

/// <summary>
/// 同一申请人 — who counts as the same applicant for the monthly item count (国办函〔2020〕109号 art. 4).
/// UNVERIFIED: the 办法 says only "同一申请人", so each agency chooses the rule.
/// </summary>
public static class SameApplicantRules
{
    public const string IdNumber = "id_number";
    public const string NameAndPhone = "name_and_phone";
    public const string CreditCode = "credit_code";

    public static readonly IReadOnlyList<Term> ForPersons =
    [
        new(IdNumber, "按身份证件号码"),
        new(NameAndPhone, "按姓名和联系电话"),
    ];

    /// <remarks>An organisation's identity proof is its 统一社会信用代码, recorded in <see cref="Applicant.CreditCode"/> at intake.</remarks>
    public static readonly IReadOnlyList<Term> ForOrganisations =
    [
        new(CreditCode, "按统一社会信用代码"),
        new(NameAndPhone, "按名称和联系电话"),
    ];
}

/// <summary>The rule for natural persons as a vocabulary (a form's choice, the request policy's check).</summary>
public static class PersonsAreSameBy
{
    public static readonly IReadOnlyList<Term> All = SameApplicantRules.ForPersons;
}

/// <summary>The rule for organisations as a vocabulary.</summary>
public static class OrganisationsAreSameBy
{
    public static readonly IReadOnlyList<Term> All = SameApplicantRules.ForOrganisations;
}

/// <summary>
/// An agency's fee policy (信息处理费). The default is no fee at all (条例第四十二条第一款): a fee is the exception for
/// requests whose 数量、频次明显超过合理范围. One method per application (国办函〔2020〕109号 art. 3).
/// </summary>
/// <param name="Charges">Whether the agency charges at all.</param>
/// <param name="Method">per_item (按件) or per_page (按量), see <see cref="FeeBases"/>.</param>
/// <param name="WaivedCategories">Applicant categories never charged. UNVERIFIED in law (条例第四十二条 has no waiver): a local choice.</param>
/// <param name="CaseWaiverAllowed">Whether a clerk may waive the fee on one case with a stated reason (e.g. 低保、特困 proof). UNVERIFIED in law.</param>
/// <param name="PersonsAreSameBy">How natural persons are matched for the monthly count (<see cref="SameApplicantRules.ForPersons"/>).</param>
/// <param name="OrganisationsAreSameBy">How organisations are matched (<see cref="SameApplicantRules.ForOrganisations"/>).</param>
/// <param name="PaymentInstructions">缴纳方式 lines printed on the fee notice (account, 非税收入 code, counter).</param>
/// <param name="UnidentifiedCountAlone">
/// Under the identity rules, whether an applicant who gave no ID number (or credit code) counts alone — each such application is
/// the first of the month. Default false: they are counted by the name with the phone, else leaving the number out would
/// escape the count (11 applications with the same name and phone and no ID number in a month make the 11th 第11件).
/// </param>
public sealed record FeePolicy(
    bool Charges, string Method, IReadOnlyList<string> WaivedCategories, bool CaseWaiverAllowed,
    string PersonsAreSameBy, string OrganisationsAreSameBy, IReadOnlyList<string> PaymentInstructions, bool UnidentifiedCountAlone = false)
{
    public const string PerItem = "per_item";
    public const string PerPage = "per_page";

    public static FeePolicy None { get; } =
        new(false, PerPage, [], false, SameApplicantRules.IdNumber, SameApplicantRules.CreditCode, []);

    /// <summary>The policy itself, or a refusal naming the setting that is wrong.</summary>
    public FeePolicy Validated()
    {
        FeeBases.All.Require("method", Method);
        SameApplicantRules.ForPersons.Require("personsAreSameBy", PersonsAreSameBy);
        SameApplicantRules.ForOrganisations.Require("organisationsAreSameBy", OrganisationsAreSameBy);
        foreach (var category in WaivedCategories) ApplicantCategories.All.Require("waivedCategories", category);
        if (Charges && PaymentInstructions.All(string.IsNullOrWhiteSpace))
            throw Refusal.Invalid("paymentInstructions", "A fee notice must say how to pay (缴纳方式); give at least one line.");
        return this;
    }

    /// <summary>
    /// What an agency's fee-policy command puts in force: whatever it leaves out is as under <see cref="None"/> (no waived
    /// category, no case waiver, 同一申请人 by ID number and credit code); blank payment lines are dropped; a duplicate
    /// waived category counts once. A policy that charges names its method itself (按件 or 按量, 国办函〔2020〕109号第三条):
    /// none is assumed. A policy that cannot serve is refused naming the setting (<see cref="Validated"/>).
    /// </summary>
    public static FeePolicy Decide(bool charges, string? method, IReadOnlyList<string>? waivedCategories, bool? caseWaiverAllowed,
        string? personsAreSameBy, string? organisationsAreSameBy, IReadOnlyList<string>? paymentInstructions, bool? unidentifiedCountAlone)
    {
        var policy = new FeePolicy(charges, method ?? None.Method, waivedCategories?.Distinct().ToList() ?? [], caseWaiverAllowed ?? false,
            personsAreSameBy ?? None.PersonsAreSameBy, organisationsAreSameBy ?? None.OrganisationsAreSameBy,
            (paymentInstructions ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList(),
            unidentifiedCountAlone ?? None.UnidentifiedCountAlone).Validated();
        if (charges && method is null) throw Refusal.Invalid("method", "Choose the method the agency charges by: per_item (按件) or per_page (按量).");
        return policy;
    }
}
