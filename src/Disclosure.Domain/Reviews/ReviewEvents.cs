using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Reviews;

// The facts of a review case (行政复议, 行政诉讼 first instance, 上诉) brought against the handling of one application. The
// case has its own stream; every event carries the business date on which the step happened.

/// <summary>An event of a review case's stream; its projection folds every type that implements it.</summary>
public interface IReviewEvent : ICaseEvent;

/// <summary>
/// The agency received the copy of the 复议 application (行政复议法第四十八条、第五十四条) or of the complaint / appeal
/// (行政诉讼法第六十七条): its reply clock starts the day after <c>ReceivedOn</c>. Counted in table 四 in the year filed.
/// </summary>
[Label("收到复议申请书或起诉状副本")]
[StoredName(EventNames.ReviewReceived)]
public sealed record ReviewReceived(
    Guid ReviewId, string Agency, string TrackingNumber, Guid ApplicationId, string ApplicationNumber,
    string Kind, string Procedure, DateOnly FiledOn, DateOnly ReceivedOn) : IReviewEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => ReceivedOn;
}

/// <summary>
/// The agency's written reply (书面答复, 行政复议法第四十八条) or defence (答辩状, 行政诉讼法第六十七条) filed with the evidence
/// and basis of its act. <c>Late</c>: filed after the reply was due (an agency that does not reply in time is treated as
/// having no evidence, 行政复议法第七十条; 行政诉讼法第三十四条第二款).
/// </summary>
[Label("提交书面答复（答辩状）及证据")]
[StoredName(EventNames.ReviewReplyFiled)]
public sealed record ReviewReplyFiled(DateOnly FiledOn, IReadOnlyList<string> Evidence, DateOnly DueOn, bool Late) : IReviewEvent
{
    DateOnly ICaseEvent.BusinessDate => FiledOn;
}

/// <summary>
/// The 复议 decision or the judgment: its outcome (null when only the table-四 result was recorded, through the
/// application's 复议或诉讼结果 step), its table-四 result, and the date by which the agency must answer the application again
/// (重新答复, when the decision orders it). Carries the kind and filing date: table 四 counts a review in the year filed.
/// </summary>
[Label("复议决定或裁判")]
[StoredName(EventNames.ReviewDecided)]
public sealed record ReviewDecided(DateOnly DecidedOn, string? Outcome, string Result, DateOnly? NewAnswerBy, string Kind, DateOnly FiledOn)
    : IReviewEvent, ICountedInReport
{
    DateOnly ICaseEvent.BusinessDate => DecidedOn;
}

/// <summary>
/// A holiday notice loaded or corrected moved the reply due date of a review whose reply is still owed (the 工作日 of
/// 行政复议法第八十八条, the 法定休假日 that extends a lawsuit's period): the old date, the new one and why. The clock is
/// recomputed from the facts; this event records that it moved.
/// </summary>
[Label("节假日调整，答复期限重算")]
[StoredName(EventNames.ReviewReplyDueRederived)]
public sealed record ReviewReplyDueRederived(DateOnly On, DateOnly? OldDueOn, DateOnly? NewDueOn, string Reason) : IReviewEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>
/// The evidence bundle (证据材料) filed with the reply, kept with the review: one PDF of the application as it stood when the
/// reply was filed (<c>AsOf</c>) — its facts, clock, every notice with its deliveries, the history, then each notice as
/// kept — built once and served unchanged afterwards, whatever happens to the application later. The agency files its
/// 证据、依据 with the reply (行政复议法第四十八条; 行政诉讼法第六十七条) and may not gather more afterwards (行政复议法第四十六条,
/// 行政诉讼法第三十五条): what it filed is what the 复议机关 or court decides on. <c>Sha256</c> (hex) and <c>Length</c> identify
/// the kept bytes.
/// </summary>
[Label("保存证据材料（随答复提交）")]
[StoredName(EventNames.ReviewEvidenceKept)]
public sealed record ReviewEvidenceKept(DateOnly On, DateTimeOffset AsOf, string Sha256, long Length, int Pages) : IReviewEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}
