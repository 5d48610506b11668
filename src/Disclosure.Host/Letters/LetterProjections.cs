using Disclosure.Domain.Letters;
using Disclosure.Host.Calendar;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Disclosure.Host.Letters;

/// <summary>The letter as handlers see it, kept inline; its due date is recomputed with the calendar in force.</summary>
public sealed class LetterProjection : SingleStreamProjection<Letter, Guid>
{
    private readonly CalendarStore calendars;

    public LetterProjection(CalendarStore calendars)
    {
        this.calendars = calendars;
        foreach (var type in Infrastructure.EventStore.Implementing<ILetterEvent>()) IncludeType(type);
    }

    public override Letter Evolve(Letter? snapshot, Guid id, IEvent e)
    {
        snapshot ??= new Letter();
        snapshot.Fold(e.Data);
        snapshot.Version = e.Version;
        snapshot.Refresh(calendars.Current);
        return snapshot;
    }
}

/// <summary>Mailbox statistics per agency-year, on the async daemon like every statistic.</summary>
public sealed class LetterStatisticsProjection : MultiStreamProjection<LetterStatistics, string>
{
    public const string ProjectionName = "LetterStatistics";

    public LetterStatisticsProjection()
    {
        Name = ProjectionName;
        // the event types the statistics count, by convention; each counts in the year of its business date
        Identity<IEvent<ICountedInMailboxStatistics>>(e => $"{e.TenantId}/{LetterStatistics.YearOf(e.Data)}");
        foreach (var type in Infrastructure.EventStore.Implementing<ICountedInMailboxStatistics>()) IncludeType(type);
    }

    public override LetterStatistics Evolve(LetterStatistics? snapshot, string id, IEvent e)
    {
        if (snapshot is null)
        {
            var slash = id.LastIndexOf('/');
            snapshot = new LetterStatistics { Id = id, Agency = id[..slash], Year = int.Parse(id[(slash + 1)..]) };
        }
        snapshot.Count(e.Data);
        return snapshot;
    }
}
