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
/// Once per database too, the similarity keys' counts under <see cref="Search.SearchSettings.FrequentKeyCases"/> are made
/// again from the similarity index, which holds such a key on every row carrying it: the version before kept only the
/// frequent keys (and the one before that counted every key however often). The index now keeps each key's count, which
/// the daemon reads by key instead of reading the carriers' rows (<see cref="Search.SearchIndexProjection"/>, #25). One
/// statement over the index (2 min 46 s for 17 M keys of 524,000 applications on the province bench); the table's comment
/// records that it was done.
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
            // under a lock, and the mark read again after it: two hosts starting together count once
            await using var rare = dataSource.CreateCommand($"""
                do $$ begin
                  if obj_description('disclosure.search_key_counts'::regclass, 'pg_class') is distinct from '{RareKeysCounted}' then
                    perform pg_advisory_xact_lock(hashtext('disclosure.search_key_counts'));
                    if obj_description('disclosure.search_key_counts'::regclass, 'pg_class') is distinct from '{RareKeysCounted}' then
                      delete from disclosure.search_key_counts where cases < {search.FrequentKeyCases};
                      insert into disclosure.search_key_counts (tenant_id, similarity_key, cases)
                      select s.tenant_id, k, least(count(distinct s.id), {search.FrequentKeyCases})
                      from disclosure.search_cases s cross join lateral unnest(s.distinctive_keys) as k
                      group by s.tenant_id, k
                      on conflict (tenant_id, similarity_key) do nothing;
                      comment on table disclosure.search_key_counts is '{RareKeysCounted}';
                    end if;
                  end if;
                end $$
                """);
            await rare.ExecuteNonQueryAsync(ct);
        }
    }

    private const string DistinctiveKeysFilled = "similarity keys still rare when the row was written; earlier rows got all theirs";

    private const string RareKeysCounted = "every similarity key counted up to Search:FrequentKeyCases; the rarer ones counted once from the similarity index";

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
