using Wolverine;

namespace Disclosure.Host.Cluster;

/// <summary>
/// How quickly the nodes on one database notice each other: every node records a heartbeat every
/// <see cref="HealthCheck"/>; the leader (an advisory lock) treats a node silent for <see cref="StaleNode"/> as gone and
/// moves its projections to the living nodes; every <see cref="AssignmentCheck"/> it verifies that what it assigned runs.
/// Wolverine's defaults (10 s, 1 min, 30 s) leave projections of a killed node idle for over a minute; these leave them
/// idle about <see cref="StaleNode"/> plus one heartbeat (ops/chaos --nodes measures it). Shorter than a few seconds would
/// risk declaring a node that is merely busy (garbage collection, a PostgreSQL restart) dead.
/// </summary>
public sealed record NodeTimings(TimeSpan HealthCheck, TimeSpan StaleNode, TimeSpan AssignmentCheck)
{
    public static NodeTimings From(IConfiguration config) => new(
        TimeSpan.FromSeconds(config.GetValue("Cluster:HealthCheckSeconds", 2)),
        TimeSpan.FromSeconds(config.GetValue("Cluster:StaleNodeSeconds", 10)),
        TimeSpan.FromSeconds(config.GetValue("Cluster:AssignmentCheckSeconds", 10)));

    public void Apply(DurabilitySettings durability)
    {
        durability.Mode = DurabilityMode.Balanced; // several nodes (tests switch their single host to solo mode)
        durability.HealthCheckPollingTime = HealthCheck;
        durability.StaleNodeTimeout = StaleNode;
        durability.CheckAssignmentPeriod = AssignmentCheck;
    }
}
