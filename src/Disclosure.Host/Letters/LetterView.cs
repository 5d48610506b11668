using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using JasperFx.Events;

namespace Disclosure.Host.Letters;

public sealed record LetterView(
    Guid Id, string TrackingNumber, string Agency, [property: Codes(typeof(LetterChannels))] string Channel,
    [property: Codes(typeof(LetterCategories))] string Category, string Subject, string Body, Writer Writer,
    DateOnly ReceivedOn, bool PublicConsent, [property: Codes(typeof(LetterStatuses))] string Status, string StatusLabel, bool Overdue, DateOnly? DueOn, Deadline? Deadline,
    string? Department, DateOnly? AcceptedOn, DateOnly? RejectedOn, [property: Codes(typeof(RejectionReasons))] string? RejectionReason, string? RejectionNote, IReadOnlyList<Assignment> Assignments,
    LetterExtensionApproved? Extension, IReadOnlyList<Reply> Replies, IReadOnlyList<Feedback> Feedback, DateOnly? ClosedOn,
    Guid? ApplicationId, string? ApplicationNumber, Guid? FromApplicationId, string? FromApplicationNumber,
    long Version, IReadOnlyList<HistoryEntry>? History, bool Petition, string TimeLimitRule)
{
    /// <summary>信访: the 复查 and 复核 asked of the answer, with their 意见 (信访工作条例第三十五条、第三十六条).</summary>
    public IReadOnlyList<PetitionReview> PetitionReviews { get; init; } = [];

    public static LetterView From(Letter l, DateOnly today, IReadOnlyList<IEvent>? events = null) => new(
        l.Id, l.TrackingNumber, l.Agency, l.Channel, l.Category, l.Subject, l.Body, l.Writer, l.ReceivedOn, l.PublicConsent,
        l.Status, LetterStatuses.All.Find(l.Status)?.Label ?? l.Status, l.IsOverdue(today), l.DueOn, l.Deadline, l.Department,
        l.AcceptedOn, l.RejectedOn, l.RejectionReason, l.RejectionNote, l.Assignments, l.Extension, l.Replies, l.Feedback, l.ClosedOn,
        l.ApplicationId, l.ApplicationNumber, l.FromApplicationId, l.FromApplicationNumber, l.Version,
        events?.Select(CaseHistory.Entry).ToList(), l.Petition, LetterClock.RuleOf(l)) { PetitionReviews = l.PetitionReviews };
}
