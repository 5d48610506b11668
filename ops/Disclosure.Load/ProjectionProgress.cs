using System.Diagnostics;
using Npgsql;

namespace Disclosure.Load;

/// <summary>
/// How far the running host's async projections are behind the event store: the slowest of the shards named (their rows in
/// <c>mt_event_progression</c>; the daemon's own HighWater… rows are no projection) against the highest event stored.
/// The bench's waits (catch-up after a seed, the search index, the sweep's seed) poll this one query.
/// </summary>
public static class ProjectionProgress
{
    public const string AllProjections = "name not like 'HighWater%'";
    public const string SearchIndex = "name like 'SearchIndex%'";
    public const string Statistics = "(name like 'ReportTally%' or name like 'LetterStatistics%')";

    /// <summary>Caught up: at least <paramref name="minShards"/> shards, the slowest at the highest event.</summary>
    public static async Task<(bool CaughtUp, long High, long At, TimeSpan Elapsed)> WaitAsync(NpgsqlDataSource source, string shards,
        int minShards, TimeSpan timeout, TimeSpan poll)
    {
        var watch = Stopwatch.StartNew();
        long high = 0, at = -1;
        while (watch.Elapsed < timeout)
        {
            await using var cmd = source.CreateCommand(
                $"select (select coalesce(max(seq_id), 0) from disclosure.mt_events), (select count(*) from disclosure.mt_event_progression where {shards}), " +
                $"(select coalesce(min(last_seq_id), -1) from disclosure.mt_event_progression where {shards})");
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            long count;
            (high, count, at) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            if (count >= minShards && at >= high) return (true, high, at, watch.Elapsed);
            await Task.Delay(poll);
        }
        return (false, high, at, watch.Elapsed);
    }
}
