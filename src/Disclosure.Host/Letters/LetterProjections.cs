using Disclosure.Domain.Letters;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cases;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Disclosure.Host.Letters;

/// <summary>The letter as handlers see it, kept inline (<see cref="CaseProjection{TCase}"/>); its due date is recomputed with the calendar in force.</summary>
public sealed class LetterProjection(CalendarStore calendars) : CaseProjection<Letter>(LetterKind.Instance, calendars);

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
