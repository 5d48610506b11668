using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Disclosure.Domain.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Search;
using Disclosure.Host.Security;
using Disclosure.Load;
using Marten;
using Npgsql;

// The load driver of ops/bench and ops/chaos. Every command prints key=value lines the scripts read.
var command = args.FirstOrDefault() ?? "help";
var options = Options.Parse(args.Skip(1).ToArray());
return command switch
{
    "seed" => await Commands.Seed(options),
    "lag" => await Commands.Lag(options),
    "report" => await Commands.ReportLatency(options),
    "naive" => await Commands.Naive(options),
    "rebuild" => await Commands.Rebuild(options),
    "chaos-client" => await Chaos.Client(options),
    "chaos-verify" => await Chaos.Verify(options),
    "chaos-deadlines" => await Chaos.DeadlineCases(options),
    "overload" => await Commands.Overload(options),
    "console-latency" => await ConsoleLatency.Run(options),
    "index-lag" => await SearchBench.IndexLag(options),
    "search" => await SearchBench.Search(options),
    "repeats" => await SearchBench.Repeats(options),
    "sweep" => await SweepBench.Run(options),
    "campaign-bodies" => SearchBench.CampaignBodies(options),
    "province-agencies" => await Province.RegisterAgencies(options),
    "province-seed" => await Province.Seed(options),
    "catch-up" => await Province.CatchUp(options),
    "province-measure" => await Province.Measure(options),
    "province-lists" => await Province.Lists(options),
    "job" => await Province.Job(options),
    "rebuild-agency" => await Province.RebuildAgency(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: seed|lag|report|naive|rebuild|chaos-client|chaos-verify|chaos-deadlines|overload|console-latency|index-lag|search|repeats|campaign-bodies|province-agencies|province-seed|catch-up|province-measure|province-lists|job|rebuild-agency --key value …");
    return 2;
}

namespace Disclosure.Load
{
    public sealed class Options(Dictionary<string, string> values)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>();
            for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
            return new Options(values);
        }

        public string this[string key] => values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required");
        public string Get(string key, string fallback) => values.GetValueOrDefault(key, fallback);
        public int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v) : fallback;
    }

    /// <summary>Tokens signed with the deployment's key, as a real client would hold.</summary>
    public static class Api
    {
        public static HttpClient Client(Options o, int connections)
        {
            var auth = new AuthSettings { SigningKey = o["key"] };
            var token = auth.IssueToken("load-driver", [Roles.Admin], [], TimeSpan.FromHours(6));
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = new Uri(o["url"]),
                Timeout = TimeSpan.FromSeconds(o.Int("timeout", 30)),
            };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        public static readonly string[] Categories = ApplicantCategories.All.Select(c => c.Code).ToArray();
        // a handler's outcomes, without 不予处理（重复申请）: it needs a related earlier answered case (条例第三十六条第（六）项)
        public static readonly string[] OutcomeCodes = ProvinceHistory.HandlerOutcomes;

        public static object Intake(Random random, int year)
        {
            var received = new DateOnly(year, 1, 2).AddDays(random.Next(0, 300));
            return new
            {
                channel = "online",
                applicant = new { category = Categories[random.Next(Categories.Length)], name = "压测申请人", idNumber = "110101199001011234", phone = "13800000000" },
                description = "压力测试：申请公开某项政府信息",
                receivedOn = received.ToString("yyyy-MM-dd"),
            };
        }

        /// <summary>The host's own timings of a response (<c>Server-Timing: name;dur=ms, …</c>), by name; none when absent.</summary>
        public static Dictionary<string, double> ServerTiming(HttpResponseMessage response)
        {
            var parts = new Dictionary<string, double>();
            if (response.Headers.TryGetValues("Server-Timing", out var values))
                foreach (var entry in string.Join(",", values).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    if (entry.Split(";dur=") is [var name, var dur] && double.TryParse(dur, System.Globalization.CultureInfo.InvariantCulture, out var ms))
                        parts[name] = ms;
            return parts;
        }

        public static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
    }

    public static class Commands
    {
        /// <summary>Far beyond capacity: every request is answered quickly (503/429 when refused), none hangs.</summary>
        public static async Task<int> Overload(Options o)
        {
            var clients = o.Int("clients", 256);
            var seconds = o.Int("seconds", 15);
            using var http = Api.Client(o, clients);
            var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
            var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
            var stop = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
            {
                var random = new Random(worker);
                var mine = new List<double>();
                while (stop.Elapsed < TimeSpan.FromSeconds(seconds))
                {
                    var (status, _) = await Timed(http, HttpMethod.Post, $"/api/agencies/{o["agency"]}/applications", Api.Intake(random, 2025), mine);
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                }
                foreach (var l in mine) latencies.Add(l);
            }));
            var all = latencies.Order().ToList();
            var total = statuses.Values.Sum();
            Console.WriteLine($"requests={total}");
            Console.WriteLine($"accepted={statuses.Where(kv => kv.Key is >= 200 and < 300).Sum(kv => kv.Value)}");
            Console.WriteLine($"refused={statuses.Where(kv => kv.Key is 503 or 429).Sum(kv => kv.Value)}");
            Console.WriteLine($"failed={statuses.Where(kv => kv.Key is 0 or >= 500 and not 503).Sum(kv => kv.Value)}");
            Console.WriteLine($"p50={Api.Percentile(all, 50):0}");
            Console.WriteLine($"p99={Api.Percentile(all, 99):0}");
            Console.WriteLine($"max={(all.Count > 0 ? all[^1] : 0):0}");
            Console.WriteLine($"statuses={string.Join(",", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}:{kv.Value}"))}");
            return 0;
        }

        private static async Task<(int Status, JsonElement Body)> Timed(HttpClient http, HttpMethod method, string url, object body, List<double> latencies)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await http.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) });
                var text = await response.Content.ReadAsStringAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                return ((int)response.StatusCode, text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json") == true
                    ? JsonDocument.Parse(text).RootElement : default);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                return (0, default);
            }
        }

        /// <summary>
        /// N applications of one agency-year appended straight into the event store, half of them answered: the requests and
        /// applicants of the generated corpus (BenchCorpus), so that search and repeat finding meet real text.
        /// </summary>
        public static async Task<int> Seed(Options o)
        {
            var agency = o["agency"];
            var year = o.Int("year", 2024);
            var count = o.Int("count", 100_000);
            var batch = o.Int("batch", 2000);
            using var store = new DocumentStore(Stores.Options(o, new EventStoreTuning()));
            await Stores.RegisterPartitionAsync(store, o, agency);
            var random = new Random(42);
            var watch = Stopwatch.StartNew();
            long events = 0;
            using var corpus = BenchCorpus.Stream(agency, year, count).GetEnumerator();
            for (var done = 0; done < count; done += batch)
            {
                await using var session = store.LightweightSession(agency);
                session.LastModifiedBy = "bench-seed";
                for (var i = done; i < Math.Min(count, done + batch); i++)
                {
                    var id = Guid.CreateVersion7();
                    corpus.MoveNext();
                    var record = corpus.Current;
                    var applicant = BenchCorpus.ApplicantOf(record.Applicant);
                    var category = applicant.Category;
                    var received = record.ReceivedOn;
                    var stream = new List<object>
                    {
                        new ApplicationReceived(id, agency, $"SEED-{year}-{i:D7}", record.Channel, applicant, record.Description, null, received),
                    };
                    if (i % 2 == 0) stream.Add(new DecisionRecorded(received.AddDays(random.Next(1, 40)), Api.OutcomeCodes[random.Next(Api.OutcomeCodes.Length)], null, category));
                    session.Events.StartStream<Application>(id, stream.ToArray());
                    events += stream.Count;
                }
                await session.SaveChangesAsync();
            }
            var seconds = watch.Elapsed.TotalSeconds;
            // statistics for the new rows before anything reads them: a plan made on the empty table scans them all
            // (the naive query timed out right after a seed; ~220 ms once analysed)
            watch.Restart();
            await using (var source = NpgsqlDataSource.Create(o["connection"]))
            await using (var analyze = source.CreateCommand("analyze"))
            {
                analyze.CommandTimeout = o.Int("timeout-s", 600);
                await analyze.ExecuteNonQueryAsync();
            }
            Console.WriteLine($"seeded={count}");
            Console.WriteLine($"events={events}");
            Console.WriteLine($"seconds={seconds:0.0}");
            Console.WriteLine($"analyze_seconds={watch.Elapsed.TotalSeconds:0.0}");
            return 0;
        }

        /// <summary>From the last acknowledged command until the report says it includes everything.</summary>
        public static async Task<int> Lag(Options o)
        {
            using var http = Api.Client(o, 2);
            var since = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(o["since-ms"]));
            var url = $"/api/agencies/{o["agency"]}/reports/{o["year"]}";
            var expect = o.Int("expect", 0);
            var deadline = Stopwatch.StartNew();
            var timeout = TimeSpan.FromSeconds(o.Int("timeout-s", 60));
            var received = -1;
            while (deadline.Elapsed < timeout)
            {
                var report = await http.GetFromJsonAsync<JsonElement>(url);
                received = report.GetProperty("tables").GetProperty("applications").GetProperty("rows")[0].GetProperty("values")[6].GetInt32();
                if (!report.GetProperty("stale").GetBoolean() && received >= expect)
                {
                    Console.WriteLine($"lag_ms={(DateTimeOffset.UtcNow - since).TotalMilliseconds:0}");
                    return 0;
                }
                await Task.Delay(20);
            }
            Console.Error.WriteLine($"lag: after {timeout.TotalSeconds:0} s the report of {o["agency"]} {o["year"]} counts {received} applications, not {expect}");
            Console.WriteLine("lag_ms=-1");
            return 1;
        }

        public static async Task<int> ReportLatency(Options o)
        {
            using var http = Api.Client(o, 2);
            var url = $"/api/agencies/{o["agency"]}/reports/{o["year"]}";
            await http.GetStringAsync(url); // warm
            var times = new List<double>();
            for (var i = 0; i < o.Int("repeat", 21); i++)
            {
                var watch = Stopwatch.StartNew();
                await http.GetStringAsync(url);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"median_ms={times.Order().ElementAt(times.Count / 2):0.0}");
            return 0;
        }

        /// <summary>The same table 三 figures computed by plain SQL over the events (the thing the projection saves us).</summary>
        public static async Task<int> Naive(Options o)
        {
            await using var source = NpgsqlDataSource.Create(o["connection"]);
            const string sql = """
                with received as (
                  select stream_id, data->'applicant'->>'category' as category, (data->>'receivedOn')::date as received_on
                  from disclosure.mt_events where tenant_id = $1 and type = 'application_received'),
                answered as (
                  select stream_id, (data->>'decidedOn')::date as decided_on, data->>'outcome' as outcome
                  from disclosure.mt_events where tenant_id = $1 and type = 'decision_recorded')
                select r.category,
                       count(*) filter (where r.received_on between $2 and $3) as received,
                       count(*) filter (where r.received_on < $2 and (a.decided_on is null or a.decided_on >= $2)) as carried_over,
                       count(*) filter (where a.decided_on between $2 and $3) as handled,
                       count(*) filter (where r.received_on <= $3 and (a.decided_on is null or a.decided_on > $3)) as carried_forward
                from received r left join answered a using (stream_id)
                group by r.category
                """;
            var year = o.Int("year", 2024);
            var times = new List<double>();
            for (var i = 0; i < o.Int("repeat", 5); i++)
            {
                var watch = Stopwatch.StartNew();
                await using var cmd = source.CreateCommand(sql);
                cmd.CommandTimeout = o.Int("timeout-s", 120); // ~6 s at 1,000,000 applications on an analysed table
                cmd.Parameters.AddWithValue(o["agency"]);
                cmd.Parameters.AddWithValue(new DateOnly(year, 1, 1));
                cmd.Parameters.AddWithValue(new DateOnly(year, 12, 31));
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { }
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"median_ms={times.Order().ElementAt(times.Count / 2):0.0}");
            return 0;
        }

        public static async Task<int> Rebuild(Options o)
        {
            // --batch-size: events per page the rebuild reads (EventStore__DaemonBatchSize of a host; 5,000 by default, Marten's 500)
            // --flush-threshold: documents a rebuild keeps in memory before writing them (EventStore__RebuildFlushThreshold; 0 = after every batch)
            var defaults = new EventStoreTuning();
            var tuning = new EventStoreTuning
            {
                DaemonBatchSize = o.Int("batch-size", defaults.DaemonBatchSize),
                RebuildFlushThreshold = o.Int("flush-threshold", defaults.RebuildFlushThreshold),
            };
            // --projection search: the search index's shards instead (SearchIndex, SearchIndex2, …, side by side as the daemon
            // runs them), to measure its per-case cost in CPU (#25); under a fixed applicant-key secret (a host with another rebuilds again)
            var search = o.Get("projection", "ReportTally") == "search"
                ? new SearchIndexProjection(new SearchTables("disclosure"), new ApplicantKeyProtector(new SearchSettings { ApplicantKeySecret = "bench-applicant-key-secret" }), new SearchSettings())
                : null;
            using var store = new DocumentStore(search is null ? Stores.Options(o, tuning)
                : EventStore.Options(PostgresDataSource.Create(o["connection"]), "disclosure", new CalendarStore(ClockSettings.Default), tuning, search));
            // --tenant: rebuild one agency's tallies only (Marten rebuilds one tenant only with --partitioned true)
            var tenant = o.Get("tenant", "");
            var stats = await store.Advanced.FetchEventStoreStatistics();
            var events = stats.EventCount;
            if (tenant != "")
            {
                await using var source = NpgsqlDataSource.Create(o["connection"]);
                await using var count = source.CreateCommand("select count(*) from disclosure.mt_events where tenant_id = $1");
                count.Parameters.AddWithValue(tenant);
                events = (long)(await count.ExecuteScalarAsync())!;
            }
            using var daemon = await store.BuildProjectionDaemonAsync();
            // on a shared machine the wall clock says little: the CPU the rebuild cost, here and in PostgreSQL, says more
            var load = LoadAverage();
            await using var postgres = await PostgresCpu.StartAsync(o["connection"]);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            if (search is not null)
                await Task.WhenAll(Enumerable.Range(0, tuning.SearchShards).Select(shard =>
                    daemon.RebuildProjectionAsync(SearchIndexProjection.NameOf(shard), TimeSpan.FromMinutes(30), CancellationToken.None)));
            else if (tenant == "") await daemon.RebuildProjectionAsync("ReportTally", TimeSpan.FromMinutes(30), CancellationToken.None);
            else await daemon.RebuildProjectionAsync("ReportTally", tenant, TimeSpan.FromMinutes(30), CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var postgresCpu = await postgres.StopAsync();
            Console.WriteLine($"events={events}");
            Console.WriteLine($"seconds={seconds:0.0}");
            Console.WriteLine($"events_per_s={events / seconds:0}");
            Console.WriteLine($"client_cpu_s={clientCpu:0.0}");
            Console.WriteLine($"postgres_cpu_s={postgresCpu:0.0}");
            // what the machine could give if the rebuild had it to itself: events per CPU second, both sides together
            Console.WriteLine($"events_per_cpu_s={events / Math.Max(0.001, clientCpu + postgresCpu):0}");
            Console.WriteLine($"load_average={load}");
            return 0;
        }

        private static string LoadAverage() =>
            File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
    }

    /// <summary>The product's store options for the tools, with the levers under trial (#25).</summary>
    public static class Stores
    {
        /// <param name="o">--partitioned true: Marten's per-tenant partitioned events (each agency's events and streams a LIST
        /// partition of their own, a sequence and projection progress per agency) — a trial, not the product's configuration;
        /// use it on a database of its own from the first seed (Marten documents no in-place conversion of an existing event table).</param>
        public static StoreOptions Options(Options o, EventStoreTuning tuning)
        {
            var options = EventStore.Options(o["connection"], "disclosure", new CalendarStore(ClockSettings.Default), tuning);
            if (Partitioned(o)) options.Events.UseTenantPartitionedEvents = true;
            return options;
        }

        public static bool Partitioned(Options o) => o.Get("partitioned", "false") == "true";

        /// <summary>A partition per agency must exist before its first event (agency slugs have hyphens, suffixes may not).</summary>
        public static async Task RegisterPartitionAsync(DocumentStore store, Options o, string agency)
        {
            if (!Partitioned(o)) return;
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await store.Advanced.AddMartenManagedTenantsAsync(CancellationToken.None,
                new Dictionary<string, string> { [agency] = agency.Replace('-', '_') });
        }
    }

    /// <summary>
    /// The CPU time PostgreSQL's backends spend for one database while something runs (Linux, the server on this machine):
    /// samples the backends' /proc/PID/stat every 100 ms, so a connection opened and closed between two samples is missed.
    /// </summary>
    public sealed class PostgresCpu : IAsyncDisposable
    {
        private readonly NpgsqlDataSource source;
        private readonly Dictionary<int, (long First, long Last)> ticks = new();
        private readonly CancellationTokenSource stop = new();
        private Task? sampling;

        private PostgresCpu(string connectionString) => source = NpgsqlDataSource.Create(connectionString);

        public static async Task<PostgresCpu> StartAsync(string connectionString)
        {
            var cpu = new PostgresCpu(connectionString);
            await cpu.SampleAsync(first: true);
            cpu.sampling = cpu.LoopAsync();
            return cpu;
        }

        /// <returns>CPU seconds, or -1 when the backends cannot be read (another machine).</returns>
        public async Task<double> StopAsync()
        {
            await stop.CancelAsync();
            if (sampling is not null) await sampling;
            await SampleAsync(first: false);
            if (ticks.Count == 0) return -1;
            return ticks.Values.Sum(t => t.Last - t.First) / 100.0; // USER_HZ
        }

        private async Task LoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { return; }
                await SampleAsync(first: false);
            }
        }

        private async Task SampleAsync(bool first)
        {
            await using var cmd = source.CreateCommand("select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
            var pids = new List<int>();
            await using (var reader = await cmd.ExecuteReaderAsync()) while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
            foreach (var pid in pids)
            {
                var now = Ticks(pid);
                if (now < 0) continue;
                // a backend already there at the start counts from then; one that appears later, from its birth
                ticks[pid] = ticks.TryGetValue(pid, out var t) ? (t.First, now) : (first ? now : 0, now);
            }
        }

        private static long Ticks(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14 and 15)
            }
            catch (IOException) { return -1; }
        }

        public async ValueTask DisposeAsync()
        {
            stop.Dispose();
            await source.DisposeAsync();
        }
    }
}
