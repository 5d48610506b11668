using Wolverine.Runtime;

namespace Disclosure.Host.Cluster;

/// <summary>
/// Says in the log, once the node serves, which Wolverine node it is: the id and number under which the node registry
/// (<c>wolverine_nodes</c>, <c>wolverine_node_assignments</c>) lists it and the projections it runs. ops/cluster status
/// matches host processes to nodes with this line.
/// </summary>
public sealed class NodeAnnouncement(IHostApplicationLifetime lifetime, IWolverineRuntime runtime, ILogger<NodeAnnouncement> log) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        lifetime.ApplicationStarted.Register(() => log.LogInformation("Cluster node {NodeId} (number {NodeNumber}, {Mode}) is serving",
            runtime.Options.UniqueNodeId, runtime.Options.Durability.AssignedNodeNumber, runtime.Options.Durability.Mode));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
