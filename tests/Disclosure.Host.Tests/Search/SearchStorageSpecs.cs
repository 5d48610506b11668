using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Disclosure.Host.Tests.Search;

/// <summary>
/// How the index's storage keeps the intake's repeat check cheap (found by ops/bench, issue #25): the similarity keys' GIN
/// index keeps no pending list — a scan reads the whole list, and with 177 pending pages the check's candidate query took
/// 19.8 ms instead of 0.9 ms, every intake — and the cases' table leaves room on each page, so a step's re-index of its case
/// (same texts, same keys) is an in-place (HOT) update that writes no index entries (1,589 ms against 66 ms for ~2,000 such
/// updates, measured). Both are declared on the schema Marten applies (SearchTables), so a migrated database gets them too.
/// </summary>
public class SearchStorageSpecs(AppFixture fixture) : SearchScenario(fixture)
{
    [Fact]
    public async Task The_similarity_index_keeps_no_pending_list_and_the_cases_table_leaves_room_for_in_place_updates()
    {
        await Receive("申请公开幸福路拓宽改造工程的拆迁补偿协议");
        await Indexed();

        Assert.Contains("fastupdate=off", await Options("ix_search_cases_similarity"));
        Assert.Contains("fillfactor=70", await Options("search_cases"));
    }

    /// <summary>
    /// The indexes search and the repeat check stand on. A small agency's search finds its cases without them (a scan of
    /// every row), so no other spec notices one missing; on the province bench a two-character search then read all of an
    /// agency's 65,892 rows (1.3 s) — found after a schema change had dropped two of them by mistake (#25).
    /// </summary>
    [Fact]
    public async Task Search_and_the_repeat_check_have_their_indexes()
    {
        Assert.Contains("USING gin (tenant_id, terms)", await Definition("ix_search_cases_terms")); // one and two characters (合同)
        Assert.Contains("USING gin (tenant_id, search_text gin_trgm_ops)", await Definition("ix_search_cases_text")); // three or more
        Assert.Contains("USING gin (distinctive_keys)", await Definition("ix_search_cases_similarity")); // the repeat check
        Assert.Contains("(tenant_id, received_on)", await Definition("ix_search_cases_received")); // the newest matches of a common word

        static async Task<string> Definition(string index) =>
            (string?)await Sql($"select indexdef from pg_indexes where schemaname = 'disclosure' and tablename = 'search_cases' and indexname = '{index}'")
            ?? $"(no index {index} on search_cases)";
    }

    /// <summary>
    /// A step that changes nothing a result shows or a search finds (an assignment to a handler) leaves the case's row as it
    /// is — no new row version, no WAL — while a step that does (the decision: status, outcome) updates it.
    /// </summary>
    [Fact]
    public async Task A_step_that_changes_nothing_shown_leaves_the_cases_row_as_it_is()
    {
        var (id, _) = await Receive("申请公开幸福路拓宽改造工程的拆迁补偿协议");
        await Indexed();
        var (version, status) = await Row(id);
        Assert.Equal("received", status);

        (await Post($"/api/agencies/{Agency}/applications/{id}/assignment", new { on = "2025-03-04", handler = "wang.handler" })).ShouldBe(200);
        await Indexed();
        Assert.Equal((version, status), await Row(id));

        (await Post($"/api/agencies/{Agency}/applications/{id}/decision", new { decidedOn = "2025-03-10", outcome = "disclosed" })).ShouldBe(200);
        await Indexed();
        var (after, answered) = await Row(id);
        Assert.NotEqual(version, after);
        Assert.Equal("answered", answered);
    }

    /// <summary>
    /// A database indexed before the similarity index held only the distinctive keys: its rows have none in the new column,
    /// so the repeat check would not find them. At start (StorageTuning), once, they are given all their keys — what the
    /// index held for them — and the check finds the earlier request again.
    /// </summary>
    [Fact]
    public async Task Rows_indexed_before_the_distinctive_keys_are_given_all_their_keys_at_start()
    {
        const string text = "申请公开幸福路拓宽改造工程的拆迁补偿协议";
        var (earlier, _) = await Receive(text);
        await Indexed();
        await Sql("update disclosure.search_cases set distinctive_keys = null; comment on column disclosure.search_cases.distinctive_keys is null");
        Assert.Equal(0, await SimilarRowsFor(text));

        var tuning = Host.Services.GetServices<IHostedService>().OfType<Disclosure.Host.Infrastructure.StorageTuning>().Single();
        await tuning.StartAsync(default);

        Assert.Equal(1, await SimilarRowsFor(text));
        Assert.Equal(0L, await Sql($"select count(*) from disclosure.search_cases where id = '{earlier}' and distinctive_keys is distinct from similarity_keys"));
    }

    /// <summary>
    /// A database indexed by an earlier version: one that kept only the frequent keys (a rarer one counted from the similarity
    /// index), or one before it that counted every key however often. At start (StorageTuning), once, the counts under the
    /// mark are made again from what the similarity index holds — a rare key's count is the rows holding it — and those at
    /// the mark are kept, so a frequent key still chooses nothing and a rare one still finds the earlier request.
    /// </summary>
    [Fact]
    public async Task Rare_keys_are_counted_again_from_the_similarity_index_once_at_start()
    {
        const string text = "申请公开幸福路拓宽改造工程的拆迁补偿协议";
        await Receive(text);
        await Indexed();
        var frequent = Host.Services.GetRequiredService<Disclosure.Host.Search.SearchSettings>().FrequentKeyCases;
        var keys = Disclosure.Domain.Search.Repeats.SimilarityKeys.Of(text, Agency).Distinct().ToArray();
        Assert.Equal((long)keys.Length, await Sql($"select count(*) from disclosure.search_key_counts where tenant_id = '{Agency}' and cases = 1"));
        // as the earlier versions left it: the rare keys' counts gone, a key of boilerplate at the mark, and a stale count of
        // a key no row holds
        await Sql($"""
            delete from disclosure.search_key_counts where tenant_id = '{Agency}';
            insert into disclosure.search_key_counts (tenant_id, similarity_key, cases) values ('{Agency}', 7, {frequent}), ('{Agency}', 8, 3);
            comment on table disclosure.search_key_counts is null
            """);

        var tuning = Host.Services.GetServices<IHostedService>().OfType<Disclosure.Host.Infrastructure.StorageTuning>().Single();
        await tuning.StartAsync(default);

        Assert.Equal((long)keys.Length, await Sql($"""
            select count(*) from disclosure.search_key_counts
            where tenant_id = '{Agency}' and cases = 1 and similarity_key = any(array[{string.Join(',', keys)}])
            """));
        Assert.Equal(frequent, await Sql($"select cases from disclosure.search_key_counts where tenant_id = '{Agency}' and similarity_key = 7"));
        Assert.Equal(0L, await Sql($"select count(*) from disclosure.search_key_counts where tenant_id = '{Agency}' and similarity_key = 8"));
        Assert.Equal(1, await SimilarRowsFor(text));
        // once: a later start leaves what is there (the comment records the step)
        await Sql($"insert into disclosure.search_key_counts (tenant_id, similarity_key, cases) values ('{Agency}', 8, 1)");
        await tuning.StartAsync(default);
        Assert.Equal(1, await Sql($"select cases from disclosure.search_key_counts where tenant_id = '{Agency}' and similarity_key = 8"));
    }

    /// <summary>The rows the repeat check reads for a new request with this text (nothing of it stored).</summary>
    private async Task<int> SimilarRowsFor(string text)
    {
        await using var session = Store.QuerySession(Agency);
        var request = new Disclosure.Domain.Applications.Application { Id = Guid.NewGuid(), Description = text, ReceivedOn = new DateOnly(2025, 3, 4) };
        return (await Host.Services.GetRequiredService<Disclosure.Host.Search.RepeatCheck>().MeasuredOfAsync(session, request, default)).Reads.SimilarRows;
    }

    private static async Task<object?> Sql(string sql)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>The row's version (xmin: the transaction that wrote it) and its status.</summary>
    private static async Task<(string Version, string Status)> Row(Guid id)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select xmin::text, status from disclosure.search_cases where id = $1", conn) { Parameters = { new() { Value = id } } };
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"case {id} is not indexed");
        return (reader.GetString(0), reader.GetString(1));
    }

    private static async Task<string[]> Options(string relation)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select coalesce(c.reloptions, array[]::text[]) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'disclosure' and c.relname = $1
            """, conn) { Parameters = { new() { Value = relation } } };
        return (string[])(await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException($"{relation} does not exist"));
    }
}
