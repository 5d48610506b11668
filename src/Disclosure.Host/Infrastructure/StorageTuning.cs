using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Indexes the product relies on beyond Marten's own: the report's freshness asks for the newest event of an agency,
/// which without (tenant_id, seq_id) scans the whole event table.
/// </summary>
public sealed class StorageTuning(AgencyDatabases databases) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var dataSource in databases.All) // each database that holds agencies' events
        {
            await using var cmd = dataSource.CreateCommand(
                "create index if not exists mt_events_tenant_seq on disclosure.mt_events (tenant_id, seq_id)");
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
