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
    /// <para>Of a request's similarity keys only those not yet frequent in the agency (carried by
    /// <see cref="SearchSettings.FrequentKeyCases"/> of its applications) go into the similarity index
    /// (<c>distinctive_keys</c>): the repeat check looks up no frequent key, so the copies of a campaign's or a template's text
    /// after its first few write none of their 64 keys into the index. A row keeps the keys it was written with while its
    /// text stays (a later step does not drop keys that became frequent since: no index write); a corrected text is sorted
    /// again.</para>
    /// <para>Every key is counted per agency (<see cref="SearchTables.KeyCounts"/>: a row per key, up to the mark and kept
    /// there). A new or corrected text adds its keys (each case once); the row it replaces takes back the keys it held while
    /// they were rare (its <c>distinctive_keys</c>), and so does an erased request's. The batch's keys are read by key (one
    /// probe of the primary key each, a lateral join) and written as they now stand — raised, or deleted at zero — so a key
    /// under the mark is counted exactly as the similarity index holds it (the rows holding it: CampaignRepeatSpecs counts
    /// both ways). Those the batch brings to the mark become frequent, and none of the batch's rows holds them. A batch
    /// processed again finds its rows unchanged and counts nothing.</para>
    /// <para>The version before kept only the frequent keys and counted a rarer one from the similarity index, reading the
    /// rows that carried it (64 keys a GIN scan): cheaper than a row per key at 150,000 cases (the rebuild's CPU per case
    /// 1.19 → 1.04 ms), but the rows under each rare key grow with the agency's history toward the mark, and at 3–6 M events
    /// that count was ~45 % of the province seeding's CPU. Measured against it on copies of the province bench at ~3.5 M
    /// events (README, "Counting every key again"): the statement for 130 texts 64–237 ms against 144–843 ms, the seeding's
    /// CPU per event and the index's tail far lower. As a plain join the batch's keys met the counts in a nested loop over a
    /// materialised read (2.3 M comparisons, 250 ms for 130 texts): the lateral probe keeps the plan to one look-up a key.</para>
    /// <para>Erasure or a corrected text leaves a frequent key frequent (a count at the mark is not lowered): a key that
    /// 32 of the agency's applications carried is boilerplate or a campaign's text, which says little about which earlier
    /// request a new one repeats, and its count could not be kept once it reached the mark (the rows written after it became
    /// frequent do not hold it). A repeat is then found by the request's other keys or, the same applicant's, by identity.
    /// A rebuild counts again from the events.</para>
    /// <para>The keys at the mark are tested as a hashed set when a row's <c>distinctive_keys</c> are chosen (<c>not in</c>
    /// a CTE): looked up per row, 64 probes a row took ~0.35 ms of the daemon's statement (EXPLAIN ANALYZE on the bench
    /// database).</para>
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
            carried as (
              select x as k, count(distinct t.id)::int as n from t cross join lateral unnest(t.keys) as x
              where not exists (select from was w where w.id = t.id and w.same) group by x),
            dropped as (
              select x as k, count(distinct w.id)::int as n from was w cross join lateral unnest(w.distinctive_keys) as x
              where not w.same group by x),
            delta as (select k, sum(n)::int as n from (select k, n from carried union all select k, -n from dropped) d group by k),
            counted as (
              select d.k, p.cases as was, case when p.cases >= {frequent} then p.cases else least(coalesce(p.cases, 0) + d.n, {frequent}) end as now
              from delta d left join lateral (
                select c.cases from {tables.KeyCounts} c where c.tenant_id = ? and c.similarity_key = d.k) p on true),
            raised as (
              insert into {tables.KeyCounts} as c (tenant_id, similarity_key, cases)
              select ?, n.k, n.now from counted n where n.now > 0 and n.now is distinct from n.was
              on conflict (tenant_id, similarity_key) do update set cases = excluded.cases),
            lowered as (
              delete from {tables.KeyCounts} c
              where c.tenant_id = ? and c.similarity_key = any(array(select k from counted where now <= 0 and was is not null))),
            marked as (select k from counted where now >= {frequent})
            insert into {tables.Cases} as s (id, tenant_id, kind, tracking_number, status, received_on, received_year, channel, applicant_category,
              outcome, department, answered, applicant_name, title, body, notes, key_text, search_text, terms, similarity_keys, distinctive_keys)
            select t.id, ?, t.kind, t.tracking_number, t.status, t.received_on, extract(year from t.received_on)::int, t.channel, t.category,
              t.outcome, t.department, t.answered, t.name, t.title, t.body, t.notes, t.key_text, t.search_text,
              array_to_tsvector(string_to_array(t.terms, ' ')), t.keys,
              case when t.keys is null then null
                   when w.same then w.distinctive_keys
                   else array(select x from unnest(t.keys) as x where x not in (select m.k from marked m)) end
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
            Col(e => e.SimilarityKeys is { } k ? "{" + string.Join(',', k) + "}" : ""), agency, agency, agency, agency);

        T[] Col<T>(Func<SearchEntry, T> field) => entries.Select(field).ToArray();
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
