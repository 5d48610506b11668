using Disclosure.Domain.Applications;
using Disclosure.Host.Calendar;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Disclosure.Host.Applications;

/// <summary>
/// The case as handlers see it, kept inline with its stream. After each event the statutory clock is
/// recomputed with the calendar in force, so lists can filter on <c>dueOn</c>.
/// </summary>
public sealed class ApplicationProjection : SingleStreamProjection<Application, Guid>
{
    private readonly CalendarStore calendars;

    public ApplicationProjection(CalendarStore calendars)
    {
        this.calendars = calendars;
        foreach (var type in Infrastructure.EventStore.Implementing<IApplicationEvent>()) IncludeType(type);
    }

    public override Application Evolve(Application? snapshot, Guid id, IEvent e)
    {
        snapshot ??= new Application();
        snapshot.Fold(e.Data);
        snapshot.Version = e.Version;
        snapshot.Refresh(calendars.Current, calendars.Settings);
        return snapshot;
    }
}
