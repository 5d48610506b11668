using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;
using Disclosure.Host.Agencies;
using Disclosure.Host.Security;
using JasperFx;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.Runtime;

namespace Disclosure.Host.Tests;

/// <summary>A clock the tests move. Starts at 2025-06-30 10:00 in Beijing so dates in the tests never age.</summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2025, 6, 30, 10, 0, 0, TimeSpan.FromHours(8));
    public DateTimeOffset Now { get; set; } = Start;
    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

/// <summary>Every log event the host writes, rendered with its properties and exception, for tests to search.</summary>
public sealed class LogCapture : Serilog.Core.ILogEventSink
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();
    public void Emit(Serilog.Events.LogEvent e) =>
        _lines.Enqueue($"{e.RenderMessage()} | {string.Join(" | ", e.Properties.Select(p => $"{p.Key}={p.Value}"))} | {e.Exception}");
    public IReadOnlyList<string> Lines => _lines.ToList();
    public void Clear() => _lines.Clear();
}

/// <summary>One host for the whole collection, on the real PostgreSQL that ops/test started.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;
    public TestClock Clock { get; } = new();
    public LogCapture Logs { get; } = new();
    /// <summary>What reached the outside world (the reminder sender), for tests to count.</summary>
    public RecordingSender Sent { get; } = new();
    /// <summary>A writer a test arms to commit first, just before the next commit that records a reminder.</summary>
    public ConcurrentWriter Race { get; } = new();
    public AuthSettings Auth => Host.Services.GetRequiredService<AuthSettings>();

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("DISCLOSURE_TEST_CONNECTION") is { Length: > 0 } cs
            ? cs : "Host=127.0.0.1;Port=55432;Database=disclosure_test;Username=postgres";

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        Environment.SetEnvironmentVariable("ConnectionStrings__Marten", ConnectionString);
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", "Testing");
        Host = await AlbaHost.For<Program>(x =>
        {
            // the product's projection watchdog (Cluster/ProjectionWatchdog.cs) looks every second and restarts a shard
            // stopped by an error after 2 s, so a scenario that stops one sees it restarted within seconds
            x.UseSetting("Projections:Watchdog:IntervalSeconds", "1");
            x.UseSetting("Projections:Watchdog:RestartAfterSeconds", "2");
            x.ConfigureServices(services =>
            {
                services.DisableAllExternalWolverineTransports();
                services.RunWolverineInSoloMode();
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<Serilog.Core.ILogEventSink>(Logs);
                services.AddSingleton<Disclosure.Host.Notices.NoticePrinter, Notices.HeldPrinter>(); // the real printer, observable
                services.AddSingleton<Disclosure.Host.Deadlines.INotificationSender>(Sent);
                services.ConfigureMarten(o => o.Listeners.Add(Race));
            });
        });
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
    }
}

/// <summary>A reminder sender that keeps what it was given.</summary>
public sealed class RecordingSender : Disclosure.Host.Deadlines.INotificationSender
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Disclosure.Host.Deadlines.Notification> _sent = new();
    public IReadOnlyList<Disclosure.Host.Deadlines.Notification> Sent => _sent.ToList();
    /// <summary>False: a sender that delivers nowhere, like the default <see cref="Disclosure.Host.Deadlines.RecordOnlySender"/>.</summary>
    public bool Delivers { get; set; } = true;
    public void Clear() => _sent.Clear();
    public Task SendAsync(Disclosure.Host.Deadlines.Notification notification, CancellationToken ct)
    {
        _sent.Enqueue(notification);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A concurrent writer on demand: armed with a write, it runs it (once) just before the next commit that matches — by
/// default one that records a reminder — so that commit is the one that loses the race, deterministically.
/// </summary>
public sealed class ConcurrentWriter : DocumentSessionListenerBase
{
    private (Func<Task> Write, Func<IDocumentSession, bool> When)? _armed;
    private readonly Lock _lock = new();

    public void Arm(Func<Task> write, Func<IDocumentSession, bool>? when = null)
    {
        lock (_lock) _armed = (write, when ?? (s => s.PendingChanges.InsertsFor<Disclosure.Host.Deadlines.Notification>().Any()));
    }

    public void Disarm()
    {
        lock (_lock) _armed = null;
    }

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        Func<Task>? write = null;
        lock (_lock)
            if (_armed is { } armed && armed.When(session))
            {
                write = armed.Write;
                _armed = null;
            }
        if (write is not null) await write();
    }
}

[CollectionDefinition("host")]
public sealed class HostCollection : ICollectionFixture<AppFixture>;

/// <summary>Base of every host scenario: a clean database, tokens, and JSON calls through the real pipeline.</summary>
[Collection("host")]
public abstract class HostScenario(AppFixture fixture) : IAsyncLifetime
{
    protected AppFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;
    protected IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();
    protected TestClock Clock => Fixture.Clock;

    public virtual async Task InitializeAsync()
    {
        Clock.Now = TestClock.Start;
        Fixture.Race.Disarm();
        // the async projections first finish what the previous scenario left them: a reset under a batch in flight leaves
        // its progression behind (out of order), and the daemon then stops that projection for good
        try { await ProjectionsCaughtUp.WaitAsync(Store, TimeSpan.FromSeconds(15)); }
        catch (TimeoutException) { } // a projection a scenario broke on purpose: the reset below starts it afresh
        try { await ResetMartenDataAsync(); }
        catch (InvalidCastException)
        {
            // the daemon restarted by the reset can read the high water of an event table just emptied ("Column
            // 'highest_sequence' is null", Marten's HighWaterStatisticsDetector; seen once in a full run): a harness race, reset again
            await Task.Delay(200);
            await ResetMartenDataAsync();
        }
        await Wolverine.Runtime.StorageExtensions.ClearAllWolverineStorageAsync(Host);
        await NumberCounters.RestartTrackingNumbersAsync(AppFixture.ConnectionString);
        Host.Services.GetRequiredService<AgencyDirectory>().Clear();
        await Host.Services.GetRequiredService<Disclosure.Host.Calendar.CalendarStore>().LoadAsync(Store, default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// What Marten's <c>ResetAllMartenDataAsync</c> does — the projection coordinator paused, every <c>mt_</c> table but the
    /// projection floors emptied, the event sequence restarted (Marten's own <c>DeleteAllEventDataAsync</c>), the initial
    /// data applied, the coordinator resumed — except that of the document tables only those holding a row are truncated,
    /// in one statement. Marten truncates every one of them (and their indexes: new files for each) before every scenario:
    /// 0.5–0.9 s of each of ~370 scenarios' start in a full run, nearly all of it for tables the scenario never wrote.
    /// </summary>
    private async Task ResetMartenDataAsync()
    {
        var coordinator = Host.Services.GetService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        if (coordinator is not null) await coordinator.PauseAsync();
        foreach (var database in await Store.Storage.AllDatabases())
        {
            await using (var conn = database.CreateConnection())
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("""
                    do $$ declare t record; filled boolean; list text := ''; begin
                      for t in select table_schema, table_name from information_schema.tables
                               where table_type = 'BASE TABLE' and table_schema = any(string_to_array('{schemas}', ',')) and table_name like 'mt\_%'
                                 and table_name not in ('mt_event_projection_floors', 'mt_events', 'mt_streams', 'mt_event_progression') loop
                        execute format('select exists (select from %I.%I)', t.table_schema, t.table_name) into filled;
                        if filled then list := list || format(', %I.%I', t.table_schema, t.table_name); end if;
                      end loop;
                      if list <> '' then execute 'truncate ' || substr(list, 3) || ' cascade'; end if;
                    end $$
                    """.Replace("{schemas}", string.Join(",", ((Marten.Storage.MartenDatabase)database).AllSchemaNames())), conn);
                await cmd.ExecuteNonQueryAsync();
            }
            await database.DeleteAllEventDataAsync(); // Marten's own: waits for pending tombstones, restarts the sequence
        }
        foreach (var data in Store.Advanced.InitialDataCollection) await data.Populate(Store, CancellationToken.None);
        if (coordinator is not null) await coordinator.ResumeAsync();
    }

    /// <summary>
    /// Until the async projections have caught up. A harness matter, not the product's: when a reset between scenarios races
    /// the start of Wolverine's projection agents, the agents can stay stopped (every shard at 0); they are started again
    /// through the projection coordinator — what a host does at start — and the wait goes on. A shard is taken as stopped
    /// when no position has moved for 10 s while the projections are behind (a full run lost a whole time-out, 60 s, to
    /// such a shard before it was restarted), or at the latest when the time-out has passed. A shard stopped or paused by an
    /// error is the product's to restart (its projection watchdog, here after 2 s: ProjectionWatchdogSpecs); what is left to
    /// the harness is the reset's own race — agents never started again, or a position beyond the new high-water mark.
    /// </summary>
    protected async Task ProjectionsCaughtUpAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        string? positions = null;
        var movedAt = DateTime.UtcNow;
        while (true)
        {
            try
            {
                await ProjectionsCaughtUp.WaitAsync(Store, TimeSpan.FromSeconds(2));
                return;
            }
            catch (TimeoutException) { }
            // a position beyond the restarted sequence is the previous scenario's: restarted at once, not after 10 s
            if (await ProjectionsCaughtUp.StaleAsync(Store)) break;
            var now = await ProgressionAsync();
            if (now != positions) { positions = now; movedAt = DateTime.UtcNow; }
            if (DateTime.UtcNow - movedAt > TimeSpan.FromSeconds(10) || DateTime.UtcNow > until) break;
        }
        await RestartProjectionAgentsAsync();
        await ProjectionsCaughtUp.WaitAsync(Store, timeout);
    }

    private static async Task<string> ProgressionAsync()
    {
        await using var conn = new Npgsql.NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select string_agg(name || '=' || last_seq_id, ',' order by name) from disclosure.mt_event_progression", conn);
        return (await cmd.ExecuteScalarAsync())?.ToString() ?? "";
    }

    private async Task RestartProjectionAgentsAsync()
    {
        var coordinator = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        await coordinator.ResumeAsync();
        // a shard whose position outlived the reset waits beyond the new high water mark (it stays at 0), or stopped out of
        // order: each async shard starts again from the progression the database now holds. A position the previous
        // scenario's agent wrote after the reset (beyond the restarted sequence: it would read as caught up and skip the new
        // events — a search found nothing, once in a full run) is deleted while the agents are stopped, as the reset deletes
        // them (set to 0 instead, the agents started again did not move)
        var daemon = coordinator.DaemonForMainDatabase();
        var shards = ((DocumentStore)Store).Options.Projections.All
            .Where(p => p.Lifecycle == JasperFx.Events.Projections.ProjectionLifecycle.Async).Select(p => p.Name + ":All")
            .Union(daemon.CurrentAgents().Select(a => a.Name.Identity)).ToList();
        foreach (var shard in shards)
            try { await daemon.StopAgentAsync(shard); } catch (Exception) { /* not running on this node */ }
        await using (var conn = new Npgsql.NpgsqlConnection(AppFixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"delete {ProjectionsCaughtUp.StalePositions}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        foreach (var shard in shards) await daemon.StartAgentAsync(shard, CancellationToken.None);
    }

    protected string Token(string role, params string[] agencies) => Fixture.Auth.IssueToken("user-" + role, [role], agencies, TimeSpan.FromHours(1));
    protected string Admin => Token(Roles.Admin);

    protected Task<Reply> Get(string url, string? token = null) => Send(HttpMethod.Get, url, null, token ?? Admin);
    protected Task<Reply> Post(string url, object? body, string? token = null, IDictionary<string, string>? headers = null) =>
        Send(HttpMethod.Post, url, body, token ?? Admin, headers);
    protected Task<Reply> Put(string url, object? body, string? token = null) => Send(HttpMethod.Put, url, body, token ?? Admin);

    /// <summary>Any request, any outcome: the status and the body are for the test to judge.</summary>
    protected Task<Reply> Send(HttpMethod method, string url, object? body, string? token, IDictionary<string, string>? headers = null) =>
        Http.SendAsync(Host, method, url, body, token, headers);

    protected async Task<string> CreateAgency(string id = "sanchang-park", string? parentId = null, string? code = null)
    {
        (await Post("/api/agencies", new { id, name = "机关 " + id, parentId, code })).Status.ShouldBe(201);
        return id;
    }

    protected async Task<long> StreamVersion(string agency, Guid id)
    {
        await using var session = Store.QuerySession(agency);
        var state = await session.Events.FetchStreamStateAsync(id);
        return state?.Version ?? 0;
    }

    /// <summary>
    /// The business times for which durable checks are scheduled — of one case, or of every case — read from the stored
    /// messages themselves (a check carries the time it was scheduled for), never from the wall clock.
    /// </summary>
    protected static async Task<List<DateTimeOffset>> ScheduledCheckTimes(string messageType, string? caseId = null)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select body from disclosure.wolverine_incoming_envelopes where message_type like '%' || @type || '%' and status = 'Scheduled'", conn);
        cmd.Parameters.AddWithValue("type", messageType);
        var due = new List<DateTimeOffset>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // the stored envelope carries the message as JSON among its headers
            var text = System.Text.Encoding.UTF8.GetString((byte[])reader[0]);
            var id = System.Text.RegularExpressions.Regex.Match(text, "\"(?i:applicationId|letterId)\"\\s*:\\s*\"([0-9a-f-]+)\"").Groups[1].Value;
            var at = System.Text.RegularExpressions.Regex.Match(text, "\"(?i:due)\"\\s*:\\s*\"([^\"]+)\"").Groups[1].Value;
            if (caseId is null || id == caseId) due.Add(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        }
        return due.Order().ToList();
    }

    /// <summary>Events that carry facts. Marten writes "tombstone" events when a transaction fails, to keep the
    /// event sequence gap-free for the async daemon; they belong to no case.</summary>
    protected async Task<long> EventCount()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.AnyTenant() && e.EventTypeName != "tombstone").CountAsync();
    }
}

/// <summary>
/// Marten's <c>WaitForNonStaleProjectionDataAsync</c> — every async shard and the high water mark at or past the event
/// store's position when the wait began, else a <see cref="TimeoutException"/> — looking every 20 ms instead of every
/// 250 ms: it runs before every scenario and wherever a scenario reads a projection back, and Marten's first look nearly
/// always comes a moment early, a quarter of a second lost each time (~90 s of a full run). The position is the last event
/// stored, not the sequence's last value: a number a failed append drew is no event for a projection to catch up with.
/// With no event stored there is nothing to wait for (Marten throws its time-out at once then).
/// </summary>
public static class ProjectionsCaughtUp
{
    /// <summary>
    /// The positions past the last number the event sequence gave (0 when none since its restart), where no position can be:
    /// <c>select exists (select {StalePositions})</c> finds them, <c>delete {StalePositions}</c> removes them.
    /// </summary>
    public const string StalePositions = "from disclosure.mt_event_progression where last_seq_id > " +
                                         "(select case when is_called then last_value else 0 end from disclosure.mt_events_sequence)";

    /// <summary>
    /// Whether a position lies beyond the event sequence — written after a reset by an agent of the previous scenario. It
    /// reads as caught up while that shard skips every event up to it; <see cref="WaitAsync"/> does not count it as caught up.
    /// </summary>
    public static async Task<bool> StaleAsync(IDocumentStore store)
    {
        foreach (var database in await store.Storage.AllDatabases())
            if (await StaleAsync(database)) return true;
        return false;
    }

    private static async Task<bool> StaleAsync(Marten.Storage.IMartenDatabase database)
    {
        await using var conn = database.CreateConnection();
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select exists (select {StalePositions})", conn);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task WaitAsync(IDocumentStore store, TimeSpan timeout)
    {
        var options = ((DocumentStore)store).Options;
        var shards = options.Projections.AllShards().Select(s => s.Name.Identity).ToArray();
        if (shards.Length == 0) return;
        var until = DateTime.UtcNow + timeout;
        foreach (var database in await store.Storage.AllDatabases())
        {
            long? last;
            await using (var conn = database.CreateConnection())
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"select max(seq_id) from {options.Events.DatabaseSchemaName}.mt_events", conn);
                last = await cmd.ExecuteScalarAsync() as long?;
            }
            if (last is not { } position) continue;
            while (true)
            {
                var progress = (await database.AllProjectionProgress()).Where(p => p.ShardName == "HighWaterMark"
                    || shards.Any(s => p.ShardName == s || p.ShardName.StartsWith(s + ":", StringComparison.Ordinal))).ToList();
                if (progress.Count > shards.Length && progress.All(p => p.Sequence >= position) && !await StaleAsync(database)) break;
                if (DateTime.UtcNow > until)
                    throw new TimeoutException($"The projections did not reach event {position} within {timeout}: " +
                                               string.Join(", ", progress.Select(p => $"{p.ShardName}={p.Sequence}")));
                await Task.Delay(20);
            }
        }
    }
}

public static class Http
{
    /// <summary>A request through the real pipeline of <paramref name="host"/>; any outcome is returned, for the test to judge.</summary>
    public static async Task<Reply> SendAsync(IAlbaHost host, HttpMethod method, string url, object? body, string? token, IDictionary<string, string>? headers = null)
    {
        var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(k, v);
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body, Json.Options), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply((int)response.StatusCode, text, response.Content.Headers.ContentType?.MediaType, response.Headers.Location?.ToString());
    }
}

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

public sealed record Reply(int Status, string Body, string? ContentType, string? Location)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public string Str(string name) => Json.GetProperty(name).ToString();
    public T As<T>() => JsonSerializer.Deserialize<T>(Body, Tests.Json.Options)!;
    public override string ToString() => $"{Status}: {Body}";
}

public static class Should
{
    public static void ShouldBe(this int actual, int expected, string? because = null) => Assert.True(actual == expected, $"expected {expected}, got {actual}. {because}");
    public static void ShouldEqual(this string actual, string expected) => Assert.Equal(expected, actual);

    public static Reply ShouldBe(this Reply reply, int status)
    {
        Assert.True(reply.Status == status, $"expected {status}, got {reply}");
        return reply;
    }
}
