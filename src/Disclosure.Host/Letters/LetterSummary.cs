using Disclosure.Domain;
using Disclosure.Domain.Letters;
using Disclosure.Host.Privacy;

namespace Disclosure.Host.Letters;

/// <summary>A line of a list: the writer's phone masked.</summary>
public sealed record LetterSummary(Guid Id, string TrackingNumber, [property: Codes(typeof(LetterCategories))] string Category, string Subject,
    string WriterName, string? WriterPhone, DateOnly ReceivedOn, [property: Codes(typeof(LetterStatuses))] string Status, string? Department, DateOnly? DueOn, bool Overdue)
{
    public static LetterSummary From(Letter l, DateOnly today) => new(l.Id, l.TrackingNumber, l.Category, l.Subject, l.Writer.Name,
        Mask.Phone(l.Writer.Phone), l.ReceivedOn, l.Status, l.Department, l.DueOn, l.IsOverdue(today));
}
