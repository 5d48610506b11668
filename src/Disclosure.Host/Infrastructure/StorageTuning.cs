using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Indexes the product relies on beyond Marten's own: the report's freshness asks for the newest event of an agency,
/// which without (tenant_id, seq_id) scans the whole event table. And once per database, the search index's rows written
/// before the similarity index held only the distinctive keys (<c>distinctive_keys</c>, #25) are given all their keys —
/// what that index held for them — so the repeat check finds them as before; the column's comment records that it was done.
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
            await using var fill = dataSource.CreateCommand($"""
                do $$ begin
                  if col_description('disclosure.search_cases'::regclass,
                       (select attnum from pg_attribute where attrelid = 'disclosure.search_cases'::regclass and attname = 'distinctive_keys'))
                     is distinct from '{DistinctiveKeysFilled}' then
                    update disclosure.search_cases set distinctive_keys = similarity_keys where distinctive_keys is null and similarity_keys is not null;
                    comment on column disclosure.search_cases.distinctive_keys is '{DistinctiveKeysFilled}';
                  end if;
                end $$
                """);
            await fill.ExecuteNonQueryAsync(ct);
        }
    }

    private const string DistinctiveKeysFilled = "similarity keys still rare when the row was written; earlier rows got all theirs";

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
