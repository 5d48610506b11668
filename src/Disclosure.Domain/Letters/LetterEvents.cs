using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Letters;

// The facts of a mayor's-mailbox letter (市长信箱): 受理 → 转办 → 办理 → 答复 → 回访 → 办结.

public sealed record Writer(string Name, string? Phone, string? Email)
{
    public static Writer Erased { get; } = new(PersonalDataErased.Placeholder, null, null);
}

/// <summary>A letter arrived. <c>AcceptWithin</c> is the agency's limit at that moment; the query code is kept only as a hash.</summary>
public sealed record LetterReceived(
    Guid LetterId, string Agency, string TrackingNumber, string QueryCodeHash, string Channel, string Category,
    string Subject, string Body, Writer Writer, DateOnly ReceivedOn, bool PublicConsent, int AcceptWithin,
    Guid? FromApplicationId = null, string? FromApplicationNumber = null) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => ReceivedOn;
}

/// <summary>受理. <c>ReplyWithin</c> is the agency's reply limit at that moment.</summary>
public sealed record LetterAccepted(DateOnly On, int ReplyWithin) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>不予受理, with a reason code.</summary>
public sealed record LetterRejected(DateOnly On, string Reason, string? Note) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>转办/派单 to the responsible department.</summary>
public sealed record LetterAssigned(string Department, DateOnly On) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>The department objected and returned it (within 5 working days, by custom); it must be reassigned.</summary>
public sealed record LetterReturned(string Department, DateOnly On, string Reason) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

public sealed record LetterExtensionApproved(DateOnly ApprovedOn, int WorkingDays, string Reason) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => ApprovedOn;
}

/// <summary>
/// 答复. Carries what the statistics need as it stood that day: the due date, the working days taken since
/// receipt, the category and department, and the round (2+ when re-handled after an unsatisfied follow-up).
/// </summary>
public sealed record LetterReplied(DateOnly On, string Text, bool Publish, DateOnly? DueOn, int WorkingDaysTaken, string Category, string? Department, int Round) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
    public bool OnTime => DueOn is null || On <= DueOn;
}

/// <summary>回访: the writer's satisfaction; unsatisfied reopens the letter for re-handling.</summary>
public sealed record FeedbackRecorded(DateOnly On, string Satisfaction) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

public sealed record LetterClosed(DateOnly On) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

/// <summary>The letter is really a disclosure application: it became one, with the letter's receipt date as legal receipt date.</summary>
public sealed record LetterReclassified(DateOnly On, Guid ApplicationId, string ApplicationNumber) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

public sealed record LetterDueDateRederived(DateOnly On, DateOnly? OldDueOn, DateOnly? NewDueOn, string Reason) : ICaseEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

public static class LetterEventTypes
{
    public static readonly IReadOnlyList<Type> All =
    [
        typeof(LetterReceived), typeof(LetterAccepted), typeof(LetterRejected), typeof(LetterAssigned), typeof(LetterReturned),
        typeof(LetterExtensionApproved), typeof(LetterReplied), typeof(FeedbackRecorded), typeof(LetterClosed),
        typeof(LetterReclassified), typeof(LetterDueDateRederived), typeof(PersonalDataErased),
    ];
}
