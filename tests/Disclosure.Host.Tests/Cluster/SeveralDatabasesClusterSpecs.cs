using Alba;
using Disclosure.Host.Deadlines;
using Disclosure.Host.Security;
using Disclosure.Host.Tests.Platform;
using JasperFx;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Disclosure.Host.Tests.Cluster;

/// <summary>
/// Several nodes over several databases (README, "Several databases"): two hosts in Wolverine's balanced mode on a master
/// and two agency databases of their own (the test database's name + <c>_nodes_master</c>, <c>_nodes_db1</c>,
/// <c>_nodes_db2</c>, created empty and dropped afterwards), configured as <c>ops/cluster up 2 --databases 2</c> does.
/// </summary>
public sealed class SeveralDatabasesClusterFixture : IAsyncLifetime
{
    public IAlbaHost A { get; private set; } = null!;
    public IAlbaHost B { get; private set; } = null!;
    public LogCapture LogsOfA { get; } = new();
    public LogCapture LogsOfB { get; } = new();
    public TestClock Clock { get; } = new();
    public string Master { get; } = Named("nodes_master");
    public string Db1 { get; } = Named("nodes_db1");
    public string Db2 { get; } = Named("nodes_db2");

    private static string Named(string suffix) => new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString)
    {
        Database = $"{new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString).Database}_{suffix}",
    }.ConnectionString;

    public async Task InitializeAsync()
    {
        foreach (var cs in new[] { Master, Db1, Db2 }) await SeveralDatabasesFixture.RecreateAsync(cs, create: true);
        JasperFxEnvironment.AutoStartHost = true;
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", "Testing");
        A = await StartNode(LogsOfA);
        B = await StartNode(LogsOfB);
    }

    private Task<IAlbaHost> StartNode(LogCapture logs) =>
        ClusterFixture.Node(Clock, logs, ("ConnectionStrings:Marten", Master), ("EventStore:Databases:db1", Db1), ("EventStore:Databases:db2", Db2));

    public string Admin => A.Services.GetRequiredService<AuthSettings>().IssueToken("user-admin", [Roles.Admin], [], TimeSpan.FromHours(1));

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { B, A }.Where(n => n is not null))
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        foreach (var cs in new[] { Master, Db1, Db2 }) await SeveralDatabasesFixture.RecreateAsync(cs, create: false);
    }
}

[CollectionDefinition("several-databases-cluster")]
public sealed class SeveralDatabasesClusterCollection : ICollectionFixture<SeveralDatabasesClusterFixture>;

[Collection("several-databases-cluster")]
public class SeveralDatabasesClusterSpecs(SeveralDatabasesClusterFixture cluster)
{
    private Task<Reply> Send(IAlbaHost node, HttpMethod method, string url, object? body = null) => Http.SendAsync(node, method, url, body, cluster.Admin);

    private static object Application(string receivedOn) => new
    {
        channel = "online", applicant = new { category = "natural_person", name = "张三" }, description = "园区规划许可", receivedOn,
    };

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Two_nodes_share_the_work_of_two_databases_each_check_handled_once_and_every_projection_running_once()
    {
        cluster.Clock.Now = new DateTimeOffset(2025, 2, 5, 9, 0, 0, TimeSpan.FromHours(8)); // the reminder day of cases received 2025-01-06
        (await Send(cluster.A, HttpMethod.Post, "/api/agencies", new { id = "east-port", name = "东港区人民政府", database = "db1" })).ShouldBe(201);
        (await Send(cluster.B, HttpMethod.Post, "/api/agencies", new { id = "west-port", name = "西港区人民政府", database = "db2" })).ShouldBe(201);

        // intakes through either node, in both databases
        var cases = new List<(string Agency, Guid Id)>();
        for (var i = 0; i < 8; i++)
        {
            var agency = i < 4 ? "east-port" : "west-port";
            var reply = (await Send(i % 2 == 0 ? cluster.A : cluster.B, HttpMethod.Post, $"/api/agencies/{agency}/applications", Application("2025-01-06"))).ShouldBe(201);
            cases.Add((agency, Guid.Parse(reply.Str("id"))));
        }

        // when a check of each case falls due at one moment in its agency's database, with both nodes polling every database
        var bus = cluster.A.Services.GetRequiredService<IMessageBus>();
        var due = DateTimeOffset.UtcNow.AddSeconds(1);
        foreach (var (agency, id) in cases) await bus.ScheduleAsync(new CheckApplicationDeadlines(agency, id), due, new DeliveryOptions { TenantId = agency });

        // then every case gets its reminder …
        async Task<int> Reminders(string agency) => (await Send(cluster.B, HttpMethod.Get, $"/api/agencies/{agency}/notifications")).Json.GetProperty("total").GetInt32();
        Assert.True(await ClusterFixture.Within(TimeSpan.FromSeconds(60), async () => await Reminders("east-port") == 4 && await Reminders("west-port") == 4),
            "the scheduled checks did not all run within a minute");
        // … and after one more polling period (5 s) each check was handled exactly once, on one node or the other
        await Task.Delay(TimeSpan.FromSeconds(6));
        var handled = cluster.LogsOfA.Lines.Concat(cluster.LogsOfB.Lines).Where(l => l.StartsWith("Deadline check ", StringComparison.Ordinal)).ToList();
        foreach (var (_, id) in cases) Assert.Single(handled, l => l.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.Equal(4, await Reminders("east-port"));
        Assert.Equal(4, await Reminders("west-port"));

        // every database's async projections and durability agent run on exactly one node (the master's registry says which)
        const string assigned = "select count(*) from disclosure.wolverine_node_assignments where id like '{0}%{1}/%'";
        foreach (var db in new[] { cluster.Db1, cluster.Db2 })
        {
            var name = new NpgsqlConnectionStringBuilder(db).Database!;
            Assert.True(await ClusterFixture.Within(TimeSpan.FromSeconds(60), async () =>
                    await ScalarAsync(cluster.Master, string.Format(assigned, "event-subscriptions://", name + "/reporttally")) == 1
                    && await ScalarAsync(cluster.Master, string.Format(assigned, "wolverinedb://", name)) == 1),
                $"the projections or the durability agent of {name} were not assigned to a node");
        }

        // and each agency's report, built by its database's daemon on whichever node runs it, counts its four cases
        foreach (var agency in new[] { "east-port", "west-port" })
        {
            Reply report = null!;
            Assert.True(await ClusterFixture.Within(TimeSpan.FromSeconds(60), async () =>
            {
                report = (await Send(cluster.A, HttpMethod.Get, $"/api/agencies/{agency}/reports/2025")).ShouldBe(200);
                return !report.Json.GetProperty("stale").GetBoolean();
            }), $"the report of {agency} stayed stale");
            var received = report.Json.GetProperty("tables").GetProperty("applications").GetProperty("rows").EnumerateArray()
                .Single(r => r.GetProperty("code").GetString() == "received").GetProperty("values")[6].GetInt32();
            Assert.Equal(4, received);
        }
    }
}
