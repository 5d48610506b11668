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

    /// <summary>
    /// Whether the caught-up async projections cover every case in the store, by counts: the statistics' applications received
    /// (YearTally.Received, every agency-year: an application_received that awaits no confirmation, or its application_confirmed),
    /// the mailbox statistics' letters received (LetterStatistics.Received), and the search index's rows (one per application or
    /// letter). A daemon that skipped events (Marten's stale-gap skipping while a long seeding transaction is open) counts short.
    /// Each line: name, expected, found.
    /// </summary>
    public static async Task<List<(string Name, long Expected, long Found)>> CoverageAsync(NpgsqlDataSource source)
    {
        await using var cmd = source.CreateCommand("""
            select (select count(*) from disclosure.mt_events where type = 'application_received' and (data ->> 'awaitsConfirmation') is distinct from 'true')
                   + (select count(*) from disclosure.mt_events where type = 'application_confirmed'),
                   (select coalesce(sum(r::bigint), 0) from disclosure.mt_doc_yeartally t, jsonb_array_elements_text(t.data -> 'received') r),
                   (select count(*) from disclosure.mt_events where type = 'letter_received'),
                   (select coalesce(sum((data ->> 'received')::bigint), 0) from disclosure.mt_doc_letterstatistics),
                   (select count(*) from disclosure.mt_events where type in ('application_received', 'letter_received')),
                   (select count(*) from disclosure.search_cases)
            """);
        cmd.CommandTimeout = 600;
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return
        [
            ("statistics_applications", reader.GetInt64(0), reader.GetInt64(1)),
            ("statistics_letters", reader.GetInt64(2), reader.GetInt64(3)),
            ("search_cases", reader.GetInt64(4), reader.GetInt64(5)),
        ];
    }
}
