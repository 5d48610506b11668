using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Disclosure.Host.Tests.Search;

/// <summary>
/// The harness itself: an async shard whose position outlived a reset of the events (it waits beyond the new high water
/// mark and stays at 0 — seen as a 2-minute time-out in full runs) is started again before a scenario waits on it.
/// A position written back after the reset, beyond the restarted sequence (it reads as caught up while its shard skips the
/// new events — a search that found nothing, once in a full run), is not taken as caught up, and its shard starts again.
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
        await EventsResetBehindTheDaemonsBack("delete from disclosure.mt_event_progression");
        var (_, number) = await Receive("申请公开2024年园区物业管理服务采购合同");

        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(5));
        Assert.Contains(number, Numbers(await Hits("合同")));
    }

    [Fact]
    public async Task A_position_written_back_beyond_a_reset_of_the_events_is_not_caught_up_and_is_started_again_from_the_start()
    {
        await Receive("申请公开2024年部门预算");
        await Receive("申请公开2024年部门决算");
        await Indexed();

        // the events go as a reset takes them, and an agent of the scenario before writes its old position back afterwards:
        // every position then lies beyond the restarted sequence, and reads as caught up with the events to come
        await EventsResetBehindTheDaemonsBack("update disclosure.mt_event_progression set last_seq_id = 1000");
        var (_, number) = await Receive("申请公开2024年园区物业管理服务采购合同");
        Assert.True(await ProjectionsCaughtUp.StaleAsync(Store));

        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(10));
        Assert.False(await ProjectionsCaughtUp.StaleAsync(Store));
        Assert.Contains(number, Numbers(await Hits("合同")));
    }

    /// <summary>The events emptied and their sequence restarted as a reset does, then <paramref name="progression"/> done to the positions.</summary>
    private static async Task EventsResetBehindTheDaemonsBack(string progression)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            truncate disclosure.mt_events, disclosure.mt_streams;
            alter sequence disclosure.mt_events_sequence restart with 1;
            {progression};
            """, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
