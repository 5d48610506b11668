using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Storage changes Marten's schema does not make. The (tenant_id, seq_id) index on the events that the report's freshness
/// check once needed is dropped where an earlier version made it: the check now reads only the daemon's lag by the sequence's
/// key (<see cref="Reporting.ReportBuilder.FreshnessSql"/>), the index cost every append an entry, and Marten's own migration
/// drops an index it does not know whenever another process's store starts (the province bench's seeder did), so each
/// host start built it again over the whole event table, blocking appends while it ran (#25). And once per database, the search index's rows written
/// before the similarity index held only the distinctive keys (<c>distinctive_keys</c>, #25) are given all their keys —
/// what that index held for them — so the repeat check finds them as before; the column's comment records that it was done.
/// Once per database too, the similarity keys' counts under <see cref="Search.SearchSettings.FrequentKeyCases"/> are deleted:
/// the index now keeps only the frequent keys and counts a rarer one from the similarity index, which holds it on every row
/// carrying it (<see cref="Search.SearchIndexProjection"/>, #25); the table's comment records that it was done.
/// </summary>
public sealed class StorageTuning(AgencyDatabases databases, Search.SearchSettings search) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var dataSource in databases.All) // each database that holds agencies' events
        {
            await using var cmd = dataSource.CreateCommand(
                "drop index if exists disclosure.mt_events_tenant_seq");
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
            await using var rare = dataSource.CreateCommand($"""
                do $$ begin
                  if obj_description('disclosure.search_key_counts'::regclass, 'pg_class') is distinct from '{FrequentKeysOnly}' then
                    delete from disclosure.search_key_counts where cases < {search.FrequentKeyCases};
                    comment on table disclosure.search_key_counts is '{FrequentKeysOnly}';
                  end if;
                end $$
                """);
            await rare.ExecuteNonQueryAsync(ct);
        }
    }

    private const string DistinctiveKeysFilled = "similarity keys still rare when the row was written; earlier rows got all theirs";

    private const string FrequentKeysOnly = "frequent similarity keys only (at Search:FrequentKeyCases); the counts under it were deleted";

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
