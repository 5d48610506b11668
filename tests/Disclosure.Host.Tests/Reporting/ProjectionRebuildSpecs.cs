using Disclosure.Host.Letters;
using Disclosure.Host.Reporting;
using Disclosure.Host.Search;
using Disclosure.Host.Infrastructure;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;

namespace Disclosure.Host.Tests.Reporting;

/// <summary>
/// How the async daemon runs the statistics projections (README, "Projection rebuild"): a batch costs a read, a transaction
/// and a progress write whatever its size, so they read 5,000 events a batch, and a rebuild writes each agency-year's
/// document once at the end instead of after every batch. The search index keeps Marten's 500 (not measured at other sizes).
/// That the figures come out the same after a rebuild: ReportSpecs.Rebuilding_the_projection_gives_identical_figures.
/// </summary>
public class ProjectionRebuildSpecs(AppFixture fixture) : HostScenario(fixture)
{
    private AsyncOptions DaemonOptionsOf(string projection)
    {
        Assert.True(((DocumentStore)Store).Options.Projections.TryFindProjection(projection, out var source), projection);
        return Assert.IsAssignableFrom<ProjectionBase>(source).Options;
    }

    [Fact]
    public void The_statistics_projections_read_large_batches_and_a_rebuild_writes_their_documents_at_the_end()
    {
        foreach (var projection in new[] { ReportTallyProjection.ProjectionName, LetterStatisticsProjection.ProjectionName })
        {
            var options = DaemonOptionsOf(projection);
            Assert.Equal(5000, options.BatchSize);
            Assert.Equal(1000, options.RebuildFlushThreshold);
        }
        Assert.Equal(500, DaemonOptionsOf(SearchIndexProjection.ProjectionName).BatchSize);
    }

    [Fact]
    public void The_daemon_settings_come_from_the_EventStore_section()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventStore:DaemonBatchSize"] = "700",
            ["EventStore:SearchBatchSize"] = "300",
            ["EventStore:RebuildFlushThreshold"] = "0",
        }).Build();
        var tuning = config.GetSection("EventStore").Get<EventStoreTuning>()!;
        Assert.Equal(new EventStoreTuning { DaemonBatchSize = 700, SearchBatchSize = 300, RebuildFlushThreshold = 0 }, tuning);
        var options = EventStore.Options("Host=127.0.0.1", "disclosure", new Disclosure.Host.Calendar.CalendarStore(Domain.Applications.ClockSettings.Default), tuning);
        Assert.True(options.Projections.TryFindProjection(ReportTallyProjection.ProjectionName, out var tally));
        Assert.Equal(700, ((ProjectionBase)tally).Options.BatchSize);
        Assert.Equal(0, ((ProjectionBase)tally).Options.RebuildFlushThreshold);
    }
}
