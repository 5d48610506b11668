using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Disclosure.Host.Reporting;

/// <summary>
/// The yearly tallies behind the annual report, kept by the async daemon (never inline: a hot row per
/// agency-year would serialise intake). Each event goes to the year(s) it counts in; a corrected decision
/// dated in another year goes to both, out of one and into the other.
/// </summary>
public sealed class ReportTallyProjection : MultiStreamProjection<YearTally, string>
{
    public const string ProjectionName = "ReportTally";

    public ReportTallyProjection()
    {
        Name = ProjectionName;
        // the event types the tally counts, by convention; each goes to the year(s) it counts in
        Identities<IEvent<ICountedInReport>>(e => YearTally.YearsOf(e.Data).Select(year => YearTally.Key(e.TenantId, year)).ToList());
        foreach (var type in Infrastructure.EventStore.Implementing<ICountedInReport>()) IncludeType(type);
    }

    public override YearTally Evolve(YearTally? snapshot, string id, IEvent e)
    {
        if (snapshot is null)
        {
            var slash = id.LastIndexOf('/');
            snapshot = new YearTally { Id = id, Agency = id[..slash], Year = int.Parse(id[(slash + 1)..]) };
        }
        snapshot.Count(e.Data);
        return snapshot;
    }
}

/// <summary>Table 二, the narrative and the filings of one agency-year, kept inline with their stream.</summary>
public sealed class ReportFileProjection : Marten.Events.Aggregation.SingleStreamProjection<ReportFile, Guid>
{
    public ReportFileProjection()
    {
        foreach (var type in Infrastructure.EventStore.Implementing<IReportFileEvent>()) IncludeType(type);
    }

    public override ReportFile Evolve(ReportFile? snapshot, Guid id, IEvent e)
    {
        snapshot ??= new ReportFile { Id = id, Agency = e.TenantId };
        snapshot.Fold(e.Data);
        return snapshot;
    }
}
