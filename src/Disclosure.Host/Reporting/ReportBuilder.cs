using System.Collections.Concurrent;
using System.Diagnostics;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Infrastructure;
using Marten;
using Npgsql;

namespace Disclosure.Host.Reporting;

public sealed record NarrativeView(string? Overview, string? Problems, string? Other);

public sealed record Amendment(string Table, string Row, string Column, decimal? Filed, decimal? Current);

public sealed record PublicationView(DateOnly PublishedOn, DateTimeOffset RecordedAt, string Layout, IReadOnlyList<Amendment> Amendments);

public sealed record MailboxSummary(int Handled, int Received, int Replied);

/// <summary>Section 六 of the 2021 layout: 信息处理费 notices sent in the year (count, amount) and the amount paid in it.</summary>
public sealed record FeeSummary(int Notices, decimal NoticedYuan, int Paid, decimal PaidYuan, string Text);

public sealed record ReportView(
    string Agency, IReadOnlyList<string> Agencies, string Title, int Year, string Layout, DateTimeOffset AsOf, bool Stale,
    ReportTables Tables, MailboxSummary? Mailbox, IReadOnlyList<ReportCheck> Checks, NarrativeView? Narrative, PublicationView? Publication,
    FeeSummary? Fees = null);

/// <summary>
/// Where a report's time went, in milliseconds (the API answers it as <c>Server-Timing: read, freshness, build</c>): the
/// tallies, files and statistics read, the freshness check, and the tables built from them. Not part of the answer.
/// </summary>
public sealed class ReportTiming
{
    public double ReadMs { get; internal set; }
    public double FreshnessMs { get; internal set; }
    public double BuildMs { get; internal set; }
    /// <summary>Tallies whose JSON was read (the others were kept at the version read before).</summary>
    public int TalliesRead { get; internal set; }

    public string Header => FormattableString.Invariant($"read;dur={ReadMs:0.0}, freshness;dur={FreshnessMs:0.0}, build;dur={BuildMs:0.0}");
}

/// <summary>Assembles the report of one agency, or the sum of several, from the tallies and the report files.</summary>
public sealed class ReportBuilder(IDocumentStore store, AgencyDatabases databases, BusinessClock clock)
{
    public static Guid FileId(string agency, int year) => DeterministicGuid.For($"report:{agency}:{year}");

    /// <summary>
    /// The tallies read before, by database and id, with the row version they were read at (<c>mt_version</c>, the sequence
    /// of the last event the daemon applied, and <c>mt_last_modified</c>: the sequence restarts when a database's events are
    /// reset, the writing transaction's timestamp does not repeat). A report asks for the versions and receives the JSON only
    /// of the tallies that changed since (#25, see <see cref="TalliesSql"/>). An entry is a version and the tally read at it,
    /// never changed in place: a racing request can only replace it by another consistent pair. Bounded by the agency-years
    /// ever reported on (a province: ~1,000 of ~1 kB each).
    /// </summary>
    private readonly ConcurrentDictionary<(string Database, string Agency), ConcurrentDictionary<string, KeptTally>> _kept = new();

    private sealed record KeptTally(long Version, DateTime Modified, YearTally Tally);

    /// <param name="stood">The figures as they stood at an instant (<see cref="ReportAsOf"/>, a replay) in place of the kept ones.</param>
    /// <param name="timing">Filled with where the time went, when given.</param>
    public async Task<ReportView> BuildAsync(IReadOnlyList<string> agencies, string title, int year, ReportLayout layout, CancellationToken ct,
        ReportAsOf.Figures? stood = null, ReportTiming? timing = null)
    {
        var started = Stopwatch.GetTimestamp();
        var fileIds = agencies.Select(a => FileId(a, year)).ToArray();
        var statKeys = agencies.Select(a => $"{a}/{year}").ToArray();
        List<YearTally> tallies = [.. stood?.Tallies ?? []];
        List<ReportFile> files = [.. stood?.Files ?? []];
        List<LetterStatistics> letters = [.. stood?.Letters ?? []];
        // each database holds the tallies of its own agencies: a roll-up over agencies in several databases reads each of
        // them (a session opened for one of its agencies) and sums; with one database this is one read, as it always was
        if (stood is null)
            foreach (var (database, held) in databases.Grouped(agencies))
            {
                var heldFiles = fileIds.Where((_, i) => held.Contains(agencies[i])).ToArray();
                var heldStats = statKeys.Where((_, i) => held.Contains(agencies[i])).ToArray();
                await ReadAsync(database, held, heldFiles, heldStats, year, tallies, files, letters, ct, timing);
            }
        var read = Stopwatch.GetElapsedTime(started);

        // every figure is a sum over the agencies of a year: summed first, the tables walk one tally per year, not 981 (#25)
        tallies = YearTally.SumByYear(tallies);
        var applications = AnnualReport.Applications(layout, year, tallies);
        var previous = tallies.Any(t => t.Year < year) ? AnnualReport.Applications(layout, year - 1, tallies) : null;
        var reviews = AnnualReport.Reviews(year, tallies);
        var proactive = Proactive(layout, files.Select(f => f.Proactive).ToList());
        var tables = new ReportTables(proactive, applications, reviews);

        var checks = AnnualReport.Check(layout, applications, previous, reviews).ToList();
        var closed = files.Count == agencies.Count && files.All(f => f.ClosedAt is not null);
        checks.Add(AnnualReport.CarryForwardCheck(applications, year, closed, tallies));
        var mismatched = files.Where(f => f.Proactive is { } p && p.Layout != layout.Name).Select(f => f.Agency).ToList();
        if (mismatched.Count > 0)
            checks.Add(new ReportCheck("proactive_layout", false, $"表二按另一种格式填报（{string.Join("、", mismatched)}），本格式下未显示"));

        // the disclosure report has no mailbox table; its figures go into 一、总体情况 ("共处理市长信箱信件19件")
        var mailbox = letters.Count == 0 ? null : new MailboxSummary(letters.Sum(l => l.Handled), letters.Sum(l => l.Received), letters.Sum(l => l.Replied));

        var beforeFreshness = Stopwatch.GetTimestamp();
        var (asOf, stale) = stood is not null ? (stood.At.ToOffset(BusinessClock.ChinaOffset), false) : await FreshnessAsync(agencies, ct);
        var freshness = Stopwatch.GetElapsedTime(beforeFreshness);
        NarrativeView? narrative = null;
        PublicationView? publication = null;
        if (agencies.Count == 1 && files.SingleOrDefault() is { } file)
        {
            if (file.Narrative is { } n) narrative = new NarrativeView(n.Overview, n.Problems, n.Other);
            if (file.Publications.LastOrDefault() is { } filed)
                publication = new PublicationView(filed.PublishedOn, filed.RecordedAt, filed.Layout, Amendments(filed.Tables, tables));
        }
        // section 六 (2021 layout only: the fee rules came after the 2019 one)
        var fees = layout == ReportLayout.Layout2021 ? FeeFigures.Sum(tallies.Where(t => t.Year == year).Select(t => t.Fees)) : null;
        var feeSummary = fees is null ? null : new FeeSummary(fees.Notices, fees.NoticedYuan, fees.Paid, fees.PaidYuan, fees.Sentence());
        if (timing is not null)
        {
            timing.ReadMs = read.TotalMilliseconds;
            timing.FreshnessMs = freshness.TotalMilliseconds;
            timing.BuildMs = (Stopwatch.GetElapsedTime(started) - read - freshness).TotalMilliseconds;
        }
        return new ReportView(agencies[0], agencies, title, year, layout.Name, asOf, stale, tables, mailbox, checks, narrative, publication, feeSummary);
    }

    /// <summary>
    /// The tallies of these agencies (all held in one database) for the years up to <paramref name="year"/>, their report files
    /// and mailbox statistics of the year: one round trip of three plain queries, whichever tenant wrote them. The tallies
    /// come as their versions, with the JSON only of those not kept at that version (<see cref="TalliesSql"/>); the files and
    /// statistics (one per agency) go through the store's own serializer.
    /// </summary>
    private async Task ReadAsync(string database, IReadOnlyList<string> held, Guid[] fileIds, string[] statKeys, int year,
        List<YearTally> tallies, List<ReportFile> files, List<LetterStatistics> letters, CancellationToken ct, ReportTiming? timing)
    {
        // what this request holds: a snapshot of the kept entries, so a tally left out of the answer is the one of that version
        var known = new Dictionary<string, KeptTally>(StringComparer.Ordinal);
        foreach (var agency in held)
            if (_kept.TryGetValue((database, agency), out var kept))
                foreach (var (id, entry) in kept)
                    if (entry.Tally.Year <= year) known[id] = entry;
        await using var batch = databases.For(held[0]).CreateBatch();
        batch.BatchCommands.Add(new(TalliesSql)
        {
            Parameters =
            {
                new() { Value = held.ToArray() }, new() { Value = year },
                new() { Value = known.Keys.ToArray() }, new() { Value = known.Values.Select(k => k.Version).ToArray() },
                new() { Value = known.Values.Select(k => k.Modified).ToArray() },
            },
        });
        batch.BatchCommands.Add(new("select data from disclosure.mt_doc_reportfile where id = any($1::uuid[])") { Parameters = { new() { Value = fileIds } } });
        batch.BatchCommands.Add(new("select data from disclosure.mt_doc_letterstatistics where id = any($1::text[])") { Parameters = { new() { Value = statKeys } } });
        var serializer = store.Options.Serializer();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetString(0);
            if (reader.IsDBNull(3)) { tallies.Add(known[id].Tally); continue; }
            var tally = YearTally.FromJson(reader.GetFieldValue<byte[]>(3));
            _kept.GetOrAdd((database, tally.Agency), _ => new(StringComparer.Ordinal))[id] = new KeptTally(reader.GetInt64(1), reader.GetFieldValue<DateTime>(2), tally);
            tallies.Add(tally);
            if (timing is not null) timing.TalliesRead++;
        }
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct)) files.Add(serializer.FromJson<ReportFile>(reader, 0));
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct)) letters.Add(serializer.FromJson<LetterStatistics>(reader, 0));
    }

    /// <summary>
    /// The tallies ($1: the agencies, $2: the year) as id, version and JSON — the JSON only where the row is not at the
    /// version the caller keeps ($3, $4, $5: ids, <c>mt_version</c>s, <c>mt_last_modified</c>s). A province's roll-up reads
    /// 872 tallies, and what they cost grows with the history until every outcome of every agency-year has been counted:
    /// at the province bench's 10 % (quick) they were 538 kB of JSON, at 100 % 1,035 kB (one agency-year: 6 outcomes
    /// counted against 19; 53 of 981 tallies pglz-compressed against all), and PostgreSQL's CPU per read (the JSON written
    /// out) went 5.2 → 12.4 ms, the host's (reading and parsing it) 11 → 24 ms: the roll-up's read 7.8 → 30.0 ms. The JSON
    /// stops growing once every outcome is counted, but most tallies are of closed
    /// years and never change; the current year's change with every decision. Filtered by <c>tenant_id</c> (the agency,
    /// conjoined tenancy) and the year in the id (<c>agency/year</c>), not by <c>data ->> …</c>, which decompressed
    /// every tally twice more only to filter it.
    /// </summary>
    internal const string TalliesSql = """
        select t.id, t.mt_version, t.mt_last_modified, case when k.id is null then t.data end
        from disclosure.mt_doc_yeartally t
        left join unnest($3::text[], $4::bigint[], $5::timestamptz[]) as k(id, version, modified)
          on k.id = t.id and k.version = t.mt_version and k.modified = t.mt_last_modified
        where t.tenant_id = any($1::text[]) and split_part(t.id, '/', 2)::integer <= $2
        """;

    private static List<ProactiveRow> Proactive(ReportLayout layout, IReadOnlyList<ProactiveFiguresRecorded?> entries)
    {
        var usable = entries.Where(e => e is not null && e.Layout == layout.Name).Select(e => e!).ToList();
        return layout.Proactive.Select(item =>
        {
            var given = usable.SelectMany(e => e.Rows).Where(r => r.Item == item.Code).ToList();
            var values = Enumerable.Range(0, item.Columns.Count)
                .Select(c => given.Any(r => r.Values[c] is not null) ? given.Sum(r => r.Values[c] ?? 0) : (decimal?)null).ToList();
            var notes = Enumerable.Range(0, item.Columns.Count)
                .Select(c => given.Count == 1 && given[0].Notes is { } n && c < n.Count ? n[c] : null).ToList();
            return new ProactiveRow(item.Code, item.Label, item.Block, item.Columns, values, notes, item.Unit);
        }).ToList();
    }

    /// <summary>Cell-by-cell differences between the filed figures and today's.</summary>
    public static List<Amendment> Amendments(ReportTables filed, ReportTables current)
    {
        var list = new List<Amendment>();
        foreach (var row in current.Applications.Rows)
        {
            var old = filed.Applications.Rows.FirstOrDefault(r => r.Code == row.Code);
            for (var c = 0; c < row.Values.Count; c++)
                if (old is null || old.Values[c] != row.Values[c])
                    list.Add(new("applications", row.Code, current.Applications.Columns[c], old?.Values[c], row.Values[c]));
        }
        for (var i = 0; i < current.Reviews.Values.Count; i++)
            if (filed.Reviews.Values.ElementAtOrDefault(i) != current.Reviews.Values[i])
                list.Add(new("reviews", "reviews", i.ToString(), filed.Reviews.Values.ElementAtOrDefault(i), current.Reviews.Values[i]));
        foreach (var row in current.Proactive)
        {
            var old = filed.Proactive.FirstOrDefault(r => r.Item == row.Item);
            for (var c = 0; c < row.Values.Count; c++)
                if (old?.Values.ElementAtOrDefault(c) != row.Values[c])
                    list.Add(new("proactive", row.Item, row.Columns[c], old?.Values.ElementAtOrDefault(c), row.Values[c]));
        }
        return list;
    }

    /// <summary>
    /// <c>stale</c>: an event of these agencies exists that the tally projection has not processed yet.
    /// <c>asOf</c>: now when fresh, else the recording time of the last event the projections have processed (the figures
    /// hold every event recorded up to it).
    /// </summary>
    /// <remarks>
    /// Both look-ups read only the events past the projections' progression, by the sequence's primary key: their cost is
    /// the daemon's lag, never the history. (Until #25 each agency's newest event was found by walking the sequence back
    /// from the newest — as many rows as the whole province recorded since that agency's last event: the province's
    /// roll-up took 98 ms at 10 % of its history and 358 ms at 100 %.) See <see cref="FreshnessSql"/> for why the
    /// unprocessed event is looked for as the first one past the progression, not with <c>exists</c>.
    /// </remarks>
    public async Task<(DateTimeOffset AsOf, bool Stale)> FreshnessAsync(IReadOnlyList<string> agencies, CancellationToken ct)
    {
        // each database has its own event sequence and daemon: stale if any of them is behind, as of the earliest behind
        var stale = false;
        DateTimeOffset? asOf = null;
        foreach (var (_, held) in databases.Grouped(agencies))
        {
            await using var cmd = databases.For(held[0]).CreateCommand(FreshnessSql);
            cmd.Parameters.AddWithValue(held.ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            if (!reader.GetBoolean(0)) continue;
            stale = true;
            if (!reader.IsDBNull(1) && reader.GetFieldValue<DateTimeOffset>(1) is var at && (asOf is null || at < asOf)) asOf = at;
        }
        return ((stale && asOf is { } included ? included : clock.Now).ToOffset(BusinessClock.ChinaOffset), stale);
    }

    /// <summary>
    /// The freshness check ($1: the agencies): whether one of their events lies past the projections' progression, and the
    /// recording time of the last processed event.
    /// </summary>
    /// <remarks>
    /// The unprocessed event is asked for as the <em>first</em> past the progression (<c>order by seq_id limit 1</c>), so
    /// the only plan is the primary key's range from the progression on: it reads the daemon's lag and stops. Asked with
    /// <c>exists (… seq_id > progress and tenant_id = any($1))</c> (until #25's roll-up ratio), the progression is a value
    /// the planner cannot see and it guesses a third of all events lie past it; for a roll-up's 109 agencies (every tenant)
    /// it then expected a match within the first few rows of a sequential scan and chose it — and when the daemon is caught
    /// up no row matches, so the scan read the whole event table (EXPLAIN ANALYZE on the province bench's 10 %: Seq Scan on
    /// mt_events, Rows Removed by Filter: 59,018, 98 ms under load; the same statement once PostgreSQL had switched the
    /// host's prepared statement to its generic plan: the primary key, 0.08 ms). Which one a request got depended on the
    /// pool connection it drew (a prepared statement's first five executions are planned for their parameters) and on
    /// whether a <c>(tenant_id, seq_id)</c> index existed (an earlier StorageTuning created it at the host's start, and Marten's
    /// migration dropped it whenever another process's store started; StorageTuning now drops it): the bench's 100 %
    /// roll-up took 137 ms right after its seeding, 30 ms 20 s later, 22–35 ms on a restarted host.
    /// <c>ReportSpecs.The_freshness_check_reads_the_daemons_lag_not_the_history</c> (without that index, as now).
    /// </remarks>
    internal const string FreshnessSql = """
        with progress as (
          select coalesce(min(last_seq_id), 0) as seq from disclosure.mt_event_progression
          where name like 'ReportTally%' or name like 'LetterStatistics%')
        select (select seq_id from disclosure.mt_events where seq_id > (select seq from progress) and tenant_id = any($1::text[])
                order by seq_id limit 1) is not null,
               (select timestamp from disclosure.mt_events where seq_id <= (select seq from progress) order by seq_id desc limit 1)
        """;

    public static IReadOnlyList<string> WithDescendants(string root, IReadOnlyList<Agency> all)
    {
        var result = new List<string> { root };
        for (var i = 0; i < result.Count; i++)
            result.AddRange(all.Where(a => a.ParentId == result[i] && !result.Contains(a.Id)).Select(a => a.Id));
        return result;
    }
}
