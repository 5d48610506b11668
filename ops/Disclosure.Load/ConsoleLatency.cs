using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Disclosure.Domain.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using Marten;
using Npgsql;

namespace Disclosure.Load;

/// <summary>
/// <c>console-latency --url U --key K --connection CS --agency A [--count 100000] [--repeat 200]</c>: makes sure the agency
/// has at least N open applications (seeds the missing ones, received over the last 60 days so some are overdue and some
/// due soon; nine in ten assigned to one of 40 handlers in 8 departments), signs in to the console as a handler and a
/// supervisor (the demo sign-in: the host must run in Development), and measures each page over real HTTP, one client, after
/// a warm-up: every console page a clerk or supervisor opens — the worklist's 全部, 我的 and 本部门 and a later page of 全部,
/// the supervisor's load per handler, an application's and a letter's case page, the letters and their departments, the
/// review cases, a search (a rare word and one every seeded case carries), the year's report and a drill-down of one of its
/// figures, the settings. Besides the open applications it logs, through the API, letters (<c>--letters</c>, default 1,000,
/// shared out to the 8 departments) and answered applications with a review filed on each (<c>--reviews</c>, default 200),
/// so those pages have something to list. <c>--pages a,b</c> measures only those. Prints key=value lines.
/// </summary>
public static partial class ConsoleLatency
{
    public static async Task<int> Run(Options o)
    {
        var agency = o["agency"];
        var count = o.Int("count", 100_000);
        var repeat = o.Int("repeat", 200);
        using (var api = Api.Client(o, 2))
        {
            var registered = await api.PostAsync("/api/agencies", JsonContent.Create(new { id = agency, name = "控制台压测机关" }));
            if (registered.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                throw new InvalidOperationException($"Registering {agency}: {registered.StatusCode}");
        }

        var open = await OpenCases(o["connection"], agency);
        var seeded = 0;
        if (open < count) seeded = await Seed(o["connection"], agency, open, count - open);
        var number = await AnyOpenCase(o["connection"], agency);
        await SeedLettersAndReviews(o, agency, o.Int("letters", 1000), o.Int("reviews", 200));
        var letter = await AnyLetter(o["connection"], agency);
        var year = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;

        // a handler of one department (the worklist's 我的 and 本部门) and a supervisor (全部 and the load per handler)
        using var handler = await SignIn(o["url"], agency, "latency.handler", "handler", Department(0));
        using var supervisor = await SignIn(o["url"], agency, "latency.supervisor", "supervisor", Department(0));
        var pages = new (string Name, HttpClient Client, string Url)[]
        {
            ("worklist", handler, $"/console/{agency}?scope=all"),
            ("worklist_mine", handler, $"/console/{agency}?scope=mine"),
            ("worklist_department", handler, $"/console/{agency}?scope=department"),
            ("worklist_page20", handler, $"/console/{agency}?scope=all&page=20"),
            ("workload", supervisor, $"/console/{agency}/workload"),
            ("case", handler, $"/console/{agency}/applications/{number}"),
            ("letter", handler, $"/console/{agency}/letters/{letter}"),
            ("letters", handler, $"/console/{agency}/letters"),
            ("reviews", handler, $"/console/{agency}/reviews"),
            ("search", handler, $"/console/{agency}/search?q={Uri.EscapeDataString("征收补偿")}"),
            ("search_common", handler, $"/console/{agency}/search?q={Uri.EscapeDataString("控制台压测")}"),
            ("report", supervisor, $"/console/{agency}/reports/{year}"),
            ("report_cell", supervisor, $"/console/{agency}/reports/{year}/cells/disclosed/total"),
            ("settings", supervisor, $"/console/{agency}/settings"),
        };
        Console.WriteLine($"open_cases={open + seeded}");
        Console.WriteLine($"seeded={seeded}");
        var only = o.Get("pages", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var (name, client, url) in pages)
        {
            if (only.Length > 0 && !only.Contains(name)) continue;
            var measured = await Measure(client, url, repeat);
            Console.WriteLine($"{name}_p50_ms={measured.P50:0.0}");
            Console.WriteLine($"{name}_p95_ms={measured.P95:0.0}");
        }
        return 0;
    }

    /// <summary>A seeded case's handler and department: 40 handlers over 8 departments; <c>latency.handler</c> is handler 0.</summary>
    private static string Handler(int i) => i % 40 == 0 ? "latency.handler" : $"handler-{i % 40:D2}";

    private static string Department(int i) => $"科室{i % 8}";

    private static async Task<HttpClient> SignIn(string url, string agency, string user, string role, string department)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var signIn = await http.GetStringAsync("/console/sign-in");
        var token = Token().Match(signIn).Groups[1].Value;
        var signedIn = await http.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["user"] = user, ["role"] = role, ["agency"] = agency, ["department"] = department,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"The console's demo sign-in answered {signedIn.StatusCode}: run the host in Development.");
        return http;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static async Task<(double P50, double P95)> Measure(HttpClient http, string url, int repeat)
    {
        for (var i = 0; i < Math.Min(20, repeat); i++) (await http.GetAsync(url)).EnsureSuccessStatusCode();
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }
        times.Sort();
        return (Api.Percentile(times, 50), Api.Percentile(times, 95));
    }

    private static async Task<int> OpenCases(string connection, string agency)
    {
        await using var data = NpgsqlDataSource.Create(connection);
        await using var cmd = data.CreateCommand("select count(*) from disclosure.mt_doc_application where tenant_id = $1 and (data ->> 'isOpen')::boolean");
        cmd.Parameters.AddWithValue(agency);
        return (int)(long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<string> AnyOpenCase(string connection, string agency)
    {
        await using var data = NpgsqlDataSource.Create(connection);
        await using var cmd = data.CreateCommand("select data ->> 'trackingNumber' from disclosure.mt_doc_application where tenant_id = $1 and (data ->> 'isOpen')::boolean limit 1 offset 1000");
        cmd.Parameters.AddWithValue(agency);
        return (string)(await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException("No open case to measure."));
    }

    private static async Task<string> AnyLetter(string connection, string agency)
    {
        await using var data = NpgsqlDataSource.Create(connection);
        await using var cmd = data.CreateCommand("select data ->> 'trackingNumber' from disclosure.mt_doc_letter where tenant_id = $1 and data ->> 'awaitingAction' = 'true' order by data ->> 'trackingNumber' limit 1 offset 100");
        cmd.Parameters.AddWithValue(agency);
        return (string)(await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException("No letter to measure: seed with --letters ≥ 101."));
    }

    private static async Task<long> Count(string connection, string sql, string agency)
    {
        await using var data = NpgsqlDataSource.Create(connection);
        await using var cmd = data.CreateCommand(sql);
        cmd.Parameters.AddWithValue(agency);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Letters awaiting action (each accepted and shared out to one of the 8 departments) and answered applications with a review filed
    /// on each, up to the counts asked, through the API as a desk would log them (four at a time).
    /// </summary>
    private static async Task SeedLettersAndReviews(Options o, string agency, int letters, int reviews)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var on = today.ToString("yyyy-MM-dd");
        using var api = Api.Client(o, 4);
        async Task<JsonElement> Post(string url, object body, HttpStatusCode expected)
        {
            using var response = await api.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected) throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        async Task Each(int count, Func<int, Task> one)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next)) await one(i);
            }));
        }

        var haveLetters = await Count(o["connection"], "select count(*) from disclosure.mt_doc_letter where tenant_id = $1", agency);
        await Each((int)Math.Max(0, letters - haveLetters), async i =>
        {
            var letter = await Post($"/api/agencies/{agency}/letters", new
            {
                channel = "online", category = "help", subject = $"压测来信 {i}", body = "请协调解决小区道路积水问题", writer = new { name = "压测来信人" }, receivedOn = on,
            }, HttpStatusCode.Created);
            await Post($"/api/agencies/{agency}/letters/{letter.GetProperty("id")}/acceptance", new { on }, HttpStatusCode.OK);
            await Post($"/api/agencies/{agency}/letters/{letter.GetProperty("id")}/assignment", new { department = Department(i), on }, HttpStatusCode.OK);
        });
        var haveReviews = await Count(o["connection"], "select count(*) from disclosure.mt_doc_reviewcase where tenant_id = $1", agency);
        await Each((int)Math.Max(0, reviews - haveReviews), async i =>
        {
            var app = await Post($"/api/agencies/{agency}/applications", new
            {
                channel = "online", applicant = new { category = "natural_person", name = "压测复议申请人" }, description = "征收补偿安置方案", receivedOn = on,
            }, HttpStatusCode.Created);
            var id = app.GetProperty("id");
            await Post($"/api/agencies/{agency}/applications/{id}/decision", new { decidedOn = on, outcome = "disclosed" }, HttpStatusCode.OK);
            await Post($"/api/agencies/{agency}/applications/{id}/reviews", new { kind = "reconsideration", filedOn = on }, HttpStatusCode.Created);
        });
        Console.WriteLine($"letters={Math.Max(letters, haveLetters)}");
        Console.WriteLine($"reviews={Math.Max(reviews, haveReviews)}");
    }

    private static ApplicationReceived Received(Guid id, string agency, DateOnly today, int i, string category, DateOnly received) =>
        // 20,000 applicants, five applications each: one applicant behind all 100,000 made every case page count them all
        new(id, agency, $"CL-{today.Year}-{i:D7}", "online", new Applicant(category, $"压测申请人{i % 20_000}", null, $"138{i % 20_000:D8}", null, null), "控制台压测", null, received);

    /// <summary>Open applications received over the last 60 days (China time), written through Marten so the inline projection keeps the case documents.</summary>
    private static async Task<int> Seed(string connection, string agency, int from, int missing)
    {
        using var store = new DocumentStore(EventStore.Options(connection, "disclosure", new CalendarStore(ClockSettings.Default)));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var random = new Random(17);
        for (var done = 0; done < missing; done += 2000)
        {
            await using var session = store.LightweightSession(agency);
            session.LastModifiedBy = "console-latency-seed";
            for (var i = from + done; i < from + Math.Min(missing, done + 2000); i++)
            {
                var id = Guid.CreateVersion7();
                var category = Api.Categories[random.Next(Api.Categories.Length)];
                var received = today.AddDays(-random.Next(0, 60));
                // nine in ten shared out (分办) to one of 40 handlers in 8 departments, the rest waiting for it
                object[] events = i % 10 == 9
                    ? [Received(id, agency, today, i, category, received)]
                    : [Received(id, agency, today, i, category, received), new ApplicationAssigned(received, Handler(i), Department(i % 40), null)];
                session.Events.StartStream<Application>(id, events);
            }
            // a batch is one transaction: one lost to a database restart is written again
            for (var attempt = 1; ; attempt++)
            {
                try { await session.SaveChangesAsync(); break; }
                catch (Exception e) when (attempt < 5 && e is NpgsqlException or ObjectDisposedException or InvalidOperationException)
                {
                    await Task.Delay(TimeSpan.FromSeconds(3));
                }
            }
        }
        return missing;
    }
}
