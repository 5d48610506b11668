using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Reviews;
using Disclosure.Host.Cases;
using JasperFx.Events;

namespace Disclosure.Host.Reviews;

/// <summary>
/// A review case with its clock and history. The evidence bundle kept with the reply is the application's case file as it
/// stood when the reply was recorded (<c>evidenceBundle.asOf</c>).
/// </summary>
public sealed record ReviewView(
    Guid Id, string TrackingNumber, string Agency, Guid ApplicationId, string ApplicationNumber,
    [property: Codes(typeof(ReviewCaseKinds))] string Kind, string KindLabel,
    [property: Codes(typeof(ReviewProcedures))] string Procedure, string ProcedureLabel,
    DateOnly FiledOn, DateOnly ReceivedOn, DateOnly? ReplyDueOn, string ReplyRule, bool AwaitingReply, bool Overdue,
    DateOnly? RepliedOn, bool RepliedLate, IReadOnlyList<string> Evidence,
    DateOnly? DecidedOn, [property: Codes(typeof(ReviewOutcomes))] string? Outcome, string? OutcomeLabel,
    [property: Codes(typeof(ReviewResults))] string? Result, DateOnly? NewAnswerBy, bool IsOpen,
    long Version, IReadOnlyList<HistoryEntry>? History)
{
    /// <summary>The evidence bundle kept with the reply (its instant, SHA-256, length and pages; <c>…/evidence</c> serves it); null until built.</summary>
    public KeptEvidence? EvidenceBundle { get; init; }

    public static ReviewView From(ReviewCase r, DateOnly today, IReadOnlyList<IEvent>? events = null) => new(
        r.Id, r.TrackingNumber, r.Agency, r.ApplicationId, r.ApplicationNumber,
        r.Kind, ReviewCaseKinds.All.Find(r.Kind)?.Label ?? r.Kind, r.Procedure, ReviewProcedures.All.Find(r.Procedure)?.Label ?? r.Procedure,
        r.FiledOn, r.ReceivedOn, r.ReplyDueOn, RuleOf(r), r.AwaitingReply, r.IsOverdue(today),
        r.RepliedOn, r.RepliedLate, r.Evidence, r.DecidedOn, r.Outcome, r.Outcome is null ? null : ReviewOutcomes.All.Find(r.Outcome)?.Label,
        r.Result, r.NewAnswerBy, r.IsOpen, r.Version, events?.Select(CaseHistory.Entry).ToList()) { EvidenceBundle = r.EvidenceBundle };

    /// <summary>The rule behind the reply due date, as a clerk reads it.</summary>
    public static string RuleOf(ReviewCase r) => ReviewCaseKinds.IsLawsuit(r.Kind)
        ? "收到起诉状副本之日起十五日内提交答辩状及证据（行政诉讼法第六十七条；期间届满日为休假日的，顺延至其后第一个工作日）"
        : r.Procedure == ReviewProcedures.Simplified
            ? "简易程序：收到复议申请书副本之日起五个工作日内提出书面答复及证据、依据（行政复议法第五十四条、第八十八条）"
            : "收到复议申请书副本之日起十个工作日内提出书面答复及证据、依据（行政复议法第四十八条、第八十八条）";
}

/// <summary>A line of the review list.</summary>
public sealed record ReviewSummary(
    Guid Id, string TrackingNumber, Guid ApplicationId, string ApplicationNumber, string Kind, string KindLabel, string Procedure,
    DateOnly ReceivedOn, DateOnly? ReplyDueOn, bool AwaitingReply, bool Overdue, DateOnly? RepliedOn, DateOnly? DecidedOn,
    string? Result, DateOnly? NewAnswerBy)
{
    public static ReviewSummary From(ReviewCase r, DateOnly today) => new(
        r.Id, r.TrackingNumber, r.ApplicationId, r.ApplicationNumber, r.Kind, ReviewCaseKinds.All.Find(r.Kind)?.Label ?? r.Kind, r.Procedure,
        r.ReceivedOn, r.ReplyDueOn, r.AwaitingReply, r.IsOverdue(today), r.RepliedOn, r.DecidedOn, r.Result, r.NewAnswerBy);
}
