using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
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
/// a warm-up: the worklist's 全部, 我的 and 本部门, the supervisor's load per handler, a case page. Prints key=value lines.
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

        // a handler of one department (the worklist's 我的 and 本部门) and a supervisor (全部 and the load per handler)
        using var handler = await SignIn(o["url"], agency, "latency.handler", "handler", Department(0));
        using var supervisor = await SignIn(o["url"], agency, "latency.supervisor", "supervisor", Department(0));
        var pages = new (string Name, HttpClient Client, string Url)[]
        {
            ("worklist", handler, $"/console/{agency}?scope=all"),
            ("worklist_mine", handler, $"/console/{agency}?scope=mine"),
            ("worklist_department", handler, $"/console/{agency}?scope=department"),
            ("workload", supervisor, $"/console/{agency}/workload"),
            ("case", handler, $"/console/{agency}/applications/{number}"),
        };
        Console.WriteLine($"open_cases={open + seeded}");
        Console.WriteLine($"seeded={seeded}");
        foreach (var (name, client, url) in pages)
        {
            // the load per handler reads every open application: fewer rounds of it
            var measured = await Measure(client, url, name == "workload" ? Math.Min(repeat, 20) : repeat);
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
        for (var i = 0; i < 20; i++) (await http.GetAsync(url)).EnsureSuccessStatusCode();
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

    private static ApplicationReceived Received(Guid id, string agency, DateOnly today, int i, string category, DateOnly received) =>
        new(id, agency, $"CL-{today.Year}-{i:D7}", "online", new Applicant(category, "压测申请人", null, "13800000000", null, null), "控制台压测", null, received);

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
