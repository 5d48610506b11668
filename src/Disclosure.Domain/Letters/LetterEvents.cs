using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Letters;

// The facts of a mayor's-mailbox letter (市长信箱): 受理 → 转办 → 办理 → 答复 → 回访 → 办结.

/// <summary>An event of a mailbox letter's stream; the letter's projection folds every type that implements it.</summary>
public interface ILetterEvent : ICaseEvent;

/// <summary>An event the mailbox statistics count (<see cref="LetterStatistics"/>); their projection routes exactly these.</summary>
public interface ICountedInMailboxStatistics : ILetterEvent;

public sealed record Writer(string Name, string? Phone, string? Email)
{
    public static Writer Erased { get; } = new(PersonalDataErased.Placeholder, null, null);
}

/// <summary>
/// A letter arrived. <c>AcceptWithin</c> is the agency's limit at that moment; the query code is kept only as a hash.
/// <c>Petition</c>: registered as 信访 at intake, so the 信访工作条例 (2022) calendar-day limits apply (<see cref="PetitionTimeLimits"/>).
/// <c>SubmittedAt</c>: written by the writer on the public site (<c>/letters/new</c>), the moment it was sent.
/// </summary>
[Label("收到来信")]
[StoredName(EventNames.LetterReceived)]
public sealed record LetterReceived(
    Guid LetterId, string Agency, string TrackingNumber, string QueryCodeHash, string Channel, string Category,
    string Subject, string Body, Writer Writer, DateOnly ReceivedOn, bool PublicConsent, int AcceptWithin,
    Guid? FromApplicationId = null, string? FromApplicationNumber = null, bool Petition = false, DateTimeOffset? SubmittedAt = null) : ICountedInMailboxStatistics
{
    DateOnly ICaseEvent.BusinessDate => ReceivedOn;
}

/// <summary>受理. <c>ReplyWithin</c> is the agency's reply limit at that moment.</summary>
[Label("受理")]
[StoredName(EventNames.LetterAccepted)]
public sealed record LetterAccepted(DateOnly On, int ReplyWithin) : ICountedInMailboxStatistics
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>不予受理, with a reason code.</summary>
[Label("不予受理")]
[StoredName(EventNames.LetterRejected)]
public sealed record LetterRejected(DateOnly On, string Reason, string? Note) : ICountedInMailboxStatistics
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>转办/派单 to the responsible department.</summary>
[Label("转办")]
[StoredName(EventNames.LetterAssigned)]
public sealed record LetterAssigned(string Department, DateOnly On) : ICountedInMailboxStatistics
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>The department objected and returned it (within 5 working days, by custom); it must be reassigned.</summary>
[Label("部门退回")]
[StoredName(EventNames.LetterReturned)]
public sealed record LetterReturned(string Department, DateOnly On, string Reason) : ICountedInMailboxStatistics
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>
/// 延期. An ordinary letter is extended by <c>WorkingDays</c>; a 信访 letter by <c>CalendarDays</c> (at most 30, 信访工作条例第三十四条,
/// the reason told to the writer), its <c>WorkingDays</c> then 0.
/// </summary>
[Label("延期")]
[StoredName(EventNames.LetterExtensionApproved)]
public sealed record LetterExtensionApproved(DateOnly ApprovedOn, int WorkingDays, string Reason, int? CalendarDays = null) : ILetterEvent
{
    DateOnly ICaseEvent.BusinessDate => ApprovedOn;
}

/// <summary>
/// 答复. Carries what the statistics need as it stood that day: the due date, the working days taken since
/// receipt, the category and department, and the round (2+ when re-handled after an unsatisfied follow-up).
/// </summary>
[Label("答复")]
[StoredName(EventNames.LetterReplied)]
public sealed record LetterReplied(DateOnly On, string Text, bool Publish, DateOnly? DueOn, int WorkingDaysTaken, string Category, string? Department, int Round) : ICountedInMailboxStatistics
{
    DateOnly ICaseEvent.BusinessDate => On;
    public bool OnTime => DueOn is null || On <= DueOn;
}

/// <summary>回访: the writer's satisfaction; unsatisfied reopens the letter for re-handling.</summary>
[Label("回访")]
[StoredName(EventNames.FeedbackRecorded)]
public sealed record FeedbackRecorded(DateOnly On, string Satisfaction) : ICountedInMailboxStatistics
{
    DateOnly ICaseEvent.BusinessDate => On;
}

[Label("办结")]
[StoredName(EventNames.LetterClosed)]
public sealed record LetterClosed(DateOnly On) : ILetterEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>The letter is really a disclosure application: it became one, with the letter's receipt date as legal receipt date.</summary>
[Label("转为政府信息公开申请")]
[StoredName(EventNames.LetterReclassified)]
public sealed record LetterReclassified(DateOnly On, Guid ApplicationId, string ApplicationNumber) : ICountedInMailboxStatistics
{
    DateOnly ICaseEvent.BusinessDate => On;
}

[Label("节假日调整，期限重算")]
[StoredName(EventNames.LetterDueDateRederived)]
public sealed record LetterDueDateRederived(DateOnly On, DateOnly? OldDueOn, DateOnly? NewDueOn, string Reason) : ILetterEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}


/// <summary>
/// 督办: a supervisor flags the letter and sets the day by which it must be answered (12345 practice: 督办 and 回访 close the
/// loop). The letter shows on the 督办 list until it is answered; past that day unanswered, it counts as overdue there.
/// </summary>
[Label("督办")]
[StoredName(EventNames.LetterSupervised)]
public sealed record LetterSupervised(DateOnly On, DateOnly ReplyBy, string Note) : ILetterEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>
/// 登记为信访: a letter already received is registered as a 信访事项 after all; from then on the 信访工作条例 (2022)
/// calendar-day limits apply to it (受理/转送 15 日 from receipt, arts. 22–23; 办结 60 日 from 受理, art. 34).
/// </summary>
[Label("登记为信访事项")]
[StoredName(EventNames.LetterRegisteredAsPetition)]
public sealed record LetterRegisteredAsPetition(DateOnly On, string Reason) : ILetterEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>
/// 信访: the petitioner, not satisfied with the answer, asks for its 复查 (within 30 days of receiving the written answer,
/// 信访工作条例第三十五条) or, not satisfied with the 复查意见, for its 复核 (within 30 days of receiving it, 第三十六条).
/// <c>AnswerReceivedOn</c>: the day the answer being reviewed was received (its date when not known); <c>DueOn</c>: the
/// 意见 is owed 30 days after the request was received.
/// </summary>
[Label("请求复查或复核")]
[StoredName(EventNames.PetitionReviewRequested)]
public sealed record PetitionReviewRequested(string Stage, DateOnly On, DateOnly AnswerReceivedOn, DateOnly DueOn) : ILetterEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>The 复查意见 or 复核意见 given in writing (信访工作条例第三十五条、第三十六条); after the 复核, the matter is not taken up again on the same facts and grounds.</summary>
[Label("复查或复核意见")]
[StoredName(EventNames.PetitionReviewAnswered)]
public sealed record PetitionReviewAnswered(string Stage, DateOnly On, string Text, bool OnTime) : ILetterEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}
