using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Reporting;
using JasperFx.Events.Projections;
using Marten;

namespace Disclosure.Host.Infrastructure;

/// <summary>The Marten configuration of the product, shared by the host and the tools that seed or rebuild its store.</summary>
public static class EventStore
{
    /// <summary>The event types that implement a marker: how projections find what they handle, by convention.</summary>
    public static IEnumerable<Type> Implementing<TMarker>() =>
        Disclosure.Domain.StoredNameAttribute.All.Values.Where(t => typeof(TMarker).IsAssignableFrom(t)).OrderBy(t => t.Name);

    public static StoreOptions Options(string connectionString, string schema, CalendarStore calendars) =>
        Options(Npgsql.NpgsqlDataSource.Create(connectionString), schema, calendars);

    /// <param name="dataSource">Shared with the host's own SQL, so <see cref="PreparedStatementGuard"/> clears the one pool.</param>
    /// <param name="search">The search index (its tables and its projection); the tools that only seed or rebuild statistics go without.</param>
    public static StoreOptions Options(Npgsql.NpgsqlDataSource dataSource, string schema, CalendarStore calendars, Search.SearchIndexProjection? search = null)
    {
        var opts = new StoreOptions();
        opts.Connection(dataSource);
        opts.Logger(new PreparedStatementGuard(dataSource));
        opts.DatabaseSchemaName = schema;
        opts.UseSystemTextJsonForSerialization(casing: Weasel.Core.Casing.CamelCase);
        opts.Events.TenancyStyle = JasperFx.MultiTenancy.TenancyStyle.Conjoined;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;

        opts.Schema.For<Agency>().Identity(a => a.Id);
        opts.Schema.For<Application>().MultiTenanted()
            .Index(a => a.TrackingNumber)
            .Index(a => a.DueOn)
            .Index(a => a.ReceivedYear);
        opts.Schema.For<Disclosure.Host.Cases.IdempotencyRecord>().MultiTenanted().Index(r => r.RecordedAt);
        opts.Schema.For<YearTally>().MultiTenanted().Index(t => t.Agency).Index(t => t.Year);
        opts.Schema.For<ReportFile>().MultiTenanted();
        opts.Schema.For<Disclosure.Domain.Letters.Letter>().MultiTenanted()
            .Index(l => l.TrackingNumber).Index(l => l.DueOn).Index(l => l.Department!);
        opts.Schema.For<Disclosure.Domain.Letters.LetterStatistics>().MultiTenanted();
        opts.Schema.For<Disclosure.Host.Deadlines.Notification>().MultiTenanted().Index(n => n.CreatedAt);

        // every event type is stored under its explicit, stable name ([StoredName]), never one derived from the C# name
        foreach (var (name, type) in Disclosure.Domain.StoredNameAttribute.All) opts.Events.MapEventType(type, name);

        opts.Projections.Add(new AgencyProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ApplicationProjection(calendars), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ReportFileProjection(), ProjectionLifecycle.Inline);
        // statistics run on the async daemon: an inline tally would make every intake update one hot row
        opts.Projections.Add(new ReportTallyProjection(), ProjectionLifecycle.Async);
        opts.Projections.Add(new Disclosure.Host.Letters.LetterProjection(calendars), ProjectionLifecycle.Inline);
        opts.Projections.Add(new Disclosure.Host.Letters.LetterStatisticsProjection(), ProjectionLifecycle.Async);
        if (search is not null)
        {
            search.Tables.Register(opts);
            opts.Projections.Add(search, ProjectionLifecycle.Async);
        }


        return opts;
    }
}
