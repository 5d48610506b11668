using Disclosure.Domain;
using Disclosure.Domain.Applications;
using JasperFx.Events;

namespace Disclosure.Host.Applications;

public sealed record HistoryEntry(long Version, string Type, string? Label, DateOnly? BusinessDate, DateTimeOffset RecordedAt, string? User, string? CorrelationId, object Data);

public sealed record ApplicationView(
    Guid Id, string TrackingNumber, string Agency, [property: Codes(typeof(Channels))] string Channel, Applicant Applicant, string Description,
    DateOnly? SubmittedOn, DateOnly ReceivedOn, [property: Codes(typeof(ApplicationStatuses))] string Status, string StatusLabel, bool Overdue,
    DateOnly? DueOn, Deadline? Deadline, [property: Codes(typeof(Outcomes))] string? Outcome, string? OutcomeLabel, DateOnly? DecidedOn,
    IReadOnlyList<ComplianceWarning> Warnings, CorrectionStep? Correction, IReadOnlyList<Consultation> Consultations,
    Extension? Extension, FeeStep? Fee, IReadOnlyList<Answer> SupersededAnswers, IReadOnlyList<Review> Reviews,
    Guid? FromLetterId, string? FromLetterNumber, Guid? LetterId, string? LetterNumber,
    long Version, IReadOnlyList<HistoryEntry>? History)
{
    public static ApplicationView From(Application a, DateOnly today, IReadOnlyList<IEvent>? events = null) => new(
        a.Id, a.TrackingNumber, a.Agency, a.Channel, a.Applicant, a.Description, a.SubmittedOn, a.ReceivedOn,
        a.Status, ApplicationStatuses.All.Find(a.Status)?.Label ?? a.Status, a.IsOverdue(today),
        a.DueOn, a.Deadline, a.Answer?.Outcome, Outcomes.All.Find(a.Answer?.Outcome)?.Label, a.Answer?.DecidedOn,
        a.Warnings, a.Correction, a.Consultations, a.Extension, a.Fee, a.SupersededAnswers, a.Reviews,
        a.FromLetterId, a.FromLetterNumber, a.LetterId, a.LetterNumber,
        a.Version, events?.Select(ToHistory).ToList());

    // recorded time at PostgreSQL's precision (microseconds): a step answers from the events it just appended, a read
    // from the stored ones, and both must say the same
    public static HistoryEntry ToHistory(IEvent e) => new(
        e.Version, e.EventTypeName, EventLabels.GetValueOrDefault(e.EventTypeName), (e.Data as ICaseEvent)?.BusinessDate,
        e.Timestamp.AddTicks(-(e.Timestamp.Ticks % TimeSpan.TicksPerMicrosecond)), e.UserName, e.CorrelationId, e.Data);

    /// <summary>What a clerk reads for each kind of step.</summary>
    public static readonly IReadOnlyDictionary<string, string> EventLabels = new Dictionary<string, string>
    {
        [EventNames.ApplicationReceived] = "收到申请", [EventNames.CorrectionRequested] = "补正告知", [EventNames.CorrectionReceived] = "收到补正",
        [EventNames.CorrectionLapsed] = "逾期未补正，不再处理", [EventNames.ConsultationSent] = "征求意见", [EventNames.ConsultationReplied] = "收到意见",
        [EventNames.ConsultationLapsed] = "征求意见期满", [EventNames.ExtensionApproved] = "延期答复", [EventNames.FeeNoticeSent] = "收费通知",
        [EventNames.FeePaid] = "缴费", [EventNames.FeeLapsed] = "逾期未缴费，不再处理", [EventNames.ApplicationWithdrawn] = "申请人撤回", [EventNames.DecisionRecorded] = "答复",
        [EventNames.DecisionCorrected] = "更正答复", [EventNames.ReviewFiled] = "行政复议或诉讼", [EventNames.ReviewConcluded] = "复议或诉讼结果",
        [EventNames.DueDateRederived] = "节假日调整，期限重算", [EventNames.CarriedForward] = "结转下年度继续办理",
        [EventNames.CarryForwardReversed] = "撤销结转（答复在上年度内）", [EventNames.PersonalDataErased] = "个人信息已删除",
        [EventNames.ApplicationTurnedIntoLetter] = "转为市长信箱来信", [EventNames.ApplicationRelated] = "关联申请",
        [EventNames.LetterReceived] = "收到来信", [EventNames.LetterAccepted] = "受理", [EventNames.LetterRejected] = "不予受理", [EventNames.LetterAssigned] = "转办",
        [EventNames.LetterReturned] = "部门退回", [EventNames.LetterExtensionApproved] = "延期", [EventNames.LetterReplied] = "答复", [EventNames.FeedbackRecorded] = "回访",
        [EventNames.LetterClosed] = "办结", [EventNames.LetterReclassified] = "转为政府信息公开申请",
        [EventNames.LetterDueDateRederived] = "节假日调整，期限重算",
    };
}

/// <summary>A line of a list: identity numbers and phone numbers masked (个人信息保护法: minimum necessary).</summary>
public sealed record ApplicationSummary(
    Guid Id, string TrackingNumber, [property: Codes(typeof(ApplicantCategories))] string ApplicantCategory, string ApplicantName, string? ApplicantIdNumber, string? ApplicantPhone,
    [property: Codes(typeof(Channels))] string Channel, DateOnly ReceivedOn, [property: Codes(typeof(ApplicationStatuses))] string Status, DateOnly? DueOn, bool Overdue,
    [property: Codes(typeof(Outcomes))] string? Outcome, DateOnly? DecidedOn, int Warnings,
    IReadOnlyList<int> CarriedForwardFrom, string? Note)
{
    public static ApplicationSummary From(Application a, DateOnly today) => new(
        a.Id, a.TrackingNumber, a.Applicant.Category, a.Applicant.Name, Mask.IdNumber(a.Applicant.IdNumber), Mask.Phone(a.Applicant.Phone),
        a.Channel, a.ReceivedOn, a.Status, a.DueOn, a.IsOverdue(today), a.Answer?.Outcome, a.Answer?.DecidedOn, a.Warnings.Count,
        a.CarriedForwardFrom, a.CarriedForwardFrom.Count > 0 ? $"{string.Join("、", a.CarriedForwardFrom.Order())} 年结转下年度继续办理" : null);
}

public static class Mask
{
    /// <summary>110101199003071234 → 110101********1234: enough to tell two people apart, not to impersonate one.</summary>
    public static string? IdNumber(string? id) => id is null ? null
        : id.Length <= 8 ? new string('*', id.Length)
        : id[..Math.Min(6, id.Length - 4)] + new string('*', id.Length - Math.Min(6, id.Length - 4) - 4) + id[^4..];

    /// <summary>13812345678 → 138****5678.</summary>
    public static string? Phone(string? phone) => phone is null ? null
        : phone.Length <= 7 ? new string('*', phone.Length)
        : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
