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
    /// <summary>The members of <see cref="Application"/> kept as columns too (is_open, handler, department, due_on): see <see cref="Options(Npgsql.NpgsqlDataSource, string, CalendarStore, EventStoreTuning?, Search.SearchIndexProjection?)"/>.</summary>
    public static readonly string[] WorklistColumns = [nameof(Application.IsOpen), nameof(Application.Handler), nameof(Application.Department), nameof(Application.DueOn)];

    /// <summary>The predicate of the partial indexes of open applications, as the worklist's queries write it (the duplicated column).</summary>
    public const string OpenApplication = "is_open";

    /// <summary>The event types that implement a marker: how projections find what they handle, by convention.</summary>
    public static IEnumerable<Type> Implementing<TMarker>() => Implementing(typeof(TMarker));

    public static IEnumerable<Type> Implementing(Type marker) =>
        Disclosure.Domain.StoredNameAttribute.All.Values.Where(marker.IsAssignableFrom).OrderBy(t => t.Name);

    public static StoreOptions Options(string connectionString, string schema, CalendarStore calendars, EventStoreTuning? tuning = null) =>
        Options(PostgresDataSource.Create(connectionString), schema, calendars, tuning);

    /// <param name="dataSource">Shared with the host's own SQL, so <see cref="PreparedStatementGuard"/> clears the one pool.</param>
    /// <param name="search">The search index (its tables and its projection); the tools that only seed or rebuild statistics go without.</param>
    public static StoreOptions Options(Npgsql.NpgsqlDataSource dataSource, string schema, CalendarStore calendars, EventStoreTuning? tuning = null,
        Search.SearchIndexProjection? search = null)
    {
        tuning ??= new EventStoreTuning();
        var opts = new StoreOptions();
        opts.Connection(dataSource);
        opts.Logger(new PreparedStatementGuard(dataSource));
        opts.DatabaseSchemaName = schema;
        opts.UseSystemTextJsonForSerialization(casing: Weasel.Core.Casing.CamelCase);
        opts.Events.TenancyStyle = JasperFx.MultiTenancy.TenancyStyle.Conjoined;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        // measured levers (README, "Performance"): an index on (type, seq_id) for the daemon and rebuilds, which read only the
        // event types their projections handle; a NOTIFY on every append would wake the daemon at once instead of at its next
        // poll — measured at ~50 % more CPU per request, so off; the daemon polls for new events every 250 ms instead of
        // backing off to 1 s when the event store is quiet (one cheap query four times a second)
        opts.Events.EnableEventTypeIndex = tuning.EventTypeIndex;
        opts.Events.UseListenNotifyForEventAppends = tuning.ListenNotify;
        opts.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(tuning.DaemonPollMilliseconds);
        opts.Projections.FastPollingTime = TimeSpan.FromMilliseconds(Math.Min(250, tuning.DaemonPollMilliseconds));

        // one tracking-number code per agency, enforced by PostgreSQL: two registrations racing cannot both take it (RegisterAgency)
        opts.Schema.For<Agency>().Identity(a => a.Id)
            .UniqueIndex(Marten.Schema.UniqueIndexType.Computed, RegisterAgencyEndpoint.AgencyCodeIndex, a => a.Code);
        opts.Schema.For<Application>().MultiTenanted()
            .Index(a => a.TrackingNumber)
            .Index(a => a.DueOn)
            .Index(a => a.ReceivedYear);
        // what the console's worklist and load per handler filter, sort and count by, kept as columns beside the JSON
        // (is_open, handler, department, due_on): PostgreSQL answers the load per handler from an index alone (an
        // index-only scan; over JSON expressions it must read every open case's document: 4.2 s at 100,000 open cases,
        // README "Console at 100,000 open applications"). Marten's Duplicate() would also give each column an index of
        // its own, which nothing reads and every write would pay for; DuplicateField adds the column alone. The indexes
        // below and LINQ queries on these members then use the columns.
        opts.Policies.ForAllDocuments(m =>
        {
            if (m.DocumentType != typeof(Application)) return;
            foreach (var member in WorklistColumns) m.DuplicateField(member);
        });
        // the console's worklist reads the open cases of one agency in due order (StaffConsole.Worklist.WorklistQuery)
        opts.Schema.For<Application>().Index(a => new { a.DueOn, a.TrackingNumber }, i =>
        {
            i.Name = "mt_doc_application_idx_open_due";
            i.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
            i.Predicate = OpenApplication;
        });
        // 待确认: the online submissions nobody has confirmed yet (no due date), which lead the worklist, by number. Without it
        // PostgreSQL reads every open case without a due date to find them — at 100,000 open applications in December, the
        // ~3,500 whose period runs into a year without a holiday notice (~50 ms a page)
        opts.Schema.For<Application>().Index(a => a.TrackingNumber, i =>
        {
            i.Name = "mt_doc_application_idx_open_awaiting";
            i.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
            i.Predicate = $"{OpenApplication} and data ->> 'status' = '{ApplicationStatuses.AwaitingConfirmation}'";
        });
        // 我的: one handler's open applications in due order (WorklistQuery with a handler)
        opts.Schema.For<Application>().Index(a => new { a.Handler, a.DueOn, a.TrackingNumber }, i =>
        {
            i.Name = "mt_doc_application_idx_open_handler";
            i.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
            i.Predicate = OpenApplication;
        });
        // 本部门: one department's open applications in due order
        opts.Schema.For<Application>().Index(a => new { a.Department, a.DueOn, a.TrackingNumber }, i =>
        {
            i.Name = "mt_doc_application_idx_open_department";
            i.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
            i.Predicate = OpenApplication;
        });
        // 承办人工作量: the open applications counted per handler and department, overdue and due soon, from this index alone
        opts.Schema.For<Application>().Index(a => new { a.Handler, a.Department, a.DueOn }, i =>
        {
            i.Name = "mt_doc_application_idx_open_load";
            i.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
            i.Predicate = OpenApplication;
        });
        // the closed applications of an agency: the candidates of a drill-down behind an outcome figure of table 三
        // (Reporting.GetReportCellEndpoint), found without reading the open ones
        opts.Schema.For<Application>().Index(a => a.IsOpen, i =>
        {
            i.Name = "mt_doc_application_idx_closed";
            i.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
            i.Predicate = "is_open is null or not is_open"; // as Marten writes !a.IsOpen (the column is never null)
        });
        opts.Schema.For<Disclosure.Domain.Letters.Letter>().Index(l => new { l.DueOn, l.TrackingNumber }, i =>
        {
            i.Name = "mt_doc_letter_idx_open_due";
            i.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
            i.Predicate = "data ->> 'awaitingAction' = 'true'";
        });
        opts.Schema.For<Disclosure.Host.Cases.IdempotencyRecord>().MultiTenanted().Index(r => r.RecordedAt).Index(r => r.CaseId);
        opts.Schema.For<Disclosure.Host.Cases.DataProtectionKey>().Identity(k => k.Id); // the key ring every node reads (default tenant)
        opts.Schema.For<YearTally>().MultiTenanted().Index(t => t.Agency).Index(t => t.Year);
        opts.Schema.For<ReportFile>().MultiTenanted();
        opts.Schema.For<Disclosure.Domain.Letters.Letter>().MultiTenanted()
            .Index(l => l.TrackingNumber).Index(l => l.DueOn).Index(l => l.Department!)
            // the public list of published replies, newest first (PublishedReplies); letters written online per phone and day (SubmitLetter)
            .Index(l => l.PublishedReplyOn!).Index(l => l.Writer.Phone!);
        opts.Schema.For<Disclosure.Domain.Letters.LetterStatistics>().MultiTenanted();
        opts.Schema.For<Disclosure.Domain.Reviews.ReviewCase>().MultiTenanted()
            .Index(r => r.TrackingNumber).Index(r => r.ApplicationId).Index(r => r.DueOn);
        opts.Schema.For<Disclosure.Host.Reviews.ReviewEvidencePdf>().MultiTenanted();
        opts.Schema.For<Disclosure.Host.Deadlines.Notification>().MultiTenanted().Index(n => n.CreatedAt);
        // written notices: an agency's setup (like the agency, not tenant data), the documents as issued, their PDFs
        opts.Schema.For<Disclosure.Domain.Notices.NoticeSetup>().Identity(s => s.Id);
        opts.Schema.For<Disclosure.Host.StaffConsole.SignIn.StaffMember>().MultiTenanted(); // the staff the console has met (转办/分办 pickers)
        opts.Schema.For<Disclosure.Host.Notices.NoticeTemplateText>().Identity(t => t.Id);
        opts.Schema.For<Disclosure.Host.Notices.KeptNotice>().MultiTenanted().Index(k => k.ApplicationId);
        opts.Schema.For<Disclosure.Host.Notices.KeptPdf>().MultiTenanted();
        opts.Schema.For<Disclosure.Host.Notices.MailSent>().MultiTenanted();
        opts.Schema.For<Disclosure.Host.Applications.CaseFile>().MultiTenanted().Index(f => f.CaseId); // files attached online (bytes), erased with their case

        // every event type is stored under its explicit, stable name ([StoredName]), never one derived from the C# name
        foreach (var (name, type) in Disclosure.Domain.StoredNameAttribute.All) opts.Events.MapEventType(type, name);

        opts.Projections.Add(new AgencyProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new Disclosure.Host.Notices.NoticeSetupProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ApplicationProjection(calendars), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ReportFileProjection(), ProjectionLifecycle.Inline);
        // statistics run on the async daemon: an inline tally would make every intake update one hot row
        opts.Projections.Add(new ReportTallyProjection(), ProjectionLifecycle.Async, o => Statistics(o, tuning));
        opts.Projections.Add(new Disclosure.Host.Letters.LetterProjection(calendars), ProjectionLifecycle.Inline);
        opts.Projections.Add(new Disclosure.Host.Reviews.ReviewProjection(calendars), ProjectionLifecycle.Inline);
        opts.Projections.Add(new Disclosure.Host.Letters.LetterStatisticsProjection(), ProjectionLifecycle.Async, o => Statistics(o, tuning));
        if (search is not null)
        {
            search.Tables.Register(opts, tuning.SearchShards);
            foreach (var shard in search.Shards(tuning.SearchShards))
            {
                shard.Options.BatchSize = tuning.SearchBatchSize;
                opts.Projections.Add(shard, ProjectionLifecycle.Async);
            }
        }


        return opts;
    }

    /// <summary>The daemon's settings of the statistics projections (one document per agency-year, many events each).</summary>
    private static void Statistics(AsyncOptions options, EventStoreTuning tuning)
    {
        options.BatchSize = tuning.DaemonBatchSize;
        options.RebuildFlushThreshold = tuning.RebuildFlushThreshold;
    }
}

/// <summary>The event store's performance settings (configuration section <c>EventStore</c>); the defaults are the measured choice.</summary>
public sealed record EventStoreTuning
{
    public bool EventTypeIndex { get; init; } = true;
    public bool ListenNotify { get; init; }
    /// <summary>How often the async daemon looks for new events when the store is quiet (Marten's default is 1,000 ms).</summary>
    public int DaemonPollMilliseconds { get; init; } = 250;
    /// <summary>Events the async daemon reads per batch for a statistics projection (Marten's default is 500). Each batch
    /// costs a read, a transaction and a progress write whatever its size: a rebuild of <c>ReportTally</c> took ~30 % less CPU
    /// per event at 5,000 than at 500 (README, "Projection rebuild"). While the daemon keeps up a batch holds what arrived
    /// since its last poll, so the size only bounds a catch-up.</summary>
    public int DaemonBatchSize { get; init; } = 5000;
    /// <summary>Events per batch of the search index's projection: its rows and key counts per event make a batch's transaction
    /// grow with it. Marten's default; measured on the province bench's 10 % (58,183 events, 15,056 cases) caught up from
    /// nothing: 500 and 2,000 cost the same CPU (host 8.7 s, PostgreSQL 9.4 / 9.8 s) and time, 100 was slower — the work
    /// is per case (its row, its GIN entries, its ~64 key counts), not per batch.</summary>
    public int SearchBatchSize { get; init; } = 500;
    /// <summary>Async projections the search index is split into by agency (SearchIndexProjection.Shards): the daemon runs each
    /// shard on its own, so the index's catch-up can use more than one core. Each shard loads every event (~20 µs an event of
    /// host CPU per shard); three balanced the province bench's agencies (33/34/33 % of the cases; two split them 37/63) and
    /// kept the index up with the seeding (README, "The search index on more than one core"). Changing it moves agencies
    /// between shards: rebuild the index after (<c>projections rebuild</c>).</summary>
    public int SearchShards { get; init; } = 3;
    /// <summary>A rebuild of a statistics projection keeps its documents (one per agency-year) in memory and writes them once this
    /// many have changed, or at the end, instead of after every batch (Marten's <c>RebuildFlushThreshold</c>; 0 writes after every
    /// batch, Marten's default). A province's decade is ~1,000 agency-years: written once.</summary>
    public int RebuildFlushThreshold { get; init; } = 1000;
}
