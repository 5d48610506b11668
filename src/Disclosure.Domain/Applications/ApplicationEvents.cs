namespace Disclosure.Domain.Applications;

// The facts of a disclosure application (政府信息公开申请). Every event carries the business date
// on which the step happened; the time it was typed in is Marten's metadata, never used for counting.

/// <summary>Every event of a case names the business date on which it happened.</summary>
public interface ICaseEvent
{
    DateOnly BusinessDate { get; }
}

/// <summary>An event of a disclosure application's stream; the case's projection folds every type that implements it.</summary>
public interface IApplicationEvent : ICaseEvent;

/// <summary>An event the yearly report tally counts (<see cref="Reporting.YearTally"/>); the tally projection routes exactly these.</summary>
public interface ICountedInReport : ICaseEvent;

/// <summary>
/// An event that gives the case its answer (办理结果) for report table 三: it carries the report column
/// (the applicant category) so the yearly tallies can be kept from events alone.
/// </summary>
public interface IAnswerEvent : ICountedInReport
{
    DateOnly AnsweredOn { get; }
    string Outcome { get; }
    string ApplicantCategory { get; }
}

/// <remarks>
/// Stored inside <see cref="ApplicationReceived"/>: fields are only ever added at the end, optional. The later ones are what
/// 条例第二十九条 asks on the form (intake-form.md): the identity document's type, a natural person's workplace, an
/// organisation's unified social credit code, legal representative and contact person, the postal code.
/// </remarks>
public sealed record Applicant([property: Codes(typeof(ApplicantCategories))] string Category, string Name, string? IdNumber, string? Phone, string? Email, string? Address,
    string? IdType = null, string? Workplace = null, string? CreditCode = null, string? LegalRepresentative = null,
    string? ContactName = null, string? PostalCode = null)
{
    /// <summary>What remains after erasure: the report column only.</summary>
    public Applicant Erased() => new(Category, PersonalDataErased.Placeholder, null, null, null, null);
}

/// <summary>收到申请 — <c>ReceivedOn</c> is the legal receipt date (条例第三十一条), <c>SubmittedOn</c> when the applicant sent it.</summary>
/// <remarks>
/// Fields after <c>FromLetterNumber</c> were added later (optional, never renamed): the hash of the query code the applicant
/// looks the case up with (<see cref="Domain.QueryCode"/>), and what 条例第二十九条第二、三项 asks besides the description —
/// the document number (文号/索引号), the form (<see cref="InformationForms"/>) and way (<see cref="ObtainWays"/>) wanted,
/// whether another way is acceptable, and the applicant's consent to electronic delivery. Last, an application the applicant
/// submitted online (<c>AwaitsConfirmation</c>, at <c>SubmittedAt</c>): it is not received yet — 条例第三十一条 makes the day both
/// sides confirm the receipt date — so <c>ReceivedOn</c> is only the submission's day until <see cref="ApplicationConfirmed"/>.
/// </remarks>
[Label("收到申请")]
[StoredName(EventNames.ApplicationReceived)]
public sealed record ApplicationReceived(
    Guid ApplicationId, string Agency, string TrackingNumber, string Channel, Applicant Applicant,
    string Description, DateOnly? SubmittedOn, DateOnly ReceivedOn, Guid? FromLetterId = null, string? FromLetterNumber = null,
    string? QueryCodeHash = null, string? DocumentNumber = null, string? InformationForm = null, string? ObtainBy = null,
    bool? OtherWayAcceptable = null, bool? ElectronicConsent = null, bool? AwaitsConfirmation = null, DateTimeOffset? SubmittedAt = null)
    : IApplicationEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => ReceivedOn;
}

/// <summary>
/// 双方确认 (条例第三十一条第三项): the agency confirmed an application submitted online; <c>ConfirmedOn</c> is its legal receipt
/// date, from which the 20 working days run, <c>ConfirmedAt</c> the moment the applicant is shown. Counted in the report as
/// received then (the submission was not).
/// </summary>
[Label("确认收到网上申请")]
[StoredName(EventNames.ApplicationConfirmed)]
public sealed record ApplicationConfirmed(DateOnly ConfirmedOn, DateTimeOffset ConfirmedAt, string ApplicantCategory) : IApplicationEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => ConfirmedOn;
}

/// <summary>
/// An online submission the agency returned as not a disclosure application (a complaint, a consultation, an empty form…),
/// with the reason shown to the applicant. Never received: not counted in the report, no answer period.
/// </summary>
[Label("退回网上提交（不属于政府信息公开申请）")]
[StoredName(EventNames.SubmissionReturned)]
public sealed record SubmissionReturned(DateOnly On, DateTimeOffset At, string Reason) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>补正告知 (条例第三十条): one notice listing what to correct, with a reasonable period.</summary>
[Label("补正告知")]
[StoredName(EventNames.CorrectionRequested)]
public sealed record CorrectionRequested(DateOnly SentOn, IReadOnlyList<string> Items, DateOnly CorrectBy) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => SentOn;
}

/// <summary>
/// The corrected application arrived: the 20-working-day clock restarts from this day. Answered online, it carries the
/// applicant's text and the moment it arrived (fields added later, optional).
/// </summary>
[Label("收到补正")]
[StoredName(EventNames.CorrectionReceived)]
public sealed record CorrectionReceived(DateOnly ReceivedOn, string? Text = null, DateTimeOffset? At = null) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => ReceivedOn;
}

/// <summary>No correction by the date set: the application is treated as abandoned (report row （六）1).</summary>
[Label("逾期未补正，不再处理")]
[StoredName(EventNames.CorrectionLapsed)]
public sealed record CorrectionLapsed(DateOnly On, string Rule, string ApplicantCategory) : IApplicationEvent, IAnswerEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
    DateOnly IAnswerEvent.AnsweredOn => On;
    string IAnswerEvent.Outcome => Outcomes.OtherNoCorrection;
}

/// <summary>征求意见 of a third party or another agency (条例第三十二条、第三十四条); its time is not counted.</summary>
[Label("征求意见")]
[StoredName(EventNames.ConsultationSent)]
public sealed record ConsultationSent(Guid ConsultationId, DateOnly SentOn, string Party) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => SentOn;
}

[Label("收到意见")]
[StoredName(EventNames.ConsultationReplied)]
public sealed record ConsultationReplied(Guid ConsultationId, DateOnly ReceivedOn, bool? Consents) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => ReceivedOn;
}

/// <summary>No reply within 15 working days: the agency decides on its own (条例第三十二条).</summary>
[Label("征求意见期满")]
[StoredName(EventNames.ConsultationLapsed)]
public sealed record ConsultationLapsed(Guid ConsultationId, DateOnly On, string Rule) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>延期答复 (条例第三十三条): once, at most 20 working days, approved by the head of the disclosure office.</summary>
[Label("延期答复")]
[StoredName(EventNames.ExtensionApproved)]
public sealed record ExtensionApproved(DateOnly ApprovedOn, string ApprovedBy, int WorkingDays, string Reason) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => ApprovedOn;
}

/// <summary>收费通知 (条例第四十二条; 国办函〔2020〕109号). Counted in the report's section 六 of the year it was sent.</summary>
[Label("收费通知")]
[StoredName(EventNames.FeeNoticeSent)]
public sealed record FeeNoticeSent(DateOnly SentOn, decimal AmountYuan, string Basis) : IApplicationEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => SentOn;
}

/// <summary>The fee was paid; <c>AmountYuan</c> is the amount of the notice (absent on payments recorded before it was kept).</summary>
[Label("缴费")]
[StoredName(EventNames.FeePaid)]
public sealed record FeePaid(DateOnly PaidOn, decimal? AmountYuan = null) : IApplicationEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => PaidOn;
}

/// <summary>Not paid within 20 working days of the notice: treated as abandoned (report row （六）2).</summary>
[Label("逾期未缴费，不再处理")]
[StoredName(EventNames.FeeLapsed)]
public sealed record FeeLapsed(DateOnly On, string Rule, string ApplicantCategory) : IApplicationEvent, IAnswerEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
    DateOnly IAnswerEvent.AnsweredOn => On;
    string IAnswerEvent.Outcome => Outcomes.OtherFeeUnpaid;
}

/// <summary>The applicant withdrew the application (report row （六）3 其他).</summary>
[Label("申请人撤回")]
[StoredName(EventNames.ApplicationWithdrawn)]
public sealed record ApplicationWithdrawn(DateOnly On, string? Reason, string ApplicantCategory) : IApplicationEvent, IAnswerEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
    DateOnly IAnswerEvent.AnsweredOn => On;
    string IAnswerEvent.Outcome => Outcomes.OtherOther;
}

/// <summary>The answer (办理结果), one of the 21 outcome codes of report table 三.</summary>
[Label("答复")]
[StoredName(EventNames.DecisionRecorded)]
public sealed record DecisionRecorded(DateOnly DecidedOn, string Outcome, string? Note, string ApplicantCategory) : IApplicationEvent, IAnswerEvent
{
    DateOnly ICaseEvent.BusinessDate => DecidedOn;
    DateOnly IAnswerEvent.AnsweredOn => DecidedOn;
}

/// <summary>A recorded answer was wrong: the new one replaces it, the old one stays in the history and its count moves.</summary>
[Label("更正答复")]
[StoredName(EventNames.DecisionCorrected)]
public sealed record DecisionCorrected(
    DateOnly CorrectedOn, string PreviousOutcome, DateOnly PreviousDecidedOn, string Outcome, DateOnly DecidedOn, string Reason,
    string ApplicantCategory) : IApplicationEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => CorrectedOn;
}

/// <summary>行政复议 or 行政诉讼 against the agency's handling (条例第五十一条).</summary>
[Label("行政复议或诉讼")]
[StoredName(EventNames.ReviewFiled)]
public sealed record ReviewFiled(Guid ReviewId, string Kind, DateOnly FiledOn) : IApplicationEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => FiledOn;
}

/// <remarks>Carries the kind and filing date of the review: table 四 counts a review in the year it was filed.</remarks>
[Label("复议或诉讼结果")]
[StoredName(EventNames.ReviewConcluded)]
public sealed record ReviewConcluded(Guid ReviewId, DateOnly ConcludedOn, string Result, string Kind, DateOnly FiledOn) : IApplicationEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => ConcludedOn;
}

/// <summary>
/// A review case (复议, 诉讼, 上诉) was opened against the handling of this application: the link the application keeps
/// (the review's own facts, and its count in table 四, are on the review's stream — <see cref="Reviews.ReviewReceived"/>).
/// </summary>
[Label("行政复议或诉讼立案")]
[StoredName(EventNames.ReviewOpened)]
public sealed record ReviewOpened(Guid ReviewId, string ReviewNumber, string Kind, DateOnly FiledOn, DateOnly ReceivedOn) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => ReceivedOn;
}

/// <summary>
/// The review case was decided (<see cref="Reviews.ReviewDecided"/>, recorded in the same transaction). With
/// <c>NewAnswerBy</c> the decision requires a new answer (重新答复) by that date: the application is re-opened for it.
/// </summary>
[Label("复议决定或裁判结果")]
[StoredName(EventNames.ReviewOutcomeRecorded)]
public sealed record ReviewOutcomeRecorded(Guid ReviewId, DateOnly DecidedOn, string? Outcome, string Result, DateOnly? NewAnswerBy) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => DecidedOn;
}

/// <summary>An application answered 信访举报投诉类申请 (条例第三十九条) was passed to the mailbox as a letter.</summary>
[Label("转为市长信箱来信")]
[StoredName(EventNames.ApplicationTurnedIntoLetter)]
public sealed record ApplicationTurnedIntoLetter(DateOnly On, Guid LetterId, string LetterNumber) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>
/// 结转下年度继续办理: the application was still open on 31 December of <c>FromYear</c> and moves into <c>ToYear</c>.
/// Recorded by the year-end close (system actor) for every open case.
/// </summary>
[Label("结转下年度继续办理")]
[StoredName(EventNames.CarriedForward)]
public sealed record CarriedForward(int FromYear, int ToYear, string ApplicantCategory, string Rule) : IApplicationEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => new(ToYear, 1, 1);
}

/// <summary>An answer dated on or before 31 December was recorded after the close: the carry-forward did not happen.</summary>
[Label("撤销结转（答复在上年度内）")]
[StoredName(EventNames.CarryForwardReversed)]
public sealed record CarryForwardReversed(int FromYear, int ToYear, string ApplicantCategory, DateOnly AnsweredOn, string Reason) : IApplicationEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => AnsweredOn;
}

/// <summary>The holiday calendar changed and with it the answer date of an open case.</summary>
[Label("节假日调整，期限重算")]
[StoredName(EventNames.DueDateRederived)]
public sealed record DueDateRederived(DateOnly On, DateOnly? OldDueOn, DateOnly? NewDueOn, string Reason) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>
/// A handler judged this application to repeat an earlier one (<c>same_request</c>, 重复申请) or to come from the same applicant
/// (<c>same_applicant</c>, 条例第三十五条). Carries how the applicants' identities compared when it was recorded
/// (<c>MatchedBy</c>: id_number, credit_code, name_and_phone, or null) — never the identity itself.
/// </summary>
[Label("关联申请")]
[StoredName(EventNames.ApplicationRelated)]
public sealed record ApplicationRelated(DateOnly On, Guid RelatedTo, string RelatedNumber, string Kind, string? MatchedBy, DateOnly RelatedReceivedOn) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>
/// 转办/分办: the application is given to a handler (承办人) and/or a department (承办部门) within the agency, or passed on to
/// others. Carries the assignment as it stands after the step — both fields, either possibly empty — so the case folds it
/// without rules; <c>Note</c> says why (e.g. why it was passed on).
/// </summary>
[Label("转办/分办")]
[StoredName(EventNames.ApplicationAssigned)]
public sealed record ApplicationAssigned(DateOnly On, string? Handler, string? Department, string? Note) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>
/// 附件: files the applicant attached online — proof of identity (条例第二十九条第一项) or other papers — with the submission or
/// with a 补正 answered online. Only what describes them (purpose, cleaned name, the type their content showed, size, SHA-256);
/// the bytes are kept beside the case (one stored file per <see cref="AttachedFile.Id"/>) and deleted when it is erased.
/// </summary>
[Label("申请人上传附件")]
[StoredName(EventNames.FilesAttached)]
public sealed record FilesAttached(DateOnly On, DateTimeOffset At, string Occasion, IReadOnlyList<AttachedFile> Files) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>
/// The applicant withdrew an online submission before the agency confirmed it (on the status page): it never became an
/// application (条例第三十一条) — not counted in the report, no answer period — and leaves the 待确认 list.
/// </summary>
[Label("申请人撤回网上提交（未确认）")]
[StoredName(EventNames.SubmissionWithdrawn)]
public sealed record SubmissionWithdrawn(DateOnly On, DateTimeOffset At) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}
