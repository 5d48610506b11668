using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Disclosure.Corpus;
using Disclosure.Domain.Applications;
using Npgsql;

namespace Disclosure.Load;

/// <summary>
/// The generated corpus as the bench uses it: applications only (no mailbox letters), received within one year, the same
/// records for the same agency on every run (the seed is the agency's name).
/// </summary>
public static class BenchCorpus
{
    public static CorpusOptions Options(int year) => new() { From = new DateOnly(year, 1, 2), To = new DateOnly(year, 12, 28), LetterShare = 0 };

    public static int Seed(string agency) => agency.Aggregate(17, (h, c) => h * 31 + c);

    public static IEnumerable<CorpusRecord> Stream(string agency, int year, int count) => SyntheticCorpus.Stream(Seed(agency), count, Options(year));

    /// <summary>The domain's applicant from the form as the corpus wrote it: an organisation's number is its credit code.</summary>
    public static Applicant ApplicantOf(CorpusApplicant a) => ProvinceHistory.ApplicantOf(a);
}

/// <summary>Search latency and the repeat check's cost at intake, on an agency seeded from the corpus (ops/bench).</summary>
public static class SearchBench
{
    /// <summary>Terms of two characters, from rare to very common in the corpus (征收: about one request in eight).</summary>
    private static readonly string[] TwoCharacters = ["合同", "征收", "补偿", "规划", "预算", "环评", "土地", "学校", "采购", "医院"];

    /// <summary>Phrases a clerk pastes or types: names of documents and projects.</summary>
    private static readonly string[] Phrases = ["征收补偿", "拆迁补偿协议", "集体土地所有权证", "规划条件", "部门决算报告", "环境影响评价", "安置房分配方案", "政府采购合同", "三公经费", "社会稳定风险评估"];

    /// <summary>Until the search index has caught up with every event stored (the async daemon of the running host keeps it).</summary>
    public static async Task<int> IndexLag(Options o)
    {
        await using var source = NpgsqlDataSource.Create(o["connection"]);
        var timeout = TimeSpan.FromSeconds(o.Int("timeout-s", 3600));
        var (caughtUp, high, at, elapsed) = await ProjectionProgress.WaitAsync(source, ProjectionProgress.SearchIndex, 0, timeout, TimeSpan.FromSeconds(1));
        if (caughtUp)
        {
            Console.WriteLine($"index_seconds={elapsed.TotalSeconds:0.0}");
            Console.WriteLine($"events={high}");
            return 0;
        }
        Console.Error.WriteLine($"index-lag: after {timeout.TotalSeconds:0} s the search index is at event {at} of {high}");
        return 1;
    }

    /// <summary>One client, one query at a time, after a warm-up: p50/p95 of two-character queries and of phrases.</summary>
    public static async Task<int> Search(Options o)
    {
        using var http = Api.Client(o, 2);
        var agency = o["agency"];
        var repeat = o.Int("repeat", 10);
        foreach (var q in TwoCharacters.Concat(Phrases)) await Query(http, agency, q); // warm: plans, caches, JIT
        var report = new Dictionary<string, (List<double> Times, long Matches)>();
        var words = new Dictionary<string, List<Answer>>();
        foreach (var (name, queries) in new[] { ("two_char", TwoCharacters), ("phrase", Phrases) })
        {
            var times = new List<double>();
            long matches = 0;
            for (var i = 0; i < repeat; i++)
                foreach (var q in queries)
                {
                    var answer = await Query(http, agency, q);
                    times.Add(answer.Ms);
                    matches += i == 0 ? answer.Total : 0;
                    (words.TryGetValue(q, out var list) ? list : words[q] = []).Add(answer);
                }
            report[name] = (times, matches);
        }
        foreach (var (name, (times, matches)) in report)
        {
            Percentiles(name, times);
            Console.WriteLine($"{name}_queries={times.Count}");
            Console.WriteLine($"{name}_mean_matches={matches / (double)(name == "phrase" ? Phrases.Length : TwoCharacters.Length):0}");
        }
        // each word's medians, and where the host's time went (Server-Timing: the statement, the hits made of its rows; the
        // rest is the HTTP pipeline, the JSON and the wire): what grows from 10 % to 100 % (#25)
        static double Median(IEnumerable<double> xs) { var s = xs.Order().ToList(); return Api.Percentile(s, 50); }
        foreach (var (q, answers) in words)
            Console.Error.WriteLine(FormattableString.Invariant(
                $"search '{q}': total {answers[0].Total}, hits {answers[0].Hits}, {answers[0].Bytes} bytes; median {Median(answers.Select(a => a.Ms)):0.00} ms, statement {Median(answers.Select(a => a.Statement)):0.00} ms, hits {Median(answers.Select(a => a.HitsMs)):0.00} ms"));
        return 0;
    }

    private sealed record Answer(double Ms, long Total, int Hits, int Bytes, double Statement, double HitsMs);

    private static async Task<Answer> Query(HttpClient http, string agency, string q)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync($"/api/agencies/{agency}/search?q={Uri.EscapeDataString(q)}");
        var body = await response.Content.ReadAsStringAsync();
        var ms = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"search '{q}' answered {(int)response.StatusCode}");
        var root = JsonDocument.Parse(body).RootElement;
        var parts = Api.ServerTiming(response);
        return new Answer(ms, root.GetProperty("total").GetInt64(), root.GetProperty("items").GetArrayLength(), System.Text.Encoding.UTF8.GetByteCount(body),
            parts.GetValueOrDefault("statement", double.NaN), parts.GetValueOrDefault("hits", double.NaN));
    }

    /// <summary>
    /// Intakes of the corpus's next requests (after the seeded ones: some re-file seeded requests), one at a time: the repeat
    /// check's own time as the host reports it (Server-Timing: repeats;dur=…) and the whole intake's latency.
    /// </summary>
    public static async Task<int> Repeats(Options o)
    {
        using var http = Api.Client(o, 2);
        var agency = o["agency"];
        var (year, seeded, count) = (o.Int("year", 2025), o.Int("seeded", 100_000), o.Int("count", 300));
        var checks = new List<double>();
        var intakes = new List<double>();
        var suggested = 0;
        var warm = o.Int("warm", 20);
        foreach (var r in BenchCorpus.Stream(agency, year, seeded + count + warm).Skip(seeded))
        {
            var a = BenchCorpus.ApplicantOf(r.Applicant);
            var body = new
            {
                channel = r.Channel, description = r.Description, receivedOn = r.ReceivedOn.ToString("yyyy-MM-dd"),
                applicant = new { category = a.Category, name = a.Name, idNumber = a.IdNumber, phone = a.Phone, email = a.Email, address = a.Address },
            };
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsJsonAsync($"/api/agencies/{agency}/applications", body);
            var text = await response.Content.ReadAsStringAsync();
            var ms = watch.Elapsed.TotalMilliseconds;
            if ((int)response.StatusCode != 201) throw new InvalidOperationException($"intake answered {(int)response.StatusCode}");
            var dur = Api.ServerTiming(response).GetValueOrDefault("repeats", double.NaN);
            if (double.IsNaN(dur)) throw new InvalidOperationException("the intake answered without Server-Timing: repeats");
            if (warm-- > 0) continue;
            checks.Add(dur);
            intakes.Add(ms);
            if (JsonDocument.Parse(text).RootElement.GetProperty("repeats").GetProperty("suggestions").EnumerateArray()
                .Any(s => s.GetProperty("kind").GetString() == "same_request")) suggested++;
        }
        Console.WriteLine($"intakes={checks.Count}");
        Percentiles("repeat", checks);
        Percentiles("intake", intakes);
        Console.WriteLine($"with_same_request={suggested}");
        return 0;
    }

    /// <summary>
    /// The campaign load of ops/bench (bench-intake.lua with BENCH_BODIES): one line per intake of a generated campaign
    /// (<see cref="SyntheticCorpus.Campaign"/>: thousands of applicants filing one model text about one village's land, each
    /// touched up a little, some filing it again), as <c>applicant JSON TAB description JSON TAB receipt date</c> (the campaign's
    /// days in order: a re-filing comes after its original).
    /// </summary>
    public static int CampaignBodies(Options o)
    {
        var json = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false));
        foreach (var r in SyntheticCorpus.Campaign(o.Int("seed", 7), o.Int("count", 20_000)))
        {
            var a = BenchCorpus.ApplicantOf(r.Applicant);
            var applicant = JsonSerializer.Serialize(new { category = a.Category, name = a.Name, idNumber = a.IdNumber, phone = a.Phone }, json);
            output.Write(applicant);
            output.Write('\t');
            output.Write(JsonSerializer.Serialize(r.Description, json));
            output.Write('\t');
            output.Write(r.ReceivedOn.ToString("yyyy-MM-dd"));
            output.Write('\n');
        }
        return 0;
    }

    /// <summary><c>{name}_p50_ms</c> and <c>{name}_p95_ms</c> lines.</summary>
    private static void Percentiles(string name, List<double> times)
    {
        var sorted = times.Order().ToList();
        Console.WriteLine($"{name}_p50_ms={Api.Percentile(sorted, 50):0.0}");
        Console.WriteLine($"{name}_p95_ms={Api.Percentile(sorted, 95):0.0}");
    }
}
