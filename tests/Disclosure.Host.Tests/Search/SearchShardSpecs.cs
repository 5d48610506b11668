using Disclosure.Host.Infrastructure;
using Disclosure.Host.Search;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Disclosure.Host.Tests.Search;

/// <summary>
/// The search index is several async projections, one per shard of the agencies (issue #25: one shard used at most one core
/// while the province bench's catch-up waited on it). Each agency's cases are indexed by exactly one shard, the same one in
/// C# and in SQL, and a shard rebuilt alone empties and refills its own agencies' rows only.
/// </summary>
public class SearchShardSpecs(AppFixture fixture) : SearchScenario(fixture)
{
    private const string Text = "申请公开幸福路拓宽改造工程的拆迁补偿协议及补偿款发放明细";

    [Fact]
    public void The_host_splits_the_index_into_shards_named_after_it()
    {
        var shards = new EventStoreTuning().SearchShards;
        Assert.True(shards > 1);
        var projections = ((Marten.DocumentStore)Store).Options.Projections;
        Assert.Equal("SearchIndex", SearchIndexProjection.NameOf(0));
        for (var shard = 0; shard < shards; shard++)
        {
            Assert.True(projections.TryFindProjection(SearchIndexProjection.NameOf(shard), out var source), SearchIndexProjection.NameOf(shard));
            Assert.Equal(500, Assert.IsAssignableFrom<JasperFx.Events.Projections.ProjectionBase>(source).Options.BatchSize);
        }
        Assert.False(projections.TryFindProjection(SearchIndexProjection.NameOf(shards), out _));
    }

    [Fact]
    public async Task Rebuilding_one_shard_refills_its_agencies_and_leaves_the_other_agencies_rows()
    {
        var shards = new EventStoreTuning().SearchShards;
        var tables = Host.Services.GetRequiredService<SearchTables>();
        // an agency of another shard than the scenario's (the first of a few names that falls elsewhere)
        var mine = SearchTables.ShardOf(Agency, shards);
        var other = new[] { "pinghu", "deqing", "haining", "jiaxing", "tongxiang" }.First(a => SearchTables.ShardOf(a, shards) != mine);
        var theirs = SearchTables.ShardOf(other, shards);
        await CreateAgency(other, code: other[..2].ToUpperInvariant());
        var (_, here) = await Receive(Text);
        var (_, there) = await Receive(Text, agency: other);
        // a text filed as often as the frequent mark in each agency: its keys become the agencies' frequent keys (counted at
        // the mark, beside the rarer keys of the other text)
        const string Boilerplate = "申请公开本单位2023年度政府信息公开工作年度报告";
        for (var i = 0; i < Host.Services.GetRequiredService<SearchSettings>().FrequentKeyCases; i++)
        {
            await Receive(Boilerplate);
            await Receive(Boilerplate, agency: other);
        }
        await Indexed();

        // the views a shard's rebuild deletes through hold its agencies' rows, as ShardOf assigns them
        foreach (var table in tables.All)
        {
            Assert.Equal([Agency], await Tenants(tables.ShardView(table, mine, shards)));
            Assert.Equal([other], await Tenants(tables.ShardView(table, theirs, shards)));
        }
        var keyCounts = await Count($"select count(*) from {tables.KeyCounts} where tenant_id = '{Agency}'");
        Assert.True(keyCounts > 0);

        // the other agency's rows lost (as if the index had gone wrong there), then its shard rebuilt alone
        await Count($"delete from {tables.Cases} where tenant_id = '{other}'");
        Assert.Empty(await Hits("拆迁补偿", other));
        var coordinator = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            using var daemon = await Store.BuildProjectionDaemonAsync();
            await daemon.RebuildProjectionAsync(SearchIndexProjection.NameOf(theirs), CancellationToken.None);
        }
        finally
        {
            await coordinator.ResumeAsync();
        }

        Assert.Equal([there], Numbers(await Hits("拆迁补偿", other)));
        Assert.Equal([here], Numbers(await Hits("拆迁补偿")));
        Assert.Equal(keyCounts, await Count($"select count(*) from {tables.KeyCounts} where tenant_id = '{Agency}'"));
        Assert.Equal(1L + Host.Services.GetRequiredService<SearchSettings>().FrequentKeyCases,
            await Count($"select count(*) from {tables.Cases} where tenant_id = '{Agency}'"));
    }

    private static async Task<List<string>> Tenants(string relation)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select distinct tenant_id from {relation} order by 1", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var tenants = new List<string>();
        while (await reader.ReadAsync()) tenants.Add(reader.GetString(0));
        return tenants;
    }

    private static async Task<long> Count(string sql)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync() is long n ? n : 0;
    }
}
