using Disclosure.Domain;
using Disclosure.Host.Calendar;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Disclosure.Host.Cases;

/// <summary>
/// The case as handlers see it, kept inline with its stream: every event of its kind (<see cref="CaseKind{TCase}.EventMarker"/>)
/// folded, and after each the clock recomputed with the calendar in force, so lists can filter on <c>dueOn</c>.
/// </summary>
public abstract class CaseProjection<TCase> : SingleStreamProjection<TCase, Guid> where TCase : class, ITrackedCase
{
    private readonly CaseKind<TCase> kind;
    private readonly CalendarStore calendars;

    protected CaseProjection(CaseKind<TCase> kind, CalendarStore calendars)
    {
        this.kind = kind;
        this.calendars = calendars;
        foreach (var type in Infrastructure.EventStore.Implementing(kind.EventMarker)) IncludeType(type);
    }

    // personal_data_erased is an event of every kind of case: on another kind's stream it opens no case of this one (null:
    // Marten stores no document), or an erasure would leave a nameless open case in the agency's lists
    public override TCase? Evolve(TCase? snapshot, Guid id, IEvent e) =>
        snapshot is null && !kind.OpeningEvent.IsInstanceOfType(e.Data) ? null : kind.Evolve(snapshot, e, calendars.Current, calendars.Settings);
}
