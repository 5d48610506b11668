using Alba;
using Disclosure.Host.Cluster;
using JasperFx;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Cluster;

/// <summary>
/// The product's projection watchdog (Cluster/ProjectionWatchdog.cs), on two balanced nodes. In <c>ops/chaos --nodes 3
/// --ha</c> a move of the <c>LetterStatistics</c> shard between nodes raced (the new owner started it ~5 s before the old
/// one stopped it); the loser's progression write failed (<c>ProgressionOutOfOrder</c>), the daemon paused the shard,
/// Wolverine left it so (a failure of two processes racing is not one it restarts) and the statistics froze. Here the
/// shard is stopped the same way, through the daemon's own failure path, on the node that runs it.
/// </summary>
[Collection("cluster")]
public class ProjectionWatchdogSpecs(ClusterFixture cluster)
{
    private Task<Reply> Send(IAlbaHost node, HttpMethod method, string url, object? body = null) => Http.SendAsync(node, method, url, body, cluster.Admin);

    private async Task Receive(IAlbaHost node, string agency) =>
        (await Send(node, HttpMethod.Post, $"/api/agencies/{agency}/letters", new
        {
            channel = "online", category = "complaint", subject = "园区道路积水", body = "三厂园区某路段雨后积水严重，请尽快处理。",
            writer = new { name = "李四", phone = "13900001111" }, receivedOn = "2025-06-02", publicConsent = false,
        })).ShouldBe(201);

    private async Task<int> Received(string agency)
    {
        var stats = await Send(cluster.A, HttpMethod.Get, $"/api/agencies/{agency}/letters/statistics/2025");
        return stats.Status == 200 ? stats.Json.GetProperty("received").GetInt32() : 0;
    }

    /// <summary>The node running the LetterStatistics shard (Wolverine puts it on one of the two) and its agent there.</summary>
    private static async Task<(IAlbaHost Node, ISubscriptionAgent Shard)?> LetterStatisticsShard(params IAlbaHost[] nodes)
    {
        foreach (var node in nodes)
        {
            var coordinator = node.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
            var shard = (await coordinator.AllDaemonsAsync()).SelectMany(d => d.CurrentAgents()).FirstOrDefault(a => a.Name.Identity == "LetterStatistics:All");
            if (shard is not null) return (node, shard);
        }
        return null;
    }

    /// <param name="wrapped">As the chaos run saw it: the failed progression write inside the batch's own exception, which
    /// the daemon takes as any error (the shard is paused, its failure still classified ProgressionOutOfOrder); bare, the
    /// daemon stops the shard.</param>
    [Theory]
    [InlineData(true, AgentStatus.Paused)]
    [InlineData(false, AgentStatus.Stopped)]
    public async Task A_statistics_shard_stopped_by_a_racing_move_is_restarted_by_the_watchdog_and_catches_up(bool wrapped, AgentStatus stoppedAs)
    {
        cluster.Clock.Now = TestClock.Start; // the clock the nodes share: other specs move it
        var agency = "w" + Guid.NewGuid().ToString("N")[..10];
        (await Send(cluster.A, HttpMethod.Post, "/api/agencies", new { id = agency, name = "机关 " + agency })).ShouldBe(201);
        await Receive(cluster.A, agency);
        Assert.True(await ClusterFixture.Within(TimeSpan.FromSeconds(60), async () => await Received(agency) == 1), "the statistics never counted the first letter");
        (IAlbaHost Node, ISubscriptionAgent Shard)? found = null;
        Assert.True(await ClusterFixture.Within(TimeSpan.FromSeconds(30), async () =>
            (found = await LetterStatisticsShard(cluster.A, cluster.B)) is { Shard.Status: AgentStatus.Running }), "no node runs LetterStatistics");
        var (owner, shard) = found!.Value;
        var watchdog = owner.Services.GetRequiredService<ProjectionWatchdog>();
        var restartsBefore = watchdog.Restarts;

        // when: the daemon stops the shard as it does when another node advanced its progression meanwhile
        var outOfOrder = new ProgressionProgressOutOfOrderException(shard.Name);
        await shard.ReportCriticalFailureAsync(wrapped ? new InvalidOperationException("the batch's commit failed", outOfOrder) : outOfOrder);
        Assert.Equal(stoppedAs, shard.Status);
        await Receive(cluster.B, agency);
        await Receive(cluster.A, agency);

        // then: within seconds (the tests' watchdog looks every second, restarts after 2 s) the shard runs again on its node
        // and the statistics count the letters received while it was stopped
        var caughtUp = await ClusterFixture.Within(TimeSpan.FromSeconds(30), async () => await Received(agency) == 3);
        Assert.True(caughtUp, $"the statistics count {await Received(agency)} letters, not 3: the {stoppedAs.ToString().ToLowerInvariant()} shard was not restarted");
        Assert.True(watchdog.Restarts > restartsBefore, "caught up, but not through the watchdog");
        var logs = owner == cluster.A ? cluster.LogsOfA : cluster.LogsOfB;
        Assert.Contains(logs.Lines, l => l.Contains("Projection shard \"LetterStatistics:All\"") && l.Contains("ProgressionOutOfOrder") && l.Contains("restarting it"));

        // the node says so on /health/projections: the shard, its restart and why
        Reply health = null!;
        await ClusterFixture.Within(TimeSpan.FromSeconds(5), async () =>
            (health = await Http.SendAsync(owner, HttpMethod.Get, "/health/projections", null, null)).Body.Contains("LetterStatistics:All: running"));
        health.ShouldBe(200);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(health.Body, @"LetterStatistics:All: running; \d+ restart\(s\)"), health.Body);
        Assert.Contains($"{stoppedAs.ToString().ToLowerInvariant()} by ProgressionOutOfOrder", health.Body);
    }
}
