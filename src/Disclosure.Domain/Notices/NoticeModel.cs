using System.Globalization;

namespace Disclosure.Domain.Notices;

/// <summary>
/// What a notice template sees: plain strings, dates, numbers and lists, no domain objects. <see cref="ToValues"/> gives
/// the names a template uses (snake_case, listed in <see cref="NoticeValues"/>); every name is always present, empty
/// where a kind does not use it, so a misspelt name is an error and not a silent blank.
/// </summary>
public sealed record NoticeModel(
    string Kind, string Title, string AgencyName, string Number, DateOnly IssuedOn,
    string Addressee, string Pronoun, IReadOnlyList<string> ContactLines)
{
    public CaseFacts? Case { get; init; }
    public AnswerFacts? Answer { get; init; }
    public CorrectionFacts? Correction { get; init; }
    public ExtensionFacts? Extension { get; init; }
    public ConsultationFacts? Consultation { get; init; }
    public FeeFacts? Fee { get; init; }

    public Dictionary<string, object> ToValues() => NoticeValues.From(this);
}

/// <summary>The application the notice is about.</summary>
public sealed record CaseFacts(string TrackingNumber, DateOnly ReceivedOn, string Request, string Channel, DateOnly? DueOn);

/// <summary>An answer (告知书): findings, decision, reasons, legal basis, way of provision, remedies.</summary>
public sealed record AnswerFacts(
    string Outcome, string Findings, string Decision, IReadOnlyList<string> Reasons, string LegalBasis,
    IReadOnlyList<string> Provision, string Remedies, bool ReconsiderationFirst);

/// <summary>补正告知 (条例第三十条): what to correct, by when, and the rule on restart and lapse.</summary>
public sealed record CorrectionFacts(IReadOnlyList<string> Items, DateOnly CorrectBy, string Guidance, string Rule);

/// <summary>延期答复 (条例第三十三条第二款).</summary>
public sealed record ExtensionFacts(int WorkingDays, DateOnly? OriginalDueOn, DateOnly NewDueOn, string ApprovedBy, string Reason, string Rule);

/// <summary>征求意见 (条例第三十二条、第三十四条) — to the party consulted or, in the notice to the applicant, about it.</summary>
public sealed record ConsultationFacts(string Party, DateOnly SentOn, string Information, string Question, int ReplyWithinWorkingDays, string Rule);

/// <summary>收费通知 (国办函〔2020〕109号): basis, bands, amount, the computation, how to pay, the payment period.</summary>
public sealed record FeeFacts(
    string Basis, string Method, string Bands, decimal AmountYuan, IReadOnlyList<string> Lines, string Total,
    IReadOnlyList<string> HowToPay, int PayWithinWorkingDays, string Rule);

/// <summary>The names a template sees and how dates and amounts read in them.</summary>
public static class NoticeValues
{
    /// <summary>2025年3月3日 — the form of dates in official documents.</summary>
    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    private static string Date(DateOnly? date) => date is { } d ? Date(d) : "";
    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    private static List<string> List(IReadOnlyList<string>? items) => items?.ToList() ?? [];

    public static Dictionary<string, object> From(NoticeModel m) => new()
    {
        ["kind"] = m.Kind,
        ["title"] = m.Title,
        ["number"] = m.Number,
        ["issued_on"] = Date(m.IssuedOn),
        ["addressee"] = m.Addressee,
        ["pronoun"] = m.Pronoun,
        ["agency"] = new Dictionary<string, object> { ["name"] = m.AgencyName, ["contact"] = List(m.ContactLines) },
        ["application"] = new Dictionary<string, object>
        {
            ["tracking_number"] = m.Case?.TrackingNumber ?? "",
            ["received_on"] = Date(m.Case?.ReceivedOn),
            ["request"] = m.Case?.Request ?? "",
            ["channel"] = m.Case?.Channel ?? "",
            ["due_on"] = Date(m.Case?.DueOn),
        },
        ["answer"] = new Dictionary<string, object>
        {
            ["outcome"] = m.Answer?.Outcome ?? "",
            ["findings"] = m.Answer?.Findings ?? "",
            ["decision"] = m.Answer?.Decision ?? "",
            ["reasons"] = List(m.Answer?.Reasons),
            ["legal_basis"] = m.Answer?.LegalBasis ?? "",
            ["provision"] = List(m.Answer?.Provision),
            ["remedies"] = m.Answer?.Remedies ?? "",
            ["reconsideration_first"] = m.Answer?.ReconsiderationFirst ?? false,
        },
        ["correction"] = new Dictionary<string, object>
        {
            ["items"] = List(m.Correction?.Items),
            ["correct_by"] = Date(m.Correction?.CorrectBy),
            ["guidance"] = m.Correction?.Guidance ?? "",
            ["rule"] = m.Correction?.Rule ?? "",
        },
        ["extension"] = new Dictionary<string, object>
        {
            ["working_days"] = m.Extension is { } e ? e.WorkingDays.ToString(CultureInfo.InvariantCulture) : "",
            ["original_due_on"] = Date(m.Extension?.OriginalDueOn),
            ["new_due_on"] = Date(m.Extension?.NewDueOn),
            ["approved_by"] = m.Extension?.ApprovedBy ?? "",
            ["reason"] = m.Extension?.Reason ?? "",
            ["rule"] = m.Extension?.Rule ?? "",
        },
        ["consultation"] = new Dictionary<string, object>
        {
            ["party"] = m.Consultation?.Party ?? "",
            ["sent_on"] = Date(m.Consultation?.SentOn),
            ["information"] = m.Consultation?.Information ?? "",
            ["question"] = m.Consultation?.Question ?? "",
            ["reply_within"] = m.Consultation is { } c ? c.ReplyWithinWorkingDays.ToString(CultureInfo.InvariantCulture) : "",
            ["rule"] = m.Consultation?.Rule ?? "",
        },
        ["fee"] = new Dictionary<string, object>
        {
            ["basis"] = m.Fee?.Basis ?? "",
            ["method"] = m.Fee?.Method ?? "",
            ["bands"] = m.Fee?.Bands ?? "",
            ["amount"] = m.Fee is { } f ? Number(f.AmountYuan) : "",
            ["lines"] = List(m.Fee?.Lines),
            ["total"] = m.Fee?.Total ?? "",
            ["how_to_pay"] = List(m.Fee?.HowToPay),
            ["pay_within"] = m.Fee is { } g ? g.PayWithinWorkingDays.ToString(CultureInfo.InvariantCulture) : "",
            ["rule"] = m.Fee?.Rule ?? "",
        },
    };
}
