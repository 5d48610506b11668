using Alba;
using Disclosure.Host.Security;
using JasperFx;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// The host collection and the cluster collection each start hosts in this process and share two cores with PostgreSQL:
// they run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Disclosure.Host.Tests.Cluster;

/// <summary>
/// Two nodes as an operator runs them: two hosts in Wolverine's balanced mode (leader election, projections spread, the
/// schedule polled by both) on one database of their own, which this fixture creates empty. The business clock is
/// shared; each node has its own log.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>How soon a reference change made through one node must be in force on the other.</summary>
    public static readonly TimeSpan InForceWithin = TimeSpan.FromSeconds(2);

    /// <summary>Asks until the answer is the expected one or the time is up; true when it came in time.</summary>
    public static async Task<bool> Within(TimeSpan limit, Func<Task<bool>> holds)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            if (await holds()) return true;
            await Task.Delay(50);
        } while (watch.Elapsed < limit);
        return await holds();
    }

    public IAlbaHost A { get; private set; } = null!;
    public IAlbaHost B { get; private set; } = null!;
    public LogCapture LogsOfA { get; } = new();
    public LogCapture LogsOfB { get; } = new();
    public TestClock Clock { get; } = new();
    public string ConnectionString { get; } =
        new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString) { Database = new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString).Database + "_nodes" }.ConnectionString;

    public async Task InitializeAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        JasperFxEnvironment.AutoStartHost = true;
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", "Testing");
        A = await StartNode(LogsOfA);
        B = await StartNode(LogsOfB);
    }

    private Task<IAlbaHost> StartNode(LogCapture logs) => Node(Clock, logs, ("ConnectionStrings:Marten", ConnectionString));

    /// <summary>A node of a cluster: its settings, the shared clock, its own log capture, health checks and the projection watchdog every second.</summary>
    internal static Task<IAlbaHost> Node(TimeProvider clock, LogCapture logs, params (string Key, string Value)[] settings) => AlbaHost.For<Program>(x =>
    {
        foreach (var (key, value) in settings) x.UseSetting(key, value);
        x.UseSetting("Cluster:HealthCheckSeconds", "1");
        // the projection watchdog looks every second and restarts a shard stopped by an error after 2 s (ProjectionWatchdogSpecs)
        x.UseSetting("Projections:Watchdog:IntervalSeconds", "1");
        x.UseSetting("Projections:Watchdog:RestartAfterSeconds", "2");
        x.ConfigureServices(services =>
        {
            // no DisableAllExternalWolverineTransports(): the nodes talk through the database control queue, which it turns off
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<Serilog.Core.ILogEventSink>(logs);
        });
    });

    public string Admin => A.Services.GetRequiredService<AuthSettings>().IssueToken("user-admin", [Roles.Admin], [], TimeSpan.FromHours(1));

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { B, A }.Where(n => n is not null))
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
    }
}

[CollectionDefinition("cluster")]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>;
