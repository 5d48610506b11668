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

        Assert.Contains("fastupdate=off", await Options("ix_search_similarity_distinctive"));
        Assert.Contains("fillfactor=70", await Options("search_cases"));
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
    /// A database indexed before the similarity index had narrow rows of its own: the keys were on the cases' wide rows, and
    /// a row written before the index held only the distinctive keys had none in that column (the index held all its keys).
    /// At start (StorageTuning), once, the keys move to the similarity index, such a row given all its keys, and the repeat
    /// check finds both earlier requests again.
    /// </summary>
    [Fact]
    public async Task Similarity_keys_kept_on_the_cases_rows_move_to_the_similarity_index_at_start()
    {
        const string text = "申请公开幸福路拓宽改造工程的拆迁补偿协议";
        var (earlier, _) = await Receive(text);
        var (older, _) = await Receive(text);
        await Indexed();
        Assert.Equal(2, await SimilarRowsFor(text));
        await Sql($"""
            update disclosure.search_cases c set similarity_keys = s.similarity_keys,
              distinctive_keys = case when c.id = '{older}' then null else s.distinctive_keys end
            from disclosure.search_similarity s where s.id = c.id and s.tenant_id = '{Agency}';
            delete from disclosure.search_similarity where tenant_id = '{Agency}';
            comment on table disclosure.search_similarity is null
            """);
        Assert.Equal(0, await SimilarRowsFor(text));

        var tuning = Host.Services.GetServices<IHostedService>().OfType<Disclosure.Host.Infrastructure.StorageTuning>().Single();
        await tuning.StartAsync(default);

        Assert.Equal(2, await SimilarRowsFor(text));
        Assert.Equal(2L, await Sql($"""
            select count(*) from disclosure.search_similarity
            where id in ('{earlier}', '{older}') and distinctive_keys = similarity_keys and cardinality(similarity_keys) > 0
            """));
        // a step re-indexes the case: its row on search_cases lets the old keys go
        (await Post($"/api/agencies/{Agency}/applications/{earlier}/decision", new { decidedOn = "2025-03-10", outcome = "disclosed" })).ShouldBe(200);
        await Indexed();
        Assert.Equal(0L, await Sql($"select count(*) from disclosure.search_cases where id = '{earlier}' and similarity_keys is not null"));
    }

    /// <summary>
    /// A database indexed when every similarity key was counted: its counts under the mark are deleted at start (StorageTuning),
    /// once — the index now stores only the frequent keys and counts a rarer one from the similarity index — and those at
    /// the mark are kept, so a frequent key still chooses nothing and a rare one still finds the earlier request.
    /// </summary>
    [Fact]
    public async Task Key_counts_under_the_frequent_mark_are_deleted_at_start()
    {
        const string text = "申请公开幸福路拓宽改造工程的拆迁补偿协议";
        await Receive(text);
        await Indexed();
        var frequent = Host.Services.GetRequiredService<Disclosure.Host.Search.SearchSettings>().FrequentKeyCases;
        var keys = Disclosure.Domain.Search.Repeats.SimilarityKeys.Of(text, Agency).Distinct().ToArray();
        // as the earlier version counted: one case for each of the text's keys, and a key of boilerplate at the mark
        await Sql($"""
            insert into disclosure.search_key_counts (tenant_id, similarity_key, cases)
            select '{Agency}', k, 1 from unnest(array[{string.Join(',', keys)}]) as k
            union all select '{Agency}', 7, {frequent};
            comment on table disclosure.search_key_counts is null
            """);

        var tuning = Host.Services.GetServices<IHostedService>().OfType<Disclosure.Host.Infrastructure.StorageTuning>().Single();
        await tuning.StartAsync(default);

        Assert.Equal(1L, await Sql($"select count(*) from disclosure.search_key_counts where tenant_id = '{Agency}'"));
        Assert.Equal(frequent, await Sql($"select cases from disclosure.search_key_counts where tenant_id = '{Agency}' and similarity_key = 7"));
        Assert.Equal(1, await SimilarRowsFor(text));
        // once: a later start leaves what is there (the comment records the step)
        await Sql($"insert into disclosure.search_key_counts (tenant_id, similarity_key, cases) values ('{Agency}', 8, 1)");
        await tuning.StartAsync(default);
        Assert.Equal(2L, await Sql($"select count(*) from disclosure.search_key_counts where tenant_id = '{Agency}'"));
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
