using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Storage changes Marten's schema does not make. The (tenant_id, seq_id) index on the events that the report's freshness
/// check once needed is dropped where an earlier version made it: the check now reads only the daemon's lag by the sequence's
/// key (<see cref="Reporting.ReportBuilder.FreshnessSql"/>), the index cost every append an entry, and Marten's own migration
/// drops an index it does not know whenever another process's store starts (the province bench's seeder did), so each
/// host start built it again over the whole event table, blocking appends while it ran (#25). And once per database, the
/// similarity keys an earlier version kept on the search index's wide rows (<c>search_cases.similarity_keys</c> and
/// <c>distinctive_keys</c>) are moved to the similarity index's own narrow rows (<see cref="Search.SearchTables.Similarity"/>,
/// #25): a row written before the index held only the distinctive keys (none in that column) is given all its keys — what
/// the index held for it — so the repeat check finds every earlier request as before; the new table's comment records that
/// it was done. The old columns stay declared in Marten's schema, so that its migration does not drop them before this step
/// has run; a row's old keys are let go when the index next updates it, not all at once here (a rewrite of every row).
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
            // several hosts may start at once: the lock makes the second wait, then find the step done
            await using var fill = dataSource.CreateCommand($"""
                do $$ begin
                  if obj_description('disclosure.search_similarity'::regclass, 'pg_class') is distinct from '{SimilarityMoved}' then
                    lock table disclosure.search_similarity in share row exclusive mode;
                    if obj_description('disclosure.search_similarity'::regclass, 'pg_class') is distinct from '{SimilarityMoved}' then
                      insert into disclosure.search_similarity (id, tenant_id, received_on, similarity_keys, distinctive_keys)
                      select id, tenant_id, received_on, similarity_keys, coalesce(distinctive_keys, similarity_keys)
                      from disclosure.search_cases where similarity_keys is not null
                      on conflict (id) do nothing;
                      comment on table disclosure.search_similarity is '{SimilarityMoved}';
                    end if;
                  end if;
                end $$
                """);
            // once, over every application of the database (~2 M rows of the province bench: longer than a command's default 30 s)
            fill.CommandTimeout = 0;
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

    private const string SimilarityMoved = "similarity keys moved here from search_cases; rows written before the distinctive keys got all theirs";

    private const string FrequentKeysOnly = "frequent similarity keys only (at Search:FrequentKeyCases); the counts under it were deleted";

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
