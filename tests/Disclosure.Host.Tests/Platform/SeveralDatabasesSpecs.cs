using System.Text.Json;
using Alba;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using JasperFx;
using JasperFx.CommandLine;
using Marten.Events;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.Runtime;

namespace Disclosure.Host.Tests.Platform;

/// <summary>
/// A deployment whose agencies are spread over two databases (README, "Several databases"): a master for the registry and
/// two agency databases, created empty by this fixture next to the test database (its name + <c>_master</c>, <c>_db1</c>,
/// <c>_db2</c>) and dropped afterwards. One host, configured as an operator would: <c>ConnectionStrings__Marten</c> is the
/// master, <c>EventStore__Databases__db1</c> and <c>__db2</c> the agencies' databases.
/// </summary>
public sealed class SeveralDatabasesFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;
    public TestClock Clock { get; } = new();
    public LogCapture Logs { get; } = new();
    public string Master { get; } = Named("master");
    public string Db1 { get; } = Named("db1");
    public string Db2 { get; } = Named("db2");

    private static string Named(string suffix)
    {
        var test = new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString);
        return new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString) { Database = $"{test.Database}_{suffix}" }.ConnectionString;
    }

    public async Task InitializeAsync()
    {
        foreach (var cs in new[] { Master, Db1, Db2 }) await RecreateAsync(cs, create: true);
        JasperFxEnvironment.AutoStartHost = true;
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", "Testing");
        Host = await AlbaHost.For<Program>(x =>
        {
            x.UseSetting("ConnectionStrings:Marten", Master);
            x.UseSetting("EventStore:Databases:db1", Db1);
            x.UseSetting("EventStore:Databases:db2", Db2);
            x.ConfigureServices(services =>
            {
                services.DisableAllExternalWolverineTransports();
                services.RunWolverineInSoloMode();
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<Serilog.Core.ILogEventSink>(Logs);
            });
        });
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        foreach (var cs in new[] { Master, Db1, Db2 }) await RecreateAsync(cs, create: false);
    }

    internal static async Task RecreateAsync(string connectionString, bool create)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using (var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", admin)) await drop.ExecuteNonQueryAsync();
        if (!create) return;
        await using var make = new NpgsqlCommand($"create database \"{database}\"", admin);
        await make.ExecuteNonQueryAsync();
    }

    /// <summary>Deadline checks waiting in the database's durable inbox (scheduled messages).</summary>
    public static async Task<long> ScheduledChecksAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select count(*) from disclosure.wolverine_incoming_envelopes where message_type like '%CheckApplicationDeadlines%' and status = 'Scheduled'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task<long> EventsOfTypeAsync(string connectionString, string agency, string type)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from disclosure.mt_events where tenant_id = $1 and type = $2", conn);
        cmd.Parameters.AddWithValue(agency);
        cmd.Parameters.AddWithValue(type);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The agencies whose events a database holds, and how many events each (tombstones aside).</summary>
    public static async Task<Dictionary<string, long>> EventsByAgencyAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select tenant_id, count(*) from disclosure.mt_events where type <> 'tombstone' group by tenant_id", conn);
        var counts = new Dictionary<string, long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }
}

[CollectionDefinition("several-databases")]
public sealed class SeveralDatabasesCollection : ICollectionFixture<SeveralDatabasesFixture>;

[Collection("several-databases")]
public class SeveralDatabasesSpecs(SeveralDatabasesFixture fixture)
{
    private IAlbaHost Host => fixture.Host;
    private string Admin => Host.Services.GetRequiredService<AuthSettings>().IssueToken("user-admin", [Roles.Admin], [], TimeSpan.FromHours(1));

    private Task<Reply> Get(string url) => Http.SendAsync(Host, HttpMethod.Get, url, null, Admin);
    private Task<Reply> Post(string url, object? body) => Http.SendAsync(Host, HttpMethod.Post, url, body, Admin);

    private static object Intake(string receivedOn, string category, string description) => new
    {
        channel = "online",
        applicant = new { category, name = "张三", idNumber = "110101199003071234", phone = "13812345678", email = "zhang@example.cn" },
        description,
        receivedOn,
    };

    private async Task<Guid> Receive(string agency, string receivedOn, string category, string description = "2024年园区建设工程规划许可证发放情况")
    {
        var reply = await Post($"/api/agencies/{agency}/applications", Intake(receivedOn, category, description));
        Assert.True(reply.Status == 201, $"{reply}\n{string.Join("\n", fixture.Logs.Lines.Where(l => l.Contains("Exception")).Take(1))}");
        return Guid.Parse(reply.Str("id"));
    }

    private static int[] Row(Reply report, string code) =>
        report.Json.GetProperty("tables").GetProperty("applications").GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("code").GetString() == code).GetProperty("values").EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>The report once its figures are fresh (every database's daemon caught up).</summary>
    private async Task<Reply> FreshReport(string url)
    {
        await Host.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var report = (await Get(url)).ShouldBe(200);
            if (!report.Json.GetProperty("stale").GetBoolean() || DateTime.UtcNow > until) return report;
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Readiness covers every database: a node that cannot reach one agency database would fail that group's intakes and
    /// its deadline checks, so the proxy must take it out (README, "Several databases"). The answer names the database by
    /// its configured name and never shows a connection string. db2 is made unreachable by refusing new connections to it
    /// and ending the ones open, then let in again.
    /// </summary>
    [Fact]
    public async Task A_node_is_ready_only_while_every_agency_database_answers_and_says_which_does_not()
    {
        var ready = await Http.SendAsync(Host, HttpMethod.Get, "/health/ready", null, null);
        Assert.True(ready.Status == 200, ready.Body);

        var db2 = new NpgsqlConnectionStringBuilder(fixture.Db2).Database!;
        await AdminAsync($"alter database \"{db2}\" allow_connections false",
            $"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{db2}' and pid <> pg_backend_pid()");
        try
        {
            Host.Services.GetRequiredService<AgencyDatabases>().Group("db2").Clear();
            var down = await Http.SendAsync(Host, HttpMethod.Get, "/health/ready", null, null);
            Assert.Equal(503, down.Status);
            Assert.Contains("'db2'", down.Body);
            Assert.DoesNotContain("'db1'", down.Body);
            Assert.DoesNotContain("'master'", down.Body);
            Assert.DoesNotContain(db2, down.Body); // the database's own name is in its connection string, not in the answer
            Assert.DoesNotContain("Host=", down.Body, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await AdminAsync($"alter database \"{db2}\" allow_connections true");
        }
        var back = await Http.SendAsync(Host, HttpMethod.Get, "/health/ready", null, null);
        Assert.True(back.Status == 200, back.Body);
    }

    /// <summary>
    /// Wolverine holds two message stores over the master: its main store (nodes, leadership, recurring jobs) and, because
    /// the master is also one of Marten's databases (agencies registered before there were several, the default tenant),
    /// a tenant store over the same tables. Harmless, because everything that polls — the scheduled-message job of each node
    /// (<c>MessageStoreCollection.StartScheduledJobProcessing</c>), the durability agents the leader assigns (inbox/outbox
    /// recovery, <c>AllKnownAgentsAsync</c>) and listener inbox recovery — enumerates Wolverine's store collection, which
    /// keeps one store per database address (engine/server/database/schema) and the main one where two share it
    /// (<c>categorizeStore</c>). This pins that: should a Wolverine upgrade poll both, the master's scheduled messages would
    /// be read twice per period and this fails (README, "Several databases").
    /// </summary>
    [Fact]
    public async Task Wolverine_polls_each_database_once_though_it_keeps_two_stores_over_the_master()
    {
        var runtime = Host.Services.GetRequiredService<IWolverineRuntime>();
        var tenanted = Assert.Single(runtime.Stores.MultiTenanted);
        var master = tenanted.Main.Uri;
        var overMaster = tenanted.Source.AllActive().Prepend(tenanted.Main).Count(s => s.Uri == master);
        Assert.Equal(2, overMaster);

        var polled = await runtime.Stores.FindAllAsync();
        Assert.Equal(3, polled.Count); // the master, db1, db2
        Assert.Equal(3, polled.Select(s => s.Uri).Distinct().Count());
        Assert.Same(tenanted.Main, polled.Single(s => s.Uri == master));
        var agents = await runtime.Stores.AllKnownAgentsAsync();
        Assert.Equal(polled.Select(s => s.Uri.ToString()).Order(), agents.Select(a => a.ToString()).Order());
    }

    private async Task AdminAsync(params string[] statements)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(fixture.Master) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, admin);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Agencies_in_two_databases_take_intakes_each_in_its_own_and_a_parent_report_sums_both()
    {
        // registration assigns the database: the one asked for, else the parent's; a name not configured is refused
        Assert.Equal("db1", (await Post("/api/agencies", new { id = "binhai", name = "滨海市人民政府", database = "db1" })).ShouldBe(201).Str("database"));
        Assert.Equal("db1", (await Post("/api/agencies", new { id = "binhai-edu", name = "滨海市教育局", parentId = "binhai" })).ShouldBe(201).Str("database"));
        Assert.Equal("db2", (await Post("/api/agencies", new { id = "binhai-port", name = "滨海市港务局", parentId = "binhai", database = "db2" })).ShouldBe(201).Str("database"));
        (await Post("/api/agencies", new { id = "binhai-tax", name = "滨海市税务局", database = "db9" })).ShouldBe(400);
        // the registry is the master's, whichever database an agency's cases are in
        var listed = (await Get("/api/agencies")).ShouldBe(200).Json.EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal(["binhai", "binhai-edu", "binhai-port"], listed);

        // intake through the API in each database; tracking numbers stay unique (the master's sequences)
        await Receive("binhai", "2025-03-03", "natural_person");
        var edu1 = await Receive("binhai-edu", "2025-03-04", "natural_person");
        await Receive("binhai-edu", "2025-03-05", "commercial_enterprise", "学区划分方案及其依据");
        var port = await Receive("binhai-port", "2025-03-06", "research_institution", "港区岸线使用审批文件");
        (await Post($"/api/agencies/binhai-edu/applications/{edu1}/decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(200);
        (await Post($"/api/agencies/binhai-port/applications/{port}/decision", new { decidedOn = "2025-03-21", outcome = "disclosed" })).ShouldBe(200);

        // each database holds its own agencies' events and nothing else; the master only the registry's (default tenant)
        var inDb1 = await SeveralDatabasesFixture.EventsByAgencyAsync(fixture.Db1);
        var inDb2 = await SeveralDatabasesFixture.EventsByAgencyAsync(fixture.Db2);
        var inMaster = await SeveralDatabasesFixture.EventsByAgencyAsync(fixture.Master);
        Assert.Equal(["binhai", "binhai-edu"], inDb1.Keys.Order());
        Assert.Equal(["binhai-port"], inDb2.Keys);
        Assert.Equal([StorageConstants.DefaultTenantId], inMaster.Keys);
        // Wolverine's outbox is per database too: the deadline checks an intake scheduled are stored with its events
        Assert.True(await SeveralDatabasesFixture.ScheduledChecksAsync(fixture.Db1) > 0);
        Assert.True(await SeveralDatabasesFixture.ScheduledChecksAsync(fixture.Db2) > 0);
        Assert.Equal(0, await SeveralDatabasesFixture.ScheduledChecksAsync(fixture.Master));
        // and a case is found only through its own agency
        (await Get($"/api/agencies/binhai-port/applications/{port}")).ShouldBe(200);
        (await Get($"/api/agencies/binhai-edu/applications/{port}")).ShouldBe(404);

        // one agency's report reads its own database
        var portReport = await FreshReport("/api/agencies/binhai-port/reports/2025");
        Assert.Equal([0, 0, 1, 0, 0, 0, 1], Row(portReport, "received"));
        Assert.Equal([0, 0, 1, 0, 0, 0, 1], Row(portReport, "disclosed"));
        var eduReport = await FreshReport("/api/agencies/binhai-edu/reports/2025");
        Assert.Equal([1, 1, 0, 0, 0, 0, 2], Row(eduReport, "received"));
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], Row(eduReport, "disclosed"));

        // the parent's roll-up reads both databases and sums them
        var rolled = await FreshReport("/api/agencies/binhai/reports/2025?rollup=descendants");
        Assert.Equal(["binhai", "binhai-edu", "binhai-port"], rolled.Json.GetProperty("agencies").EnumerateArray().Select(a => a.GetString()).Order());
        Assert.Equal([2, 1, 1, 0, 0, 0, 4], Row(rolled, "received"));
        Assert.Equal([1, 0, 1, 0, 0, 0, 2], Row(rolled, "disclosed"));
        Assert.Equal([1, 1, 0, 0, 0, 0, 2], Row(rolled, "carried_forward"));
        var failed = rolled.Json.GetProperty("checks").EnumerateArray().Where(c => !c.GetProperty("ok").GetBoolean()).Select(c => c.GetProperty("detail").GetString()).ToList();
        Assert.True(failed.Count == 0, string.Join("; ", failed));

        // search stays per agency, in the agency's database
        var found = (await Get("/api/agencies/binhai-port/search?q=岸线")).ShouldBe(200).Json;
        Assert.Equal(port.ToString(), Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(0, (await Get("/api/agencies/binhai-edu/search?q=岸线")).ShouldBe(200).Json.GetProperty("total").GetInt64());

        // and so does the worklist: the one open application of binhai-edu (received in March) is overdue, binhai-port has none
        var eduWorklist = (await Get("/api/agencies/binhai-edu/applications/worklist")).ShouldBe(200).Json;
        Assert.Single(eduWorklist.GetProperty("overdue").EnumerateArray());
        Assert.Empty((await Get("/api/agencies/binhai-port/applications/worklist")).ShouldBe(200).Json.GetProperty("overdue").EnumerateArray());

        // the deadline sweep reaches the open cases of both databases (city, one of edu, none of port)
        var started = (await Post("/api/deadlines/sweep", new { })).ShouldBe(202);
        var job = await Jobs.JobWait.FinishedAsync(Host, Admin, started, TimeSpan.FromSeconds(60));
        Assert.Equal((2, 2, 0), (job.GetProperty("cases").GetInt32(), job.GetProperty("handled").GetInt32(), job.GetProperty("failed").GetInt32()));

        // the year-end close of an agency in the second database: year_closed is recorded there, and the job (the master's) ends
        var close = await Jobs.JobWait.FinishedAsync(Host, Admin, await Post("/api/agencies/binhai-port/years/2024/close", null), TimeSpan.FromSeconds(60));
        Assert.Equal(0, close.GetProperty("failed").GetInt32());
        Assert.Equal(1, await SeveralDatabasesFixture.EventsOfTypeAsync(fixture.Db2, "binhai-port", "year_closed"));
        Assert.Equal(0, await SeveralDatabasesFixture.EventsOfTypeAsync(fixture.Db1, "binhai-port", "year_closed"));
    }
}
