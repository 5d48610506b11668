using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Disclosure.Corpus;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Reviews;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cluster;
using Disclosure.Host.Infrastructure;
using Marten;
using Npgsql;

namespace Disclosure.Load;

/// <summary>One agency of the bench's province, with its share of the province's cases.</summary>
public sealed record ProvinceAgency(string Id, string Name, string? ParentId, string Code, int Weight, int City);

/// <summary>
/// The province bench (ops/bench-province): a province's agencies in a hierarchy (the provincial government, its cities,
/// each city's districts and departments), seeded with years of applications and letters whose histories the Domain decides
/// (<see cref="ProvinceHistory"/>), then measured at 10 % and at 100 % of the data.
/// </summary>
public static class Province
{
    public const string Root = "prov";
    public const int Cities = 12;
    public const int PerCity = 8;
    /// <summary>The first year seeded: the shipped holiday calendar (cn-holidays.json) starts with 2018.</summary>
    public const int FirstYear = 2018;
    private static readonly string[] Units = ["区人民政府", "县人民政府", "教育局", "自然资源和规划局", "住房和城乡建设局", "生态环境局", "财政局", "交通运输局"];

    /// <summary>1 + 12 + 12 × 8 = 109 agencies; a city government weighs 3 districts, the province 5.</summary>
    public static IReadOnlyList<ProvinceAgency> Agencies()
    {
        var list = new List<ProvinceAgency> { new(Root, "某省人民政府", null, "PROV", 5, 0) };
        for (var c = 1; c <= Cities; c++)
        {
            var city = $"prov-c{c:D2}";
            list.Add(new(city, $"第{c}市人民政府", Root, $"C{c:D2}", 3, c));
            for (var d = 1; d <= PerCity; d++)
                list.Add(new($"{city}-u{d:D2}", $"第{c}市{Units[d - 1]}", city, $"C{c:D2}U{d:D2}", 1, c));
        }
        return list;
    }

    /// <summary>Registers the province through <c>POST /api/agencies</c> (parents first); an agency already there is kept.</summary>
    public static async Task<int> RegisterAgencies(Options o)
    {
        using var http = Api.Client(o, 2);
        var created = 0;
        foreach (var a in Agencies())
        {
            using var response = await http.PostAsJsonAsync("/api/agencies", new { id = a.Id, name = a.Name, parentId = a.ParentId, code = a.Code });
            if (response.IsSuccessStatusCode) created++;
            else if ((int)response.StatusCode != 409 && !(await response.Content.ReadAsStringAsync()).Contains("already"))
                throw new InvalidOperationException($"registering {a.Id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        Console.WriteLine($"agencies={Agencies().Count}");
        Console.WriteLine($"registered={created}");
        return 0;
    }

    private sealed record Planned(CorpusRecord Record, bool Letter, int Index, string Number);

    /// <summary>
    /// An agency's cases in order of receipt, each with its tracking number (per kind and year, as TrackingNumbers numbers
    /// them): the corpus's applications and letters, and in a city government one campaign (征收: thousands filing one text).
    /// </summary>
    private static List<Planned> Plan(ProvinceAgency agency, int apps, int letters, DateOnly today)
    {
        var seed = BenchCorpus.Seed(agency.Id);
        var options = new CorpusOptions { From = new DateOnly(FirstYear, 1, 2), To = today, AgencyCode = agency.Code };
        var records = new List<(CorpusRecord Record, bool Letter)>();
        var campaign = agency.ParentId == Root ? apps / 10 : 0;
        records.AddRange(SyntheticCorpus.Stream(seed, apps - campaign, options with { LetterShare = 0 }).Select(r => (r, false)));
        records.AddRange(SyntheticCorpus.Stream(seed + 1, letters, options with { LetterShare = 1 }).Select(r => (r, true)));
        if (campaign > 0)
        {
            var from = new DateOnly(FirstYear + 1 + agency.City % 7, 3, 2);
            records.AddRange(SyntheticCorpus.Campaign(seed + 2, campaign, new CampaignOptions { From = from, To = from.AddMonths(4), AgencyCode = agency.Code })
                .Select(r => (r, false)));
        }
        var ordered = records.Where(r => r.Record.ReceivedOn <= today).OrderBy(r => r.Record.ReceivedOn).ToList();
        var counters = new Dictionary<(bool, int), int>();
        var plan = new List<Planned>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (record, letter) = ordered[i];
            var key = (letter, record.ReceivedOn.Year);
            var n = counters[key] = counters.GetValueOrDefault(key) + 1;
            plan.Add(new(record, letter, i, letter ? $"{agency.Code}-M{key.Year}-{n:D5}" : $"{agency.Code}-{key.Year}-{n:D5}"));
        }
        return plan;
    }

    /// <summary>
    /// Seeds one phase: <c>--phase 1</c> every tenth case of every agency (10 % of the data, the same shape), <c>--phase 2</c>
    /// the rest. Streams are appended straight into the event store (inline projections run as at intake), agencies in
    /// parallel (<c>--workers</c>), <c>--batch</c> cases per transaction; then the tracking-number sequences are moved past
    /// the numbers used, and ANALYZE.
    /// </summary>
    public static async Task<int> Seed(Options o)
    {
        var phase = o.Int("phase", 1);
        var totalApps = o.Int("applications", 200_000);
        var totalLetters = o.Int("letters", 100_000);
        var batch = o.Int("batch", 1000);
        var workers = o.Int("workers", 2);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        if (o.Get("today", "") is { Length: > 0 } t) today = DateOnly.Parse(t);
        var calendar = WorkingDayCalendar.Official;
        // years closed: every year before last; last year only for the agencies named (--closed-last-year a,b): the others'
        // close of last year is what the bench measures (POST …/years/{year}/close), one agency at each size
        var closedLast = o.Get("closed-last-year", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var carried = new System.Collections.Concurrent.ConcurrentDictionary<(string Agency, int Year), int>();
        var agencies = Agencies();
        var weight = agencies.Sum(a => a.Weight);
        using var store = new DocumentStore(EventStore.Options(o["connection"], "disclosure", new CalendarStore(ClockSettings.Default)));
        var watch = Stopwatch.StartNew();
        long events = 0, applications = 0, letters = 0, reviews = 0, open = 0, refused = 0;
        var maxNumbers = new System.Collections.Concurrent.ConcurrentBag<(string Agency, string Kind, int Year, int Max)>();
        // --skip-agencies N: start at the list's N+1st agency (an A/B run that seeds texts no earlier run seeded; agencies are
        // seeded one after another, --workers at a time, so a run cut short has seeded a prefix of the list)
        await Parallel.ForEachAsync(agencies.Skip(o.Int("skip-agencies", 0)), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (pa, ct) =>
        {
            var agency = new Agency { Id = pa.Id, Name = pa.Name, Code = pa.Code, ParentId = pa.ParentId };
            var history = new ProvinceHistory(calendar, today, closedLast.Contains(pa.Id) ? today.Year - 1 : today.Year - 2);
            var plan = Plan(pa, (int)((long)totalApps * pa.Weight / weight), (int)((long)totalLetters * pa.Weight / weight), today);
            foreach (var g in plan.GroupBy(p => (p.Letter, p.Record.ReceivedOn.Year)))
                maxNumbers.Add((pa.Id, g.Key.Letter ? "letter" : "application", g.Key.Year, g.Count()));
            foreach (var g in plan.GroupBy(p => p.Record.ReceivedOn.Year)) maxNumbers.Add((pa.Id, "review", g.Key, plan.Count + 1));
            var mine = plan.Where(p => (p.Index % 10 == 0) == (phase == 1)).ToList();
            var seed = BenchCorpus.Seed(pa.Id);
            for (var done = 0; done < mine.Count; done += batch)
            {
                await using var session = store.LightweightSession(pa.Id);
                session.LastModifiedBy = "province-seed";
                long e = 0, ap = 0, le = 0, rv = 0, op = 0;
                foreach (var p in mine.Skip(done).Take(batch))
                {
                    var rng = new Random(HashCode.Combine(seed, p.Index));
                    try
                    {
                    if (p.Letter)
                    {
                        var s = history.LetterCase(agency, Guid.CreateVersion7(), p.Number, p.Record, rng);
                        session.Events.StartStream<Letter>(s.Id, s.Events.ToArray());
                        e += s.Events.Count; le++;
                        continue;
                    }
                    var streams = history.ApplicationCase(agency, Guid.CreateVersion7(), p.Number, p.Record, rng,
                        year => $"{pa.Code}-F{year}-{p.Index + 1:D5}");
                    foreach (var s in streams)
                    {
                        if (s.Aggregate == typeof(ReviewCase)) { session.Events.StartStream<ReviewCase>(s.Id, s.Events.ToArray()); rv++; }
                        else session.Events.StartStream<Application>(s.Id, s.Events.ToArray());
                        e += s.Events.Count;
                    }
                    ap++;
                    foreach (var c in streams[0].Events.OfType<CarriedForward>()) carried.AddOrUpdate((pa.Id, c.FromYear), 1, (_, n) => n + 1);
                    if (!streams[0].Events.OfType<IAnswerEvent>().Any()) op++;
                    }
                    catch (Exception x) when (x is Disclosure.Domain.Refusal or InvalidOperationException or CalendarNotAvailable)
                    {
                        // a step the Domain refused, or an end state that is not legal: the generator's fault, counted, not written
                        if (Interlocked.Increment(ref refused) <= 5) Console.Error.WriteLine($"province-seed: {p.Number}: {x.GetType().Name}: {x.Message}");
                    }
                }
                await session.SaveChangesAsync(ct);
                Interlocked.Add(ref events, e); Interlocked.Add(ref applications, ap); Interlocked.Add(ref letters, le);
                Interlocked.Add(ref reviews, rv); Interlocked.Add(ref open, op);
            }
        });
        // year_closed of every closed year, as the close job's last step records it (ReferenceWrites.Enlist), once: in phase 1
        if (phase == 1)
            foreach (var pa in agencies)
            {
                await using var session = store.LightweightSession(pa.Id);
                var last = closedLast.Contains(pa.Id) ? today.Year - 1 : today.Year - 2;
                for (var year = FirstYear; year <= last; year++)
                    ReferenceWrites.Enlist(session, ReferenceStream.OfReportFile(pa.Id, year), "system",
                        [new Disclosure.Domain.Reporting.YearClosed(year, carried.GetValueOrDefault((pa.Id, year)), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)))]);
                await session.SaveChangesAsync();
            }
        var seconds = watch.Elapsed.TotalSeconds;
        await using var source = NpgsqlDataSource.Create(o["connection"]);
        foreach (var (agency, kind, year, max) in maxNumbers.GroupBy(m => (m.Agency, m.Kind, m.Year)).Select(g => (g.Key.Agency, g.Key.Kind, g.Key.Year, g.Max(m => m.Max))))
        {
            var name = $"disclosure.{TrackingNumbers.SequenceName(agency, kind, year)}";
            await using var cmd = source.CreateCommand($"create sequence if not exists {name}; select setval('{name}', greatest({max}, (select last_value from {name})))");
            await cmd.ExecuteNonQueryAsync();
        }
        watch.Restart();
        await using (var analyze = source.CreateCommand("analyze"))
        {
            analyze.CommandTimeout = 1800;
            await analyze.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"applications={applications}");
        Console.WriteLine($"letters={letters}");
        Console.WriteLine($"reviews={reviews}");
        Console.WriteLine($"open_applications={open}");
        Console.WriteLine($"events={events}");
        Console.WriteLine($"refused={refused}");
        Console.WriteLine($"seconds={seconds:0.0}");
        Console.WriteLine($"events_per_s={events / seconds:0}");
        Console.WriteLine($"analyze_seconds={watch.Elapsed.TotalSeconds:0.0}");
        return 0;
    }

    /// <summary>Until every async projection (statistics, mailbox statistics, search index) has caught up with the last event.</summary>
    public static async Task<int> CatchUp(Options o)
    {
        await using var source = NpgsqlDataSource.Create(o["connection"]);
        var timeout = TimeSpan.FromSeconds(o.Int("timeout-s", 3600));
        // the three projections' shards (ReportTally:All, LetterStatistics:All, SearchIndex:All) must exist and be at the last
        // event; the statistics' two first, so that the figures say which shard is last (the search index: its rows, GIN
        // entries and key counts per case cost more than a tally's increments)
        var watch = Stopwatch.StartNew();
        var (statistics, _, _, _) = await ProjectionProgress.WaitAsync(source, ProjectionProgress.Statistics, 2, timeout, TimeSpan.FromSeconds(1));
        var statisticsSeconds = watch.Elapsed.TotalSeconds;
        var (caughtUp, high, _, _) = statistics
            ? await ProjectionProgress.WaitAsync(source, ProjectionProgress.AllProjections, 3, timeout - watch.Elapsed, TimeSpan.FromSeconds(1))
            : (false, 0L, 0L, TimeSpan.Zero);
        var elapsed = watch.Elapsed;
        if (caughtUp)
        {
            Console.WriteLine($"statistics_caught_up_seconds={statisticsSeconds:0.0}");
            Console.WriteLine($"catch_up_seconds={elapsed.TotalSeconds:0.0}");
            Console.WriteLine($"events={high}");
            // caught up is not enough: every case must be in the statistics and the search index (no event skipped)
            var missing = 0;
            foreach (var (name, expected, found) in await ProjectionProgress.CoverageAsync(source))
            {
                Console.WriteLine($"{name}={found}/{expected}");
                if (found != expected) { Console.Error.WriteLine($"catch-up: {name}: {found} covered of {expected} in the store"); missing++; }
            }
            return missing == 0 ? 0 : 1;
        }
        Console.Error.WriteLine($"catch-up: not caught up after {timeout.TotalSeconds:0} s");
        return 1;
    }

    /// <summary>
    /// The figures at one size, through the API as a client sees them (one client, one request at a time, after a warm-up):
    /// intake (with the repeat check: corpus requests and a campaign's), a step (the decision on that intake), the case page,
    /// the worklist, one agency-year report and the province's roll-up (<c>?rollup=descendants</c>).
    /// </summary>
    public static async Task<int> Measure(Options o)
    {
        using var http = Api.Client(o, 2);
        var agency = o.Get("agency", "prov-c01");
        var year = o.Int("year", 2025);
        var count = o.Int("count", 200);
        var round = o.Int("round", 1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        // intake: the next corpus requests of this agency (beyond any seeded: some re-file seeded ones) and a campaign's
        var corpus = SyntheticCorpus.Stream(BenchCorpus.Seed(agency) + 100 * round, count / 2,
            new CorpusOptions { From = today.AddDays(-20), To = today, LetterShare = 0 });
        var campaign = SyntheticCorpus.Campaign(BenchCorpus.Seed(agency) + 2, 2000 + round * count,
            new CampaignOptions { From = today.AddDays(-20), To = today }).Skip(2000 + (round - 1) * count);
        var intake = new List<double>(); var repeat = new List<double>(); var step = new List<double>();
        var ids = new List<string>();
        var warm = 10;
        foreach (var r in corpus.Zip(campaign).SelectMany(p => new[] { p.First, p.Second }))
        {
            var a = BenchCorpus.ApplicantOf(r.Applicant);
            var body = new
            {
                channel = r.Channel, description = r.Description, receivedOn = (r.ReceivedOn > today ? today : r.ReceivedOn).ToString("yyyy-MM-dd"),
                applicant = new { category = a.Category, name = a.Name, idNumber = a.IdNumber, phone = a.Phone, email = a.Email, address = a.Address },
            };
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsJsonAsync($"/api/agencies/{agency}/applications", body);
            var text = await response.Content.ReadAsStringAsync();
            var ms = watch.Elapsed.TotalMilliseconds;
            if ((int)response.StatusCode != 201) throw new InvalidOperationException($"intake answered {(int)response.StatusCode}: {text}");
            var dur = Api.ServerTiming(response).GetValueOrDefault("repeats", double.NaN);
            var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
            watch.Restart();
            using var decided = await http.PostAsJsonAsync($"/api/agencies/{agency}/applications/{id}/decision",
                new { decidedOn = body.receivedOn, outcome = "disclosed" });
            var stepMs = watch.Elapsed.TotalMilliseconds;
            if (!decided.IsSuccessStatusCode) throw new InvalidOperationException($"decision answered {(int)decided.StatusCode}: {await decided.Content.ReadAsStringAsync()}");
            if (warm-- > 0) continue;
            intake.Add(ms); step.Add(stepMs); ids.Add(id);
            if (!double.IsNaN(dur)) repeat.Add(dur);
        }
        Percentiles("intake", intake);
        Percentiles("repeat", repeat);
        Percentiles("step", step);

        // the case page: seeded cases of the agency, picked across the years
        var seeded = new List<string>();
        foreach (var y in new[] { 2019, 2022, 2025 })
            seeded.AddRange(Items(await http.GetFromJsonAsync<JsonElement>($"/api/agencies/{agency}/applications?receivedYear={y}&pageSize=40"))
                .Select(e => e.GetProperty("id").GetString()!));
        Console.Error.WriteLine($"case pages: {seeded.Count} listed cases");
        await Timed(http, seeded.Take(10).Select(id => $"/api/agencies/{agency}/applications/{id}"), null);
        Percentiles("case_page", await Timed(http, seeded.Concat(ids).Take(100).Select(id => $"/api/agencies/{agency}/applications/{id}"), null));
        await Lists(http, o, agency, year);
        var rollup = $"/api/agencies/{Root}/reports/{year}?rollup=descendants";
        var parts = new Dictionary<string, List<double>>();
        Percentiles("rollup", await Timed(http, Enumerable.Repeat(rollup, 11), 2, parts));
        Parts("rollup", parts);
        // again once the host has had 20 s to itself: the 100 % phase's roll-up ran 5× slower than a fresh host's on the same
        // database; a figure that settles says the first is the moment (the daemon projecting the intakes above, autovacuum)
        await Task.Delay(TimeSpan.FromSeconds(20));
        parts.Clear();
        Percentiles("rollup_settled", await Timed(http, Enumerable.Repeat(rollup, 11), 2, parts));
        Parts("rollup_settled", parts);
        return 0;
    }

    /// <summary>
    /// The worklist and the agency-year report (<c>province-lists</c> alone, or within <c>province-measure</c>): both cost
    /// 1–5 ms, so many samples are cheap, and they are taken in turns (worklist, report, worklist, …) so that a passing
    /// moment weighs on both alike. Until #25's last round the bench took 25 and 18 samples, one after the other, seconds
    /// after its whole-database VACUUM, and printed one percentile each: the worklist's p95 was the second slowest request.
    /// With <c>--connection</c> it first lets the database settle (<see cref="SettleAsync"/>). Besides the times: what each
    /// request returned (the worklist's entries, the bytes of both) and the report's Server-Timing parts, so that a ratio
    /// can be told from the machine's moment by what was read and sent.
    /// </summary>
    public static async Task<int> Lists(Options o)
    {
        using var http = Api.Client(o, 2);
        var (agency, year) = (o.Get("agency", "prov-c01"), o.Int("year", 2025));
        if (o.Get("style", "") == "before")
        {
            // the measurement as it was until #25's last round, to compare with in turns on one database
            Percentiles("worklist", await Timed(http, Enumerable.Repeat($"/api/agencies/{agency}/applications/worklist", 30), 5));
            Percentiles("report", await Timed(http, Enumerable.Repeat($"/api/agencies/{agency}/reports/{year}", 21), 3));
            return 0;
        }
        await Lists(http, o, agency, year);
        return 0;
    }

    private static async Task Lists(HttpClient http, Options o, string agency, int year)
    {
        if (o.Get("connection", "") is { Length: > 0 } connection) await SettleAsync(connection, o.Int("settle-s", 120));
        var samples = o.Int("list-samples", 150);
        // a warm-up long enough for .NET's tiered JIT: a method is recompiled optimised after 30 calls, in the background,
        // and the bench's first worklist and report requests of a phase are these endpoints' first (the 5 and 3 warm-ups
        // before left samples to tier-0 code and to the background compilation), then a pause for that compilation
        var warm = o.Int("list-warm", 50);
        var worklist = $"/api/agencies/{agency}/applications/worklist";
        var report = $"/api/agencies/{agency}/reports/{year}";
        var times = new Dictionary<string, List<double>> { ["worklist"] = [], ["report"] = [] };
        var parts = new Dictionary<string, List<double>>();
        long worklistBytes = 0, reportBytes = 0;
        var entries = 0;
        for (var i = -warm; i < samples; i++)
        {
            if (i == 0) await Task.Delay(1000);
            foreach (var (name, url) in new[] { ("worklist", worklist), ("report", report) })
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(url);
                var body = await response.Content.ReadAsByteArrayAsync();
                var ms = watch.Elapsed.TotalMilliseconds;
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
                if (i < 0) continue; // the warm-up
                times[name].Add(ms);
                if (name == "report")
                {
                    reportBytes = body.Length;
                    AddParts(parts, response);
                    continue;
                }
                worklistBytes = body.Length;
                var root = JsonDocument.Parse(body).RootElement;
                entries = root.GetProperty("overdue").GetArrayLength() + root.GetProperty("dueSoon").GetArrayLength();
            }
        }
        Percentiles("worklist", times["worklist"]);
        Console.WriteLine($"worklist_entries={entries}");
        Console.WriteLine($"worklist_bytes={worklistBytes}");
        Percentiles("report", times["report"]);
        Console.WriteLine($"report_bytes={reportBytes}");
        Parts("report", parts);
    }

    /// <summary>
    /// Waits (at most <paramref name="limitSeconds"/>) until the database is as a service leaves it between bursts: the host's
    /// daemon at the last event (the intakes just measured are projected: statistics, search index) and no autovacuum
    /// worker in this database, twice in a row a second apart. Prints how long that took and what was still running when
    /// the wait ended (0 = settled). The bench also ends its VACUUM with a CHECKPOINT (ops/bench-province), so that the
    /// VACUUM's dirty pages are not written out during the measured window.
    /// </summary>
    private static async Task SettleAsync(string connection, int limitSeconds)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        var watch = Stopwatch.StartNew();
        var quiet = 0;
        long lag = 0, vacuums = 0;
        while (watch.Elapsed.TotalSeconds < limitSeconds && quiet < 2)
        {
            await using var cmd = source.CreateCommand($"""
                select (select coalesce(max(seq_id), 0) from disclosure.mt_events) - (select coalesce(min(last_seq_id), 0) from disclosure.mt_event_progression where {ProjectionProgress.AllProjections}),
                       (select count(*) from pg_stat_activity where datname = current_database() and backend_type = 'autovacuum worker')
                """);
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                lag = reader.GetInt64(0); vacuums = reader.GetInt64(1);
            }
            quiet = lag <= 0 && vacuums == 0 ? quiet + 1 : 0;
            if (quiet < 2) await Task.Delay(1000);
        }
        Console.WriteLine(FormattableString.Invariant($"settle_s={watch.Elapsed.TotalSeconds:0.0}"));
        Console.WriteLine($"settle_daemon_lag_events={Math.Max(lag, 0)}");
        Console.WriteLine($"settle_autovacuum_workers={vacuums}");
    }

    /// <summary>The medians and p95 of the host's own Server-Timing parts (the report's read, freshness, build).</summary>
    private static void Parts(string name, Dictionary<string, List<double>> parts)
    {
        foreach (var (part, times) in parts)
        {
            var sorted = times.Order().ToList();
            Console.WriteLine(FormattableString.Invariant($"{name}_{part}_p50_ms={Api.Percentile(sorted, 50):0.00}"));
            Console.WriteLine(FormattableString.Invariant($"{name}_{part}_p95_ms={Api.Percentile(sorted, 95):0.00}"));
        }
    }

    /// <summary>A response's Server-Timing parts added to those collected so far.</summary>
    private static void AddParts(Dictionary<string, List<double>> parts, HttpResponseMessage response)
    {
        foreach (var (part, ms) in Api.ServerTiming(response))
            (parts.TryGetValue(part, out var list) ? list : parts[part] = []).Add(ms);
    }

    private static IEnumerable<JsonElement> Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? list.EnumerateArray()
        : list.TryGetProperty("items", out var items) ? items.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static async Task<List<double>> Timed(HttpClient http, IEnumerable<string> urls, int? warm, Dictionary<string, List<double>>? parts = null)
    {
        var times = new List<double>();
        foreach (var url in urls)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
            if (warm is > 0) { warm--; continue; }
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (parts is not null) AddParts(parts, response);
        }
        return times;
    }

    /// <summary>Starts a job (the sweep, a year-end close) through its endpoint and waits for it: seconds, cases, changed, failed.</summary>
    public static async Task<int> Job(Options o)
    {
        using var http = Api.Client(o, 2);
        var watch = Stopwatch.StartNew();
        using var started = await http.PostAsync(o["path"], null);
        var text = await started.Content.ReadAsStringAsync();
        if ((int)started.StatusCode != 202) throw new InvalidOperationException($"POST {o["path"]} answered {(int)started.StatusCode}: {text}");
        var location = started.Headers.Location?.ToString() ?? JsonDocument.Parse(text).RootElement.GetProperty("location").GetString()!;
        var timeout = TimeSpan.FromSeconds(o.Int("timeout-s", 3600));
        while (watch.Elapsed < timeout)
        {
            await Task.Delay(500);
            var job = await http.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("state").GetString() != "finished") continue;
            var seconds = watch.Elapsed.TotalSeconds;
            var cases = job.GetProperty("cases").GetInt32();
            Console.WriteLine($"seconds={seconds:0.0}");
            Console.WriteLine($"cases={cases}");
            Console.WriteLine($"changed={job.GetProperty("changed").GetInt32()}");
            Console.WriteLine($"failed={job.GetProperty("failed").GetInt32()}");
            Console.WriteLine($"cases_per_s={(cases / seconds):0.0}");
            return 0;
        }
        Console.Error.WriteLine($"job {location}: not finished after {timeout.TotalSeconds:0} s");
        return 1;
    }

    /// <summary>
    /// A per-agency projection rebuild: every case document (application, letter, review) of one agency rebuilt from its
    /// events by Marten (<c>RebuildSingleStreamAsync</c>), four streams at a time; events per second.
    /// </summary>
    public static async Task<int> RebuildAgency(Options o)
    {
        var agency = o["agency"];
        using var store = new DocumentStore(EventStore.Options(o["connection"], "disclosure", new CalendarStore(ClockSettings.Default)));
        await using var source = NpgsqlDataSource.Create(o["connection"]);
        var streams = new List<(Guid Id, string Type)>();
        long events = 0;
        // the agency's cases, by the name of their first event (its report files' streams are no case)
        await using (var cmd = source.CreateCommand(
            "select s.id, e.type, s.version from disclosure.mt_streams s join disclosure.mt_events e on e.stream_id = s.id and e.version = 1 " +
            "where s.tenant_id = $1 and e.type in ('application_received', 'letter_received', 'review_received')"))
        {
            cmd.Parameters.AddWithValue(agency);
            cmd.CommandTimeout = 600;
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { streams.Add((reader.GetGuid(0), reader.GetString(1))); events += reader.GetInt64(2); }
        }
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(streams, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (s, ct) =>
        {
            if (s.Type.Contains("letter")) await store.Advanced.RebuildSingleStreamAsync<Letter>(s.Id, agency, ct);
            else if (s.Type.Contains("review")) await store.Advanced.RebuildSingleStreamAsync<ReviewCase>(s.Id, agency, ct);
            else await store.Advanced.RebuildSingleStreamAsync<Application>(s.Id, agency, ct);
        });
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"streams={streams.Count}");
        Console.WriteLine($"events={events}");
        Console.WriteLine($"seconds={seconds:0.0}");
        Console.WriteLine($"events_per_s={events / seconds:0}");
        return 0;
    }

    private static void Percentiles(string name, List<double> times)
    {
        var sorted = times.Order().ToList();
        Console.WriteLine($"{name}_n={sorted.Count}");
        Console.WriteLine($"{name}_p50_ms={Api.Percentile(sorted, 50):0.0}");
        Console.WriteLine($"{name}_p95_ms={Api.Percentile(sorted, 95):0.0}");
    }
}
