using System.Collections.Concurrent;
using JasperFx;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Disclosure.Host.Cluster;

/// <summary>The watchdog's settings (configuration section <c>Projections:Watchdog</c>; README, "Several nodes").</summary>
public sealed record ProjectionWatchdogSettings(bool Enabled, TimeSpan Interval, TimeSpan RestartAfter, TimeSpan Stall)
{
    public static ProjectionWatchdogSettings From(IConfiguration config) => new(
        config.GetValue("Projections:Watchdog:Enabled", true),
        TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Projections:Watchdog:IntervalSeconds", 5.0), 0.2, 600)),
        TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Projections:Watchdog:RestartAfterSeconds", 10.0), 0, 3600)),
        TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Projections:Watchdog:StallSeconds", 30.0), 1, 3600)));
}

/// <summary>
/// Restarts this node's async projection shards that stopped for good. Wolverine runs each shard on one node and moves it
/// when a node dies, but during a move the new owner can start a shard a few seconds before the old owner has stopped it:
/// one of the two then fails its progression write (<c>ProgressionOutOfOrder</c>) and the daemon stops that shard. Neither
/// Marten's daemon nor Wolverine restarts such a shard (Wolverine deliberately leaves a shard stopped on a failure bound
/// to two processes racing, as it would be while they race), nor one paused by an error, so the statistics froze while
/// the node kept reporting the shard as its own (seen in <c>ops/chaos --nodes 3 --ha</c>: <c>projections consistent:
/// no</c>). Every <see cref="ProjectionWatchdogSettings.Interval"/> this watchdog looks at the shards of the daemons this
/// node runs (Wolverine has already taken away those it moved elsewhere: a handed-over shard is no longer registered
/// here) and restarts, from the progression the database holds, a shard
/// <list type="bullet">
/// <item>stopped or paused by an error for <see cref="ProjectionWatchdogSettings.RestartAfter"/> — long enough for the old
/// owner of a moving shard to have stopped its copy, so the restarted one runs alone; or</item>
/// <item>running but not advanced for <see cref="ProjectionWatchdogSettings.Stall"/> while behind the high-water mark.</item>
/// </list>
/// A shard restarted runs the same projection code from its committed position: nothing is applied twice, nothing skipped.
/// A shard that fails again (an event its projection cannot apply) is restarted again after twice the wait each time, up
/// to ten minutes, and its failures stay visible on <c>/health/projections</c> and in the log.
/// </summary>
public sealed class ProjectionWatchdog(IServiceProvider services, ProjectionWatchdogSettings settings, ILogger<ProjectionWatchdog> logger)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(10);

    private sealed class Watched
    {
        public long Position = -1;
        public DateTimeOffset Since;        // when the position was last seen to move (or the shard was first seen)
        public DateTimeOffset? BrokenSince; // when the shard was first seen stopped or paused by an error
        public int Restarts;
        public DateTimeOffset? LastRestart;
        public string? LastReason;
        public string State = "running";
        public TimeSpan Wait;               // before the next restart of a shard that keeps failing
        public DateTimeOffset? StartPendingSince; // stopped for a restart whose start failed: started again at the next sweeps
        public IProjectionDaemon? Daemon;
        public JasperFx.Events.Projections.ShardName? Name;
    }

    /// <summary>How long a restart whose start failed (the database gone again) is tried again, while Wolverine still has the shard here.</summary>
    private static readonly TimeSpan PendingStartFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Watched> _shards = new(StringComparer.Ordinal);
    private long _restarts;

    public ProjectionWatchdogSettings Settings => settings;

    /// <summary>Restarts made on this node since it started.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>What the watchdog knows of each shard it has seen on this node ("database/shard"), for /health/projections.</summary>
    public IReadOnlyList<(string Shard, string State, int Restarts, DateTimeOffset? LastRestart, string? LastReason)> Shards =>
        [.. _shards.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value.State, s.Value.Restarts, s.Value.LastRestart, s.Value.LastReason))];

    /// <summary>One look at every shard of the daemons this node runs; restarts those that need it. Returns how many it restarted.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var coordinator = services.GetService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        if (coordinator is null) return 0;
        IReadOnlyList<IProjectionDaemon> daemons;
        try { daemons = await coordinator.AllDaemonsAsync(); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "Projection watchdog: the daemons of this node are not available yet");
            return 0;
        }
        var restarted = 0;
        var now = DateTimeOffset.UtcNow;
        restarted += await StartPendingAsync(now, ct);
        foreach (var daemon in daemons)
        {
            var database = daemon.Tracker.DatabaseIdentifier ?? "main";
            var highWater = daemon.Tracker.HighWaterMark;
            foreach (var agent in daemon.CurrentAgents())
            {
                if (agent.Mode != JasperFx.Events.Daemon.ShardExecutionMode.Continuous) continue; // a rebuild has its own supervision
                var shard = agent.Name.Identity;
                var watched = _shards.GetOrAdd($"{database}/{shard}", _ => new Watched { Since = now, Wait = settings.RestartAfter });
                string? reason = null;
                if (agent.Status != AgentStatus.Running)
                {
                    watched.BrokenSince ??= now;
                    watched.State = agent.Status == AgentStatus.Paused ? "paused" : "stopped";
                    if (now - watched.BrokenSince >= watched.Wait)
                        reason = $"{watched.State} by {agent.Failure?.Category.ToString() ?? "an error"}";
                }
                else
                {
                    watched.BrokenSince = null;
                    if (agent.Position != watched.Position || agent.Position >= highWater)
                    {
                        watched.Position = agent.Position;
                        watched.Since = now;
                        watched.State = "running";
                        if (watched.LastRestart is { } at && now - at > LongestWait) watched.Wait = settings.RestartAfter; // healthy again
                    }
                    else if (now - watched.Since >= settings.Stall)
                    {
                        watched.State = "stalled";
                        reason = $"not advanced for {(int)(now - watched.Since).TotalSeconds} s at {agent.Position} behind the high-water mark {highWater}";
                    }
                }
                if (reason is null) continue;
                // the database must answer first: a shard paused because it went away (a failover) would otherwise be dropped
                // from the daemon and fail to start again, and a shard that is not registered is no longer seen here
                if (!await AnswersAsync(database, ct))
                {
                    watched.State = "waiting for the database";
                    continue;
                }
                watched.Daemon = daemon;
                watched.Name = agent.Name;
                if (await RestartAsync(daemon, database, shard, agent.Position, reason, watched, ct)) restarted++;
            }
        }
        return restarted;
    }

    private async Task<bool> RestartAsync(IProjectionDaemon daemon, string database, string shard, long position, string reason, Watched watched,
        CancellationToken ct)
    {
        var count = Interlocked.Increment(ref _restarts);
        watched.Restarts++;
        watched.LastRestart = DateTimeOffset.UtcNow;
        watched.LastReason = reason;
        watched.BrokenSince = null;
        watched.Since = DateTimeOffset.UtcNow;
        watched.Position = -1;
        watched.Wait = watched.Restarts == 1 ? settings.RestartAfter : TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, Math.Max(watched.Wait.Ticks, TimeSpan.FromSeconds(1).Ticks) * 2));
        logger.LogWarning("Projection shard {Shard} in database {Database} {Reason} at {Position}: restarting it ({ShardRestarts} restart(s) of it, {NodeRestarts} on this node)",
            shard, database, reason, position, watched.Restarts, count);
        try
        {
            // drops the stopped agent from the daemon's registry, then starts a new one from the committed progression
            await daemon.StopAgentAsync(shard);
            await daemon.StartAgentAsync(shard, ct);
            watched.State = "restarted";
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            watched.State = "restart failed";
            watched.StartPendingSince ??= DateTimeOffset.UtcNow;
            logger.LogError(e, "Projection shard {Shard} in database {Database} could not be restarted; starting it is tried again at the next looks", shard, database);
            return false;
        }
    }

    /// <summary>
    /// Shards stopped for a restart whose start failed: no longer registered with the daemon, so not seen by the sweep. They
    /// are started again while Wolverine still counts them as this node's (it has not moved them elsewhere) and the database
    /// answers, for at most <see cref="PendingStartFor"/>.
    /// </summary>
    private async Task<int> StartPendingAsync(DateTimeOffset now, CancellationToken ct)
    {
        var started = 0;
        foreach (var (key, watched) in _shards)
        {
            if (watched.StartPendingSince is not { } since || watched.Daemon is not { } daemon || watched.Name is not { } name) continue;
            var database = key[..key.IndexOf('/')];
            if (daemon.CurrentAgents().Any(a => a.Name.Identity == name.Identity) || now - since > PendingStartFor || !AssignedHere(database, name))
            {
                watched.StartPendingSince = null; // running again (Wolverine started it), given up, or moved to another node
                continue;
            }
            if (!await AnswersAsync(database, ct)) continue;
            try
            {
                await daemon.StartAgentAsync(name.Identity, ct);
                watched.StartPendingSince = null;
                watched.State = "restarted";
                logger.LogWarning("Projection shard {Shard} in database {Database} started again after a failed restart", name.Identity, database);
                started++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Projection shard {Shard} in database {Database} could not be started yet", name.Identity, database);
            }
        }
        return started;
    }

    /// <summary>Whether Wolverine still runs the shard's agent on this node (its agent URI ends with the shard's relative URL).</summary>
    private bool AssignedHere(string database, JasperFx.Events.Projections.ShardName name)
    {
        if (services.GetService<Wolverine.Runtime.IWolverineRuntime>() is not { } runtime) return true;
        var suffix = "/" + name.RelativeUrl;
        var several = services.GetRequiredService<Infrastructure.AgencyDatabases>().Several;
        return runtime.Agents.AllRunningAgentUris().Any(u => u.Scheme == "event-subscriptions"
            && u.AbsolutePath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            && (!several || u.AbsolutePath.Contains("/" + database + "/", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Whether the daemon's database answers (the master, or the agencies' database of that name) within 3 s.</summary>
    private async Task<bool> AnswersAsync(string database, CancellationToken ct)
    {
        var databases = services.GetRequiredService<Infrastructure.AgencyDatabases>();
        var source = databases.Several && databases.Names.Contains(database) ? databases.Group(database) : databases.Master;
        return await Infrastructure.PostgresReady.FailureAsync(source, ct) is null;
    }
}

/// <summary>Runs the <see cref="ProjectionWatchdog"/> on every node, every <see cref="ProjectionWatchdogSettings.Interval"/>.</summary>
public sealed class ProjectionWatchdogService(ProjectionWatchdog watchdog, ILogger<ProjectionWatchdogService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!watchdog.Settings.Enabled) return;
        using var timer = new PeriodicTimer(watchdog.Settings.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await watchdog.SweepAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogError(e, "Projection watchdog: a sweep failed"); } // the next tick tries again
        }
    }
}

/// <summary>
/// <c>/health/projections</c>: this node's projection shards as the watchdog last saw them, and its restarts. Degraded
/// while a shard is stopped, paused or stalled (the watchdog will restart it); never part of readiness — a node whose
/// statistics lag still takes intakes.
/// </summary>
public sealed class ProjectionsHealth(ProjectionWatchdog watchdog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var shards = watchdog.Shards;
        var data = shards.ToDictionary(s => s.Shard, s => (object)(s.Restarts == 0
            ? s.State
            : $"{s.State}; {s.Restarts} restart(s), the last at {s.LastRestart:O} ({s.LastReason})"));
        var summary = $"{shards.Count} projection shard(s) on this node; {watchdog.Restarts} restart(s) by the watchdog"
            + (watchdog.Settings.Enabled ? "." : " (the watchdog is off).");
        var troubled = shards.Where(s => s.State is "stopped" or "paused" or "stalled" or "restart failed" or "waiting for the database").Select(s => s.Shard).ToList();
        return Task.FromResult(troubled.Count == 0
            ? HealthCheckResult.Healthy(summary, data)
            : HealthCheckResult.Degraded($"{summary} Not running: {string.Join(", ", troubled)}.", data: data));
    }

    /// <summary>The answer: the status, the summary, then one line per shard (database/shard: state; restarts).</summary>
    public static Task WriteAsync(HttpContext http, HealthReport report) => Infrastructure.HealthText.WriteAsync(http, report, failingOnly: false);
}
