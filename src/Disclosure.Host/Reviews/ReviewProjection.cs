using Disclosure.Domain.Reviews;
using Disclosure.Host.Calendar;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Disclosure.Host.Reviews;

/// <summary>The review case as handlers see it, kept inline; its reply due date is recomputed with the calendar in force.</summary>
public sealed class ReviewProjection : SingleStreamProjection<ReviewCase, Guid>
{
    private readonly CalendarStore calendars;

    public ReviewProjection(CalendarStore calendars)
    {
        this.calendars = calendars;
        foreach (var type in Infrastructure.EventStore.Implementing<IReviewEvent>()) IncludeType(type);
    }

    public override ReviewCase Evolve(ReviewCase? snapshot, Guid id, IEvent e)
    {
        snapshot ??= new ReviewCase();
        snapshot.Fold(e.Data);
        snapshot.Version = e.Version;
        snapshot.Refresh(calendars.Current);
        return snapshot;
    }
}
