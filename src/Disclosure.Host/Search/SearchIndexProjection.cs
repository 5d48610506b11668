using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Disclosure.Host.Search;

/// <summary>
/// Keeps the search index (<see cref="SearchTables"/>) on the async daemon, like every statistic: an intake never waits for
/// it, a rebuild re-creates it with the others (its tables are emptied first). Each batch of one agency's events re-indexes
/// the cases they belong to from the cases as they stand now (their inline documents), so the index always shows the
/// latest state; <c>personal_data_erased</c> re-indexes a case without its personal texts and removes its applicant's
/// identities and their counts. Idempotent: a batch processed twice leaves the same rows and counts.
/// </summary>
public sealed class SearchIndexProjection : ProjectionBase, IProjection
{
    public const string ProjectionName = "SearchIndex";

    private readonly SearchTables tables;
    private readonly ApplicantKeyProtector protector;
    private readonly SearchSettings settings;
    private readonly int frequent;
    private readonly int shard;
    private readonly int shards;

    public SearchTables Tables => tables;

    /// <summary>The whole index as one projection (one shard of one): what the host registers, and what <see cref="Shards"/> splits.</summary>
    public SearchIndexProjection(SearchTables tables, ApplicantKeyProtector protector, SearchSettings settings) : this(tables, protector, settings, 0, 1)
    {
    }

    private SearchIndexProjection(SearchTables tables, ApplicantKeyProtector protector, SearchSettings settings, int shard, int shards)
    {
        this.tables = tables;
        this.protector = protector;
        this.settings = settings;
        frequent = settings.FrequentKeyCases;
        this.shard = shard;
        this.shards = shards;
        Name = NameOf(shard);
        foreach (var type in Infrastructure.EventStore.Implementing<IApplicationEvent>().Concat(Infrastructure.EventStore.Implementing<ILetterEvent>()).Distinct())
            IncludeType(type);
        // a rebuild empties what this shard writes, and only that: one shard rebuilt alone (RebuildProjectionAsync of its name)
        // leaves the other shards' agencies in the index. Every table has the agency (tenant_id); with several shards the rows
        // are deleted through a view of this shard's agencies (SearchTables.ShardView)
        foreach (var table in tables.All)
            Options.DeleteDataInTableOnTeardown(shards == 1 ? table : tables.ShardView(table, shard, shards));
    }

    /// <summary>The progression name of a shard: the first keeps the index's name (one shard is the index as it always was).</summary>
    public static string NameOf(int shard) => shard == 0 ? ProjectionName : $"{ProjectionName}{shard + 1}";

    /// <summary>
    /// The index split into <paramref name="count"/> async projections by agency (<see cref="SearchTables.ShardOf"/>): the
    /// daemon runs one shard per projection, one batch after another, each batch's host work (loading the cases, their texts
    /// and keys) then its SQL — on one shard the index used at most one core while the other waited. Each shard reads every
    /// event and indexes its agencies' cases; agencies never share a row of any of the index's tables (their keys and counts
    /// are per agency), so the shards never wait for one another. Every shard is named by <see cref="NameOf"/> (SearchIndex,
    /// SearchIndex2, …: <c>name like 'SearchIndex%'</c> finds them all) and rebuilt with the others by <c>projections rebuild</c>.
    /// A different count moves agencies between shards: rebuild the index after changing it (EventStoreTuning.SearchShards).
    /// </summary>
    public IReadOnlyList<SearchIndexProjection> Shards(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return count == 1 ? [this] : [.. Enumerable.Range(0, count).Select(i => new SearchIndexProjection(tables, protector, settings, i, count))];
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // the events of one agency (the daemon hands each tenant's events to its own session); an agency of another shard is that shard's to index
        var agency = operations.TenantId;
        if (shards > 1 && SearchTables.ShardOf(agency, shards) != shard) return;
        var applicationIds = events.Where(e => e.Data is IApplicationEvent).Select(e => e.StreamId).Distinct().ToArray();
        var letterIds = events.Where(e => e.Data is ILetterEvent).Select(e => e.StreamId).Distinct().ToArray();
        // personal_data_erased is an event of both kinds of case, so its stream is looked for among both; a document that no
        // intake opened (the other kind's inline projection folds that event too, into a case without a number) is no case
        var entries = new List<SearchEntry>(applicationIds.Length + letterIds.Length);
        if (applicationIds.Length > 0)
            entries.AddRange((await operations.LoadManyAsync<Application>(cancellation, applicationIds)).Where(a => a.TrackingNumber.Length > 0)
                .Select(a => SearchEntry.From(a, agency, protector)));
        if (letterIds.Length > 0)
            entries.AddRange((await operations.LoadManyAsync<Letter>(cancellation, letterIds)).Where(l => l.TrackingNumber.Length > 0).Select(SearchEntry.From));
        if (entries.Count == 0) return;

        // the key counts follow the rows, before they are re-indexed: what the cases' keys are now against what the index holds
        var applications = entries.Where(e => e.Kind == SearchEntry.ApplicationKind).ToList();
        if (applications.Count > 0) QueueKeyCounts(operations, agency, applications);
        QueueUpsert(operations, agency, entries);
        var keyed = entries.Where(e => !e.Erased).SelectMany(e => e.ApplicantKeys.Select(k => (e, k))).ToList();
        if (keyed.Count > 0) QueueKeys(operations, agency, keyed);
        var erased = entries.Where(e => e.Erased).Select(e => e.Id).ToArray();
        if (erased.Length > 0) QueueErasure(operations, agency, erased);
    }

    /// <summary>
    /// The cases' rows as they stand now. A row that would not change (a step that changes nothing a result shows or a search
    /// finds: an assignment, a fee paid, a reminder, a batch seen again) is left as it is: no new row version, no WAL for it.
    /// </summary>
    /// <remarks>
    /// Of a request's similarity keys only those not yet at <see cref="SearchSettings.FrequentKeyCases"/> (the counts just
    /// moved by this batch, <see cref="QueueKeyCounts"/>) go into the similarity index (<c>distinctive_keys</c>): the repeat
    /// check looks up no key at the mark, so the copies of a campaign's or a template's text after its first few write none of
    /// their 64 keys into the index. While a key's count is under the mark every row carrying it holds it there (a row is
    /// written after its batch's counts, which include it), so the check finds what it found before. A row keeps the keys it
    /// was written with while its text stays (a later step does not drop keys that became frequent since: no index write);
    /// a corrected text is sorted again. The keys at the mark are looked up once for the batch (its new texts' distinct keys,
    /// through the counts' primary key) and tested as a hashed set: looked up per row, 64 probes a row took ~0.35 ms of the
    /// daemon's statement (EXPLAIN ANALYZE on the bench database) and ate what the index's writes saved. After erasure
    /// lowers a count from the cap (a key still carried by more) the check may use the key again and finds the rows written
    /// before it reached the mark — it is frequent, so it should choose no candidates anyway, and its next copy brings the
    /// count back to the mark.
    /// </remarks>
    private void QueueUpsert(IDocumentOperations operations, string agency, List<SearchEntry> entries)
    {
        operations.QueueSqlCommand($"""
            with t as (
              select u.*, nullif(u.similarity, '')::integer[] as keys
              from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                          ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                as u(id, kind, tracking_number, status, received_on, channel, category, outcome, department, answered,
                     name, title, body, notes, key_text, search_text, terms, similarity)),
            was as (
              select t.id, e.similarity_keys is not distinct from t.keys as same, e.distinctive_keys
              from t join {tables.Cases} e on e.id = t.id),
            marked as (
              select f.similarity_key from {tables.KeyCounts} f
              where f.tenant_id = ? and f.cases >= {frequent}
                and f.similarity_key = any(array(select distinct x from t cross join lateral unnest(t.keys) as x
                                                 where not exists (select from was w where w.id = t.id and w.same))))
            insert into {tables.Cases} as s (id, tenant_id, kind, tracking_number, status, received_on, received_year, channel, applicant_category,
              outcome, department, answered, applicant_name, title, body, notes, key_text, search_text, terms, similarity_keys, distinctive_keys)
            select t.id, ?, t.kind, t.tracking_number, t.status, t.received_on, extract(year from t.received_on)::int, t.channel, t.category,
              t.outcome, t.department, t.answered, t.name, t.title, t.body, t.notes, t.key_text, t.search_text,
              array_to_tsvector(string_to_array(t.terms, ' ')), t.keys,
              case when t.keys is null then null
                   when w.same then w.distinctive_keys
                   else array(select x from unnest(t.keys) as x where x not in (select m.similarity_key from marked m)) end
            from t left join was w on w.id = t.id
            on conflict (id) do update set kind = excluded.kind, tracking_number = excluded.tracking_number, status = excluded.status,
              received_on = excluded.received_on, received_year = excluded.received_year, channel = excluded.channel,
              applicant_category = excluded.applicant_category, outcome = excluded.outcome, department = excluded.department,
              answered = excluded.answered, applicant_name = excluded.applicant_name, title = excluded.title, body = excluded.body,
              notes = excluded.notes, key_text = excluded.key_text, search_text = excluded.search_text, terms = excluded.terms,
              similarity_keys = excluded.similarity_keys, distinctive_keys = excluded.distinctive_keys
            where (s.kind, s.tracking_number, s.status, s.received_on, s.channel, s.applicant_category, s.outcome, s.department, s.answered,
                   s.applicant_name, s.title, s.body, s.notes, s.key_text, s.search_text, s.terms, s.similarity_keys)
              is distinct from (excluded.kind, excluded.tracking_number, excluded.status, excluded.received_on, excluded.channel,
                   excluded.applicant_category, excluded.outcome, excluded.department, excluded.answered, excluded.applicant_name,
                   excluded.title, excluded.body, excluded.notes, excluded.key_text, excluded.search_text, excluded.terms, excluded.similarity_keys)
            """,
            Col(e => e.Id), Col(e => e.Kind), Col(e => e.TrackingNumber), Col(e => e.Status), Col(e => e.ReceivedOn), Col(e => e.Channel),
            Col(e => e.ApplicantCategory), Col(e => e.Outcome), Col(e => e.Department), Col(e => e.Answered), Col(e => e.ApplicantName),
            Col(e => e.Title), Col(e => e.Body), Col(e => e.Notes), Col(e => e.KeyText), Col(e => e.SearchText), Col(e => e.Terms),
            Col(e => e.SimilarityKeys is { } k ? "{" + string.Join(',', k) + "}" : ""), agency, agency);

        T[] Col<T>(Func<SearchEntry, T> field) => entries.Select(field).ToArray();
    }

    /// <summary>
    /// The agency's key counts moved by the difference between the keys the cases carry now and those the index holds for
    /// them: a new request adds its keys, a step (the same text) changes nothing, erasure or a corrected text takes keys off
    /// (a count at zero goes), a batch seen again finds nothing to change. A count stops at
    /// <see cref="SearchSettings.FrequentKeyCases"/>: the repeat check asks only whether a key has reached it, so a key
    /// already there (a campaign's model text, boilerplate) is looked up and not written again.
    /// </summary>
    /// <remarks>
    /// A key gained is one upsert (the row inserted or updated in place), not an update, a delete and an insert that each
    /// look the key up: an intake brings ~50 keys, and this is the dearest statement of the daemon — measured on 20 templated
    /// intakes (~1,000 keys), 34–38 ms → 24–29 ms per batch (three rounds of 25 interleaved pairs, README "Intake with the
    /// repeat check"). Keys lost (erasure, a corrected text) are rare and keep the update-or-delete. The cap: under the
    /// bench's templated and campaign loads nearly every key of an intake is frequent, and each was a row updated (a new row
    /// version and its WAL) per intake — ~32 of the ~34 rows updated per request; a saturated key is now only probed, not
    /// locked (an upsert's conflict locks the row even when its WHERE declines the update). Erasure lowers a capped count
    /// from the cap, so a key still carried by more may count as rare until its next copy: it then chooses candidates
    /// again — more rows read, within the check's LIMIT — never fewer.
    /// </remarks>
    private void QueueKeyCounts(IDocumentOperations operations, string agency, List<SearchEntry> applications)
    {
        var keyed = applications.SelectMany(e => (e.SimilarityKeys ?? []).Select(k => (e.Id, Key: k))).ToList();
        // the keys at the mark are read by the batch's own keys through the primary key (= any(array(…))), whatever the
        // agency's history, and tested as a hashed set (not in): written as a join, a plan for the values at hand read and
        // hashed all of the agency's counts (4,875 rows after one bench run; a year of diverse requests holds millions), and
        // the prepared statement's generic plan compared every key of the batch with every key at the mark (a nested loop:
        // 307,789 comparisons, 60 ms for 20 intakes, against 4.7 ms — EXPLAIN ANALYZE on the bench database)
        operations.QueueSqlCommand($"""
            with held as (
              select k, count(*) as n from {tables.Cases} s cross join lateral unnest(s.similarity_keys) as k
              where s.id = any(?) group by k),
            carried as (select k, count(*) as n from unnest(?::uuid[], ?::integer[]) as t(id, k) group by k),
            delta as (
              select k, sum(n)::int as n from (select k, n from carried union all select k, -n from held) as x
              group by k having sum(n) <> 0),
            gained as (
              insert into {tables.KeyCounts} as c (tenant_id, similarity_key, cases)
              select ?, d.k, least(d.n, {frequent}) from delta d
              where d.n > 0 and d.k not in (select f.similarity_key from {tables.KeyCounts} f
                                            where f.tenant_id = ? and f.similarity_key = any(array(select k from delta)) and f.cases >= {frequent})
              on conflict (tenant_id, similarity_key) do update set cases = least(c.cases + excluded.cases, {frequent})),
            gone as (
              delete from {tables.KeyCounts} c using delta d
              where d.n < 0 and c.tenant_id = ? and c.similarity_key = any(array(select k from delta where n < 0))
                and c.similarity_key = d.k and c.cases + d.n <= 0)
            update {tables.KeyCounts} c set cases = c.cases + d.n from delta d
            where d.n < 0 and c.tenant_id = ? and c.similarity_key = any(array(select k from delta where n < 0))
              and c.similarity_key = d.k and c.cases + d.n > 0
            """,
            applications.Select(e => e.Id).ToArray(), keyed.Select(x => x.Id).ToArray(), keyed.Select(x => x.Key).ToArray(),
            agency, agency, agency, agency);
    }

    /// <summary>New identities counted once each (a batch seen again inserts nothing, so counts nothing).</summary>
    private void QueueKeys(IDocumentOperations operations, string agency, List<(SearchEntry Entry, ProtectedKey Key)> keyed)
    {
        operations.QueueSqlCommand($"""
            with added as (
              insert into {tables.ApplicantKeys} (tenant_id, case_id, applicant_key, basis, received_on)
              select ?, t.case_id, t.applicant_key, t.basis, t.received_on from unnest(?::uuid[], ?::text[], ?::text[], ?::date[]) as t(case_id, applicant_key, basis, received_on)
              on conflict do nothing
              returning applicant_key, basis, received_on)
            insert into {tables.ApplicantCounts} (tenant_id, applicant_key, period, basis, requests)
            select ?, a.applicant_key, p.period, min(a.basis), count(*)
            from added a cross join lateral (values (to_char(a.received_on, 'YYYY-MM')), (to_char(a.received_on, 'YYYY'))) as p(period)
            group by a.applicant_key, p.period
            on conflict (tenant_id, applicant_key, period) do update set requests = {tables.ApplicantCounts}.requests + excluded.requests
            """,
            agency, keyed.Select(x => x.Entry.Id).ToArray(), keyed.Select(x => x.Key.Hash).ToArray(), keyed.Select(x => x.Key.Basis).ToArray(),
            keyed.Select(x => x.Entry.ReceivedOn).ToArray(), agency);
    }

    /// <summary>Erasure: the applicant's identities go, and the counts they made.</summary>
    private void QueueErasure(IDocumentOperations operations, string agency, Guid[] erased)
    {
        operations.QueueSqlCommand($"""
            with gone as (delete from {tables.ApplicantKeys} where tenant_id = ? and case_id = any(?) returning applicant_key, received_on),
            counted as (
              select g.applicant_key, p.period, count(*) as n
              from gone g cross join lateral (values (to_char(g.received_on, 'YYYY-MM')), (to_char(g.received_on, 'YYYY'))) as p(period)
              group by g.applicant_key, p.period)
            update {tables.ApplicantCounts} c set requests = c.requests - counted.n
            from counted where c.tenant_id = ? and c.applicant_key = counted.applicant_key and c.period = counted.period
            """, agency, erased, agency);
        operations.QueueSqlCommand($"delete from {tables.ApplicantCounts} where tenant_id = ? and requests <= 0", agency);
    }
}
