using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using Marten;
using Npgsql;

namespace Disclosure.Load;

/// <summary>
/// The nightly deadline sweep at volume (#25: 100,000 open cases in ≤ 5 minutes): open applications and accepted letters
/// appended straight into the event store (as the write path would record them: received, some with a correction request
/// whose period has run out), spread over a few agencies, with receipt dates over the last two months so that on the
/// business day of the run some are due soon, some overdue, some lapse and the rest have nothing due; then
/// <c>POST /api/deadlines/sweep</c> through the API of a running host, followed on its job until it finishes.
/// </summary>
/// <remarks>
/// Prints <c>cases</c>, <c>changed</c>, <c>failed</c>, <c>seconds</c>, <c>cases_per_s</c> and, robust on a shared machine,
/// CPU milliseconds per case of the host (<c>--host-pid</c>) and of this database's PostgreSQL backends, and transactions
/// and rows written per case; with <c>--runs 2</c> the sweep runs again at once (a night on which everything due was
/// already recorded). <c>--seeded true</c> sweeps what an earlier run seeded.
/// </remarks>
public static class SweepBench
{
    public static async Task<int> Run(Options o)
    {
        var connection = o["connection"];
        var agencies = Enumerable.Range(0, o.Int("agencies", 4)).Select(i => $"sweep-{i}").ToArray();
        var count = o.Int("count", 100_000);
        var letters = o.Int("letters", 5_000);
        using var http = Api.Client(o, 4);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(BusinessClock.ChinaOffset).DateTime);

        if (o.Get("seeded", "false") != "true")
        {
            await PrepareAsync(http, agencies, today);
            await SeedAsync(connection, agencies, count, letters, today);
        }
        await CaughtUpAsync(connection, TimeSpan.FromSeconds(o.Int("timeout-s", 3600)));
        await using (var source = NpgsqlDataSource.Create(connection))
        await using (var analyze = source.CreateCommand("analyze"))
        {
            analyze.CommandTimeout = 600;
            await analyze.ExecuteNonQueryAsync();
        }

        var hostPid = o.Int("host-pid", 0);
        for (var run = 1; run <= o.Int("runs", 1); run++)
        {
            var before = await CountersAsync(connection, hostPid);
            var load0 = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            var watch = Stopwatch.StartNew();
            using var started = await http.PostAsJsonAsync("/api/deadlines/sweep", new { });
            if ((int)started.StatusCode != 202) throw new InvalidOperationException($"the sweep answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync()}");
            var location = started.Headers.Location!.ToString();
            JsonElement job;
            var shown = Stopwatch.StartNew();
            while (true)
            {
                job = await http.GetFromJsonAsync<JsonElement>(location);
                if (job.GetProperty("state").GetString() == "finished") break;
                if (shown.Elapsed > TimeSpan.FromSeconds(15))
                {
                    Console.Error.WriteLine($"sweep: {watch.Elapsed.TotalSeconds:0} s, page {job.GetProperty("pagesDone")}/{job.GetProperty("pages")}, " +
                        $"{job.GetProperty("handled")} handled, {job.GetProperty("changed")} changed, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
                    shown.Restart();
                }
                await Task.Delay(250);
            }
            var seconds = watch.Elapsed.TotalSeconds;
            var after = await CountersAsync(connection, hostPid);
            var cases = job.GetProperty("handled").GetInt32();
            var per = Math.Max(1, cases);
            Console.WriteLine($"run={run}");
            Console.WriteLine($"cases={cases}");
            Console.WriteLine($"changed={job.GetProperty("changed").GetInt32()}");
            Console.WriteLine($"failed={job.GetProperty("failed").GetInt32()}");
            Console.WriteLine($"pages={job.GetProperty("pages").GetInt32()}");
            Console.WriteLine($"seconds={seconds:0.0}");
            Console.WriteLine($"cases_per_s={cases / seconds:0}");
            if (hostPid > 0) Console.WriteLine($"host_cpu_ms_per_case={(after.HostTicks - before.HostTicks) * 1000.0 / Ticks / per:0.000}");
            Console.WriteLine($"pg_cpu_ms_per_case={after.PgTicksSince(before) * 1000.0 / Ticks / per:0.000}");
            Console.WriteLine($"commits_per_case={(after.Commits - before.Commits) / (double)per:0.00}");
            Console.WriteLine($"rows_written_per_case={(after.Written - before.Written) / (double)per:0.00}");
            Console.WriteLine($"load_before={load0}");
            Console.WriteLine($"load_after={File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }
        return 0;
    }

    private static readonly long Ticks = 100; // USER_HZ: /proc/PID/stat counts in 1/100 s on Linux

    /// <summary>The agencies (registered through the API; already there is fine) and a 2027 notice when the calendar stops at 2026.</summary>
    private static async Task PrepareAsync(HttpClient http, string[] agencies, DateOnly today)
    {
        for (var i = 0; i < agencies.Length; i++)
        {
            using var answer = await http.PostAsJsonAsync("/api/agencies", new { id = agencies[i], name = $"期限检查压测机关{i}", code = i < 26 ? $"SW{(char)('A' + i)}" : $"SW{i:D3}" });
            if (!answer.IsSuccessStatusCode && (int)answer.StatusCode != 409)
                throw new InvalidOperationException($"registering {agencies[i]}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
        // a due date two months ahead may fall in next year: without its notice nothing of it can fall due (CalendarNotAvailable)
        var years = (await http.GetFromJsonAsync<JsonElement>("/api/calendar")).EnumerateArray().Select(n => n.GetProperty("year").GetInt32()).ToHashSet();
        var next = today.Year + 1;
        if (!years.Contains(next))
        {
            using var loaded = await http.PutAsJsonAsync($"/api/calendar/{next}", new
            {
                notice = $"{next} 年节假日（压测用）", off = new[] { $"{next}-01-01" }, makeupWorkdays = Array.Empty<string>(),
                reason = "期限检查压测：次年通知尚未发布，仅以元旦为假日",
            });
            if (!loaded.IsSuccessStatusCode) throw new InvalidOperationException($"loading {next}: {(int)loaded.StatusCode} {await loaded.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// Applications received 1–60 days ago (one in ten with a correction requested whose period ended in the last days) and
    /// letters accepted 1–40 days ago, spread round-robin over the agencies; nothing scheduled (the sweep is what acts).
    /// </summary>
    private static async Task SeedAsync(string connection, string[] agencies, int count, int letters, DateOnly today)
    {
        using var store = new DocumentStore(EventStore.Options(connection, "disclosure", new CalendarStore(ClockSettings.Default)));
        var watch = Stopwatch.StartNew();
        var corpus = BenchCorpus.Stream("sweep", today.Year, count).GetEnumerator();
        const int batch = 2000;
        for (var done = 0; done < count + letters; done += batch)
        {
            foreach (var agency in agencies)
            {
                await using var session = store.LightweightSession(agency);
                session.LastModifiedBy = "bench-sweep";
                for (var i = done; i < Math.Min(count + letters, done + batch); i++)
                {
                    if (agencies[i % agencies.Length] != agency) continue;
                    var id = Guid.CreateVersion7();
                    if (i < count)
                    {
                        corpus.MoveNext();
                        var applicant = BenchCorpus.ApplicantOf(corpus.Current.Applicant);
                        var lapses = i % 10 == 0;
                        var received = lapses ? today.AddDays(-20 - i % 20) : today.AddDays(-1 - i % 60);
                        var events = new List<object> { new ApplicationReceived(id, agency, $"SW-{today.Year}-{i:D7}", "online", applicant, corpus.Current.Description, null, received) };
                        if (lapses) events.Add(new CorrectionRequested(received.AddDays(1), ["写明所需信息的名称、文号或者便于查询的其他特征性描述"], today.AddDays(-1 - i % 5)));
                        session.Events.StartStream<Application>(id, events.ToArray());
                    }
                    else
                    {
                        var received = today.AddDays(-1 - i % 40);
                        var number = $"SWX-{today.Year}-{i:D7}";
                        session.Events.StartStream<Letter>(id,
                            new LetterReceived(id, agency, number, QueryCode.Hash(number, "SWEEPBEN"), "online", "help", "压测来信", "压测来信内容",
                                new Writer("压测写信人", null, null), received, false, 5),
                            new LetterAccepted(received.AddDays(1), 15));
                    }
                }
                await session.SaveChangesAsync();
            }
            if (done / batch % 10 == 0) Console.Error.WriteLine($"seed: {done + batch} of {count + letters} cases, {watch.Elapsed.TotalSeconds:0} s");
        }
        Console.WriteLine($"seeded_applications={count}");
        Console.WriteLine($"seeded_letters={letters}");
        Console.WriteLine($"seed_seconds={watch.Elapsed.TotalSeconds:0.0}");
    }

    /// <summary>Until every asynchronous projection of the running host has caught up with the seed: the sweep is measured alone.</summary>
    private static async Task CaughtUpAsync(string connection, TimeSpan timeout)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        var (caughtUp, _, _, elapsed) = await ProjectionProgress.WaitAsync(source, ProjectionProgress.AllProjections, 0, timeout, TimeSpan.FromSeconds(2));
        if (caughtUp)
        {
            Console.WriteLine($"catch_up_seconds={elapsed.TotalSeconds:0.0}");
            return;
        }
        throw new TimeoutException("the host's projections did not catch up with the seed");
    }

    private sealed record Counters(long HostTicks, Dictionary<int, long> Backends, long Commits, long Written)
    {
        /// <summary>A backend born in between counts from zero; one that ended in between is missed (pooled connections live long).</summary>
        public long PgTicksSince(Counters before) => Backends.Sum(b => b.Value - before.Backends.GetValueOrDefault(b.Key));
    }

    /// <summary>CPU ticks of the host and of this database's backends (from /proc), commits and rows written in this database.</summary>
    private static async Task<Counters> CountersAsync(string connection, int hostPid)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        var pids = new List<int>();
        await using (var cmd = source.CreateCommand("select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        // the statistics are flushed at most once a second
        await Task.Delay(1100);
        long commits, written;
        await using (var cmd = source.CreateCommand(
            "select (select xact_commit from pg_stat_database where datname = current_database()), (select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint from pg_stat_user_tables)"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (commits, written) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        return new Counters(hostPid > 0 ? TicksOf(hostPid) : 0, pids.ToDictionary(p => p, TicksOf), commits, written);
    }

    private static long TicksOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        catch (IOException)
        {
            return 0; // gone in between
        }
    }
}
