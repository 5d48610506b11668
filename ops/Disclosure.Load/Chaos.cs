using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Disclosure.Load;

/// <summary>One case as the client knows it: what the server acknowledged (a 2xx it received), and of which agency.</summary>
public sealed record Acknowledged(string Key, string Id, string Outcome, bool DecisionAcknowledged, string? Agency = null);

/// <summary>
/// The chaos client and its verifier. The client drives intake and decisions, keeps a journal of every acknowledged
/// response, and retries what was not acknowledged — an intake with the same Idempotency-Key, a decision until it is
/// acknowledged or the case shows it (a 409 whose case holds our decision means the first attempt did commit).
/// <c>--agency a,b,…</c> spreads the clients over several agencies (client i works for agency i mod n): with several
/// databases (ops/chaos --databases K) one agency per database, so every database takes writes during the kills.
/// </summary>
public static class Chaos
{
    public static async Task<int> Client(Options o)
    {
        var agencies = Agencies(o);
        var seconds = o.Int("seconds", 60);
        var workers = o.Int("clients", 8);
        var journal = o["journal"];
        using var http = Api.Client(o, workers * 2);
        http.Timeout = TimeSpan.FromSeconds(5);
        var acked = new ConcurrentBag<Acknowledged>();
        var stop = Stopwatch.StartNew();
        var newWork = TimeSpan.FromSeconds(seconds);
        var giveUp = newWork + TimeSpan.FromSeconds(o.Int("grace", 120));
        // with --stop-file the run ends when the script says so (ops/chaos --nodes: after its kills), --seconds at the latest
        var stopFile = o.Get("stop-file", "");
        bool Stopping() => stop.Elapsed >= newWork || (stopFile.Length > 0 && File.Exists(stopFile));
        long retries = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            var random = new Random(w * 104729 + Environment.TickCount);
            var agency = agencies[w % agencies.Length];
            while (!Stopping())
            {
                var key = Guid.NewGuid().ToString();
                var body = new
                {
                    channel = "online",
                    applicant = new { category = Api.Categories[random.Next(Api.Categories.Length)], name = "混沌测试" },
                    description = $"chaos {key}", // lets the verifier find two cases made from one key
                    receivedOn = new DateOnly(2025, 1, 2).AddDays(random.Next(0, 300)).ToString("yyyy-MM-dd"),
                };
                string? id = null;
                while (id is null && stop.Elapsed < giveUp)
                {
                    var (status, reply) = await Send(http, HttpMethod.Post, $"/api/agencies/{agency}/applications", body, key);
                    if (status == 201) id = reply.GetProperty("id").GetString();
                    else { Interlocked.Increment(ref retries); await Task.Delay(200); }
                }
                if (id is null) break;
                var outcome = Api.OutcomeCodes[random.Next(Api.OutcomeCodes.Length)];
                var decision = new { decidedOn = "2025-12-30", outcome };
                var done = false;
                while (!done && stop.Elapsed < giveUp)
                {
                    var (status, _) = await Send(http, HttpMethod.Post, $"/api/agencies/{agency}/applications/{id}/decision", decision, null);
                    if (status == 200) done = true;
                    else if (status == 409)
                    {
                        var (s, view) = await Send(http, HttpMethod.Get, $"/api/agencies/{agency}/applications/{id}", null, null);
                        done = s == 200 && view.GetProperty("outcome").GetString() == outcome;
                    }
                    if (!done) { Interlocked.Increment(ref retries); await Task.Delay(200); }
                }
                acked.Add(new Acknowledged(key, id, outcome, done, agency));
            }
        }));
        await File.WriteAllLinesAsync(journal, acked.Select(a => JsonSerializer.Serialize(a)));
        Console.WriteLine($"acknowledged={acked.Count}");
        Console.WriteLine($"decisions_acknowledged={acked.Count(a => a.DecisionAcknowledged)}");
        Console.WriteLine($"retries={retries}");
        return 0;
    }

    /// <summary>The agencies of <c>--agency</c> (one, or several separated by commas).</summary>
    private static string[] Agencies(Options o) => o["agency"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<(int Status, JsonElement Body)> Send(HttpClient http, HttpMethod method, string url, object? body, string? key)
    {
        try
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null) request.Content = JsonContent.Create(body);
            if (key is not null) request.Headers.Add("Idempotency-Key", key);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json") == true ? JsonDocument.Parse(text).RootElement : default;
            return ((int)response.StatusCode, json);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            return (0, default);
        }
    }

    /// <summary>
    /// Cases whose first reminder (3 working days before the due date) falls on <c>--day</c>: the write path schedules their
    /// checks for 00:05 that day, which the nodes' drill clock reaches during the run (ops/chaos --nodes).
    /// </summary>
    public static async Task<int> DeadlineCases(Options o)
    {
        var agencies = Agencies(o); // several: case i of agency i mod n (one per database)
        var day = DateOnly.Parse(o["day"], System.Globalization.CultureInfo.InvariantCulture);
        var count = o.Int("count", 40);
        var calendar = Disclosure.Domain.Calendar.WorkingDayCalendar.Official;
        var receivedOn = Enumerable.Range(20, 60).Select(n => day.AddDays(-n))
            .First(d => calendar.SubtractWorkingDays(calendar.AddWorkingDays(d, 20), Disclosure.Domain.Agencies.Agency.DefaultReminderWorkingDays) == day);
        var due = calendar.AddWorkingDays(receivedOn, 20);
        using var http = Api.Client(o, 4);
        for (var i = 0; i < count; i++)
        {
            var body = new { channel = "online", applicant = new { category = "natural_person", name = "期限演练" }, description = $"deadline drill {i}", receivedOn = receivedOn.ToString("yyyy-MM-dd") };
            var key = $"deadline-drill-{i}";
            var agency = agencies[i % agencies.Length];
            (int Status, JsonElement Reply) answer = (0, default);
            for (var attempt = 0; attempt < 20 && answer.Status != 201; attempt++)
                if ((answer = await Send(http, HttpMethod.Post, $"/api/agencies/{agency}/applications", body, key)).Status != 201) await Task.Delay(500);
            if (answer.Status != 201) { Console.Error.WriteLine($"deadline case {i}: intake answered {answer.Status}"); return 1; }
            if (answer.Reply.GetProperty("dueOn").GetString() != due.ToString("yyyy-MM-dd"))
            {
                Console.Error.WriteLine($"deadline case {i}: due {answer.Reply.GetProperty("dueOn")}, expected {due:yyyy-MM-dd}");
                return 1;
            }
        }
        Console.WriteLine($"cases={count}");
        Console.WriteLine($"received={receivedOn:yyyy-MM-dd}");
        Console.WriteLine($"due={due:yyyy-MM-dd}");
        return 0;
    }

    /// <summary>
    /// Every acknowledged case exists exactly once with exactly its acknowledged events; each agency's report equals a
    /// recount. With several databases (the host's <c>EventStore__Databases__*</c> settings in the environment, as
    /// ops/chaos --databases hands them to the hosts) each agency is checked in the database the master's table assigns
    /// it to, and every other database must hold none of its cases (a case written to the wrong database, or twice in two,
    /// counts as a duplicate).
    /// </summary>
    public static async Task<int> Verify(Options o)
    {
        var agencies = Agencies(o);
        var acked = (await File.ReadAllLinesAsync(o["journal"])).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Acknowledged>(l)!).ToList();
        await using var master = Disclosure.Host.Infrastructure.PostgresDataSource.Create(o["connection"]); // also a primary and its standby (ops/chaos --ha)
        // the hosts' EventStore__Databases__{name} settings, as configuration reads them from the environment
        var settings = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => ((string)e.Key).StartsWith("EventStore__Databases__", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => ((string)e.Key).Replace("__", ":"), e => (string?)e.Value);
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var databases = Disclosure.Host.Infrastructure.AgencyDatabases.From(config, master, cs => cs);
        using var http = Api.Client(o, 4);

        int found = 0, lost = 0, wrong = 0;
        foreach (var a in acked)
        {
            var view = await http.GetFromJsonAsync<JsonElement>($"/api/agencies/{a.Agency ?? agencies[0]}/applications/{a.Id}").ConfigureAwait(false);
            var types = view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("type").GetString()).ToList();
            var received = types.Count(t => t == "application_received");
            var decided = types.Count(t => t == "decision_recorded");
            if (received == 0) { lost++; continue; }
            found++;
            var expected = a.DecisionAcknowledged ? 1 : decided; // an unacknowledged decision may or may not have landed
            if (received != 1 || decided != expected || (a.DecisionAcknowledged && view.GetProperty("outcome").GetString() != a.Outcome)) wrong++;
        }

        long duplicates = 0;
        var consistent = true;
        var byDatabase = new List<string>();
        foreach (var agency in agencies)
        {
            var name = databases.DatabaseOf(agency) ?? "?";
            var db = databases.For(agency);
            // duplicates: more than one application carrying the same idempotency key's first response
            await using var dup = db.CreateCommand("""
                select count(*) from (
                  select data->>'description' from disclosure.mt_doc_application where tenant_id = $1 group by 1 having count(*) > 1) d
                """);
            dup.Parameters.AddWithValue(agency);
            var duplicateNumbers = (long)(await dup.ExecuteScalarAsync())!;
            await using var keys = db.CreateCommand("select count(*) from disclosure.mt_doc_idempotencyrecord where tenant_id = $1");
            keys.Parameters.AddWithValue(agency);
            var keyCount = (long)(await keys.ExecuteScalarAsync())!;
            await using var apps = db.CreateCommand("select count(*) from disclosure.mt_doc_application where tenant_id = $1");
            apps.Parameters.AddWithValue(agency);
            var appCount = (long)(await apps.ExecuteScalarAsync())!;
            // the agency's cases in any other database: none may be there
            long elsewhere = 0;
            foreach (var other in databases.All.Where(d => !ReferenceEquals(d, db)))
            {
                await using var stray = other.CreateCommand("select count(*) from disclosure.mt_events where tenant_id = $1 and type = 'application_received'");
                stray.Parameters.AddWithValue(agency);
                try { elsewhere += (long)(await stray.ExecuteScalarAsync())!; }
                catch (PostgresException e) when (e.SqlState == "42P01") { /* a database without the event store (the master before any agency) */ }
            }
            duplicates += duplicateNumbers + Math.Max(0, appCount - keyCount) + elsewhere;

            // projections: the report against a recount of the cases
            JsonElement report = default;
            for (var i = 0; i < 600; i++)
            {
                report = await http.GetFromJsonAsync<JsonElement>($"/api/agencies/{agency}/reports/2025");
                if (!report.GetProperty("stale").GetBoolean()) break;
                await Task.Delay(100);
            }
            int Cell(string row) => report.GetProperty("tables").GetProperty("applications").GetProperty("rows").EnumerateArray()
                .Single(r => r.GetProperty("code").GetString() == row).GetProperty("values")[6].GetInt32();
            await using var recount = db.CreateCommand("""
                select count(*) filter (where (data->>'receivedOn')::date between '2025-01-01' and '2025-12-31'),
                       count(*) filter (where (data->'answer'->>'decidedOn')::date between '2025-01-01' and '2025-12-31')
                from disclosure.mt_doc_application where tenant_id = $1
                """);
            recount.Parameters.AddWithValue(agency);
            long receivedCount, handledCount;
            await using (var reader = await recount.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                (receivedCount, handledCount) = (reader.GetInt64(0), reader.GetInt64(1));
            }
            var checksOk = report.GetProperty("checks").EnumerateArray().All(c => c.GetProperty("ok").GetBoolean());
            var fresh = !report.GetProperty("stale").GetBoolean() && checksOk && Cell("received") == receivedCount && Cell("total_handled") == handledCount;
            consistent &= fresh;
            Console.WriteLine($"agency_{agency}=database {name}, {acked.Count(a => (a.Agency ?? agencies[0]) == agency)} acknowledged, {appCount} applications, {elsewhere} elsewhere, report_received={Cell("received")} recount_received={receivedCount} report_handled={Cell("total_handled")} recount_handled={handledCount} consistent={(fresh ? "yes" : "no")}");
            byDatabase.Add($"{name}:{appCount}");
        }

        Console.WriteLine($"acknowledged={acked.Count}");
        Console.WriteLine($"found={found}");
        Console.WriteLine($"lost={lost + wrong}");
        Console.WriteLine($"wrong_events={wrong}");
        Console.WriteLine($"duplicates={duplicates}");
        Console.WriteLine($"databases={string.Join(" ", byDatabase)}");
        Console.WriteLine($"consistent={(consistent ? "yes" : "no")}");
        return 0;
    }
}
