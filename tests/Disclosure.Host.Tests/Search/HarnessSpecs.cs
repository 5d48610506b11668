using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Disclosure.Host.Tests.Search;

/// <summary>
/// The harness itself: an async shard whose position outlived a reset of the events (it waits beyond the new high water
/// mark and stays at 0 — seen as a 2-minute time-out in full runs) is started again before a scenario waits on it.
/// </summary>
public class HarnessSpecs(AppFixture fixture) : SearchScenario(fixture)
{
    [Fact]
    public async Task A_shard_whose_position_outlived_a_reset_of_the_events_is_started_again_and_catches_up()
    {
        await Receive("申请公开2024年部门预算");
        await Receive("申请公开2024年部门决算");
        await Receive("申请公开2023年部门预算");
        await Indexed();

        // the events go as a reset takes them, behind the daemon's back: its shards still hold their old positions
        await using (var conn = new NpgsqlConnection(AppFixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                truncate disclosure.mt_events, disclosure.mt_streams;
                delete from disclosure.mt_event_progression;
                alter sequence disclosure.mt_events_sequence restart with 1;
                """, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var (_, number) = await Receive("申请公开2024年园区物业管理服务采购合同");

        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(5));
        Assert.Contains(number, Numbers(await Hits("合同")));
    }
}
