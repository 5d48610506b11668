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
/// due soon), signs in to the console (the demo sign-in: the host must run in Development), and measures the worklist and
/// a case page over real HTTP, one client, after a warm-up. Prints key=value lines.
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

        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(o["url"]), Timeout = TimeSpan.FromSeconds(60) };
        var signIn = await http.GetStringAsync("/console/sign-in");
        var token = Token().Match(signIn).Groups[1].Value;
        var signedIn = await http.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["user"] = "latency.handler", ["role"] = "handler", ["agency"] = agency,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"The console's demo sign-in answered {signedIn.StatusCode}: run the host in Development.");

        var worklist = await Measure(http, $"/console/{agency}", repeat);
        var casePage = await Measure(http, $"/console/{agency}/applications/{number}", repeat);
        Console.WriteLine($"open_cases={open + seeded}");
        Console.WriteLine($"seeded={seeded}");
        Console.WriteLine($"worklist_p50_ms={worklist.P50:0.0}");
        Console.WriteLine($"worklist_p95_ms={worklist.P95:0.0}");
        Console.WriteLine($"case_p50_ms={casePage.P50:0.0}");
        Console.WriteLine($"case_p95_ms={casePage.P95:0.0}");
        return 0;
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
                session.Events.StartStream<Application>(id, new ApplicationReceived(id, agency, $"CL-{today.Year}-{i:D7}", "online",
                    new Applicant(category, "压测申请人", null, "13800000000", null, null), "控制台压测", null, today.AddDays(-random.Next(0, 60))));
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
