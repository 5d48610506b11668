using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Disclosure.Host.Security;
using Npgsql;

namespace Disclosure.Host.Tests.Security;

/// <summary>
/// Generated hostile input for every operation of the OpenAPI document: random and adversarial bodies, query strings and
/// path values (control characters, huge and tiny values, wrong types, nulls, deep nesting, odd encodings, other agencies'
/// ids). For every input: no 5xx; no 2xx for another agency or its cases; a rejected request writes no event; and a valid
/// request right after it still succeeds. Seeded (DISCLOSURE_FUZZ_SEED), bounded in count and time.
/// </summary>
public partial class HostileInputProperties(AppFixture fixture) : HostScenario(fixture)
{
    private const string Own = "fz-own";
    private const string Other = "qt-other";
    private const int Inputs = 2400;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(110);

    private Random _random = null!;
    private JsonElement _schemas;
    private readonly Dictionary<string, List<string>> _ids = new();
    private long _lastSequence;

    [Fact]
    public async Task No_input_a_client_can_send_breaks_the_service_or_crosses_an_agency()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DISCLOSURE_FUZZ_SEED"), out var s) ? s : 20261128;
        _random = new Random(seed);
        await CreateAgency(Own);
        await CreateAgency(Other);
        var token = Fixture.Auth.IssueToken("fuzzer", [Roles.Intake, Roles.Handler, Roles.Statistician, Roles.Supervisor], [Own], TimeSpan.FromHours(1));
        await SeedCases(Own, "own");
        await SeedCases(Other, "other");
        var probe = $"/api/agencies/{Own}/applications/{_ids["own-application"][0]}";

        using var document = JsonDocument.Parse((await Send(HttpMethod.Get, "/openapi/v1.json", null, null)).ShouldBe(200).Body);
        _schemas = document.RootElement.GetProperty("components").GetProperty("schemas").Clone();
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/") || p.Name.StartsWith("/public/"))
            .SelectMany(p => p.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put")
                .Select(m => (Method: m.Name.ToUpperInvariant(), Path: p.Name, Operation: m.Value.Clone())))
            .ToList();
        Assert.True(operations.Count > 40, $"only {operations.Count} operations in the document");

        _lastSequence = await LastSequence();
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();
        var sent = 0;
        var covered = new HashSet<string>();
        for (; sent < Inputs && watch.Elapsed < Budget && failures.Count < 10; sent++)
        {
            var (method, path, operation) = operations[sent % operations.Count];
            covered.Add($"{method} {path}");
            var (url, crossesAgency) = Url(path, operation);
            var body = method == "GET" ? null : Body(operation);
            var reply = await Send(new HttpMethod(method), url, body, token);
            var written = await WrittenSinceLastLook();
            var what = $"{method} {url} body={Show(body)} → {reply.Status} {Show(reply.Body)}";
            if (reply.Status >= 500) failures.Add("5xx: " + what);
            if (crossesAgency && reply.Status is >= 200 and < 300) failures.Add("another agency reached: " + what);
            if (reply.Status >= 400 && written > 0) failures.Add($"{written} event(s) written by a refused request: " + what);
            var after = await Send(HttpMethod.Get, probe, null, token);
            if (after.Status != 200) failures.Add($"the next valid request failed ({after.Status} {Show(after.Body)}) after: " + what);
        }
        Assert.True(failures.Count == 0, $"seed {seed}, {sent} inputs:\n" + string.Join("\n", failures));
        Assert.True(sent >= 2000, $"only {sent} inputs in {Budget.TotalSeconds} s");
        Assert.Equal(operations.Count, covered.Count);
        System.Console.WriteLine($"hostile input: {sent} inputs over {operations.Count} operations in {watch.Elapsed.TotalSeconds:0.0} s, seed {seed}");
    }

    /// <summary>
    /// The public letter pages (<c>/letters/new/{agency}</c> posted as a browser posts it, with its antiforgery token; the
    /// agency choice; <c>/letters/replies/{agency}?page=</c>) under generated hostile input: no 5xx, and a refused form
    /// writes nothing. Some inputs are valid (a letter is written), so the run also proves refusals are not all it sees.
    /// </summary>
    [Fact]
    public async Task No_input_to_the_public_letter_pages_breaks_them_and_a_refused_form_writes_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DISCLOSURE_FUZZ_SEED"), out var s) ? s : 20261205;
        _random = new Random(seed);
        await CreateAgency(Own);
        // the per-minute pages (lists, replies, status) from an address of their own, so that this run's 429s are not spent
        // from the allowance of the specs after it; the form itself keeps none (no hourly limit for the in-process server)
        var pagesAddress = System.Net.IPAddress.Parse("198.51.100.30");
        var browser = new Disclosure.Host.Tests.Console.ConsoleClient(Host.Server, c => c.Request.Path.StartsWithSegments("/letters/new") ? null : pagesAddress);
        var opened = await browser.GetAsync($"/letters/new/{Own}");
        var token = opened.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        Assert.NotEmpty(token);

        string Field(string valid) => Chance(0.5) ? valid : Chance(0.15) ? "" : Hostile.Text(_random, _random.Next(0, 4));
        _lastSequence = await LastSequence();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        string? firstRefusal = null;
        var watch = Stopwatch.StartNew();
        var sent = 0;
        for (; sent < 400 && watch.Elapsed < TimeSpan.FromSeconds(60) && failures.Count < 10; sent++)
        {
            var roll = _random.NextDouble();
            var what = "";
            string url;
            Disclosure.Host.Tests.Console.Page page;
            if (roll < 0.7)
            {
                var allValid = Chance(0.35);
                var phone = $"13{_random.Next(100_000_000, 999_999_999)}";
                var values = new List<KeyValuePair<string, string>>
                {
                    new("__RequestVerificationToken", Chance(0.97) ? token : Hostile.Text(_random, 1)),
                    new("idempotencyKey", allValid || Chance(0.5) ? Guid.NewGuid().ToString() : Hostile.Text(_random, _random.Next(0, 4))),
                    new("writer.name", allValid ? "赵六" : Field("赵六")),
                    new("writer.phone", allValid ? phone : Field(phone)),
                    new("writer.email", allValid ? "zhao@example.cn" : Field(Pick("zhao@example.cn", "a@b", "@@", ""))),
                    new("category", allValid ? "help" : Field(Pick("consultation", "complaint", "suggestion", "help", "report", "other"))),
                    new("subject", allValid ? $"园区东门路灯损坏第{sent}次反映" : Field($"园区东门路灯损坏第{sent}次反映")),
                    new("body", allValid ? "路灯坏了一周。" : Field("路灯坏了一周。")),
                    new("publicConsent", allValid ? "true" : Field(Pick("true", "false", "yes", "1"))),
                };
                if (Chance(0.1)) values.Add(new(Pick("writer.name", "subject", "unexpected", "writer"), Hostile.Text(_random, 1)));
                // a lone surrogate is sent as U+FFFD, as a browser sends it
                values = values.Select(kv => new KeyValuePair<string, string>(kv.Key, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(kv.Value)))).ToList();
                url = $"/letters/new/{(Chance(0.9) ? Own : Uri.EscapeDataString(Hostile.Identifier(_random)))}";
                what = $"POST {url} {Show(string.Join("&", values.Select(kv => kv.Key + "=" + kv.Value)))}";
                page = await browser.PostAsync(url, values);
            }
            else
            {
                var agency = Chance(0.6) ? Own : Pick("fz-nowhere", "%2566z-own", "FZ-OWN", new string('a', 300), "..%2Fqt-other", "ｆｚ-own", "%E2%80%AE");
                var number = Pick("1", "2", "0", "-1", "2147483647", "99999999999", "abc", "1.5", "%00", "%E9%95%BF", "1%0A2", "");
                url = roll < 0.85 ? $"/letters/replies/{agency}?page={number}" : Pick($"/letters/new/{agency}", "/letters/new", "/letters/replies", $"/letters/replies/{agency}");
                what = $"GET {url}";
                page = await browser.GetAsync(url);
            }
            var status = page.Status;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == 400 && what.Contains("writer.name=赵六&writer.phone=13") && firstRefusal is null)
                firstRefusal = what + " → " + (page.Problem ?? page.Text("[data-error-summary]"));
            var written = await WrittenSinceLastLook();
            if (status >= 500) failures.Add($"5xx: {what} → {status}");
            if (status >= 400 && written > 0) failures.Add($"{written} event(s) written by a refused request: {what} → {status}");
        }
        Assert.True(failures.Count == 0, $"seed {seed}, {sent} inputs:\n" + string.Join("\n", failures));
        Assert.True(statuses.GetValueOrDefault(201) > 0 && statuses.GetValueOrDefault(400) > 0,
            "the run saw " + string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}")) + "\n" + firstRefusal);
        System.Console.WriteLine($"hostile letter pages: {sent} inputs in {watch.Elapsed.TotalSeconds:0.0} s, seed {seed}: " + string.Join(", ", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}×{kv.Value}")));
    }

    private async Task SeedCases(string agency, string prefix)
    {
        var application = (await Post($"/api/agencies/{agency}/applications", new
        {
            channel = "online", applicant = new { category = "natural_person", name = "张三", idNumber = "110101199003071234", phone = "13812345678" },
            description = "规划许可", receivedOn = "2025-03-03",
        })).ShouldBe(201);
        var letter = (await Post($"/api/agencies/{agency}/letters", new
        {
            channel = "online", category = "help", subject = "求助", body = "内容", writer = new { name = "赵六" }, receivedOn = "2025-03-03",
        })).ShouldBe(201);
        _ids[$"{prefix}-application"] = [application.Str("id"), application.Str("trackingNumber")];
        _ids[$"{prefix}-letter"] = [letter.Str("id"), letter.Str("trackingNumber")];
    }

    private async Task<long> LastSequence()
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select coalesce(max(seq_id), 0) from disclosure.mt_events", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Events (not Marten's tombstones for failed commits) stored since the last look.</summary>
    private async Task<long> WrittenSinceLastLook()
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select count(*) filter (where type <> 'tombstone'), coalesce(max(seq_id), @last) from disclosure.mt_events where seq_id > @last", conn);
        cmd.Parameters.AddWithValue("last", _lastSequence);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var written = reader.GetInt64(0);
        _lastSequence = reader.GetInt64(1);
        return written;
    }

    private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];
    private bool Chance(double p) => _random.NextDouble() < p;

    // ── path and query ──

    /// <summary>
    /// A path never carries NUL here: the test server refuses to build such a request (Kestrel answers it 400 itself);
    /// query strings and bodies do carry it.
    /// </summary>
    private (string Url, bool CrossesAgency) Url(string template, JsonElement operation)
    {
        var crosses = false;
        var agencyIsOther = false;
        var url = System.Text.RegularExpressions.Regex.Replace(template, @"\{([^}?]+)\??\}", m =>
        {
            var name = m.Groups[1].Value;
            switch (name)
            {
                case "agency":
                    var roll = _random.NextDouble();
                    if (roll < 0.55) return Own;
                    if (roll < 0.8)
                    {
                        agencyIsOther = true;
                        return Pick(Other, Other.ToUpperInvariant(), "Fz-Other", string.Concat(Other.Select(c => char.IsLetter(c) ? $"%{(int)c:X2}" : c.ToString())));
                    }
                    return Uri.EscapeDataString(Pick("fz-nowhere", "%2566z-own", "FZ-OWN\u0007", new string('a', 300), "../qt-other", "fz_own", "ｆｚ-own", "\u212Az"));
                case "id":
                    var kind = template.Contains("/letters/") ? "letter" : "application";
                    var roll2 = _random.NextDouble();
                    if (roll2 < 0.5) return Uri.EscapeDataString(Pick(_ids[$"own-{kind}"].ToArray()));
                    if (roll2 < 0.75) { crosses |= !agencyIsOther; return Uri.EscapeDataString(Pick(_ids[$"other-{kind}"].ToArray())); }
                    return Uri.EscapeDataString(Hostile.Identifier(_random));
                case "year":
                    return Pick("2025", "2019", "2021", "0", "-1", "2147483647", "99999999999", "abc", "2025.5");
                default:
                    return Uri.EscapeDataString(Chance(0.5) ? Guid.NewGuid().ToString() : Hostile.Identifier(_random));
            }
        });
        var query = new List<string>();
        if (operation.TryGetProperty("parameters", out var parameters))
            foreach (var p in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                if (Chance(0.6))
                    query.Add($"{p.GetProperty("name").GetString()}={Uri.EscapeDataString(QueryValue(p.GetProperty("schema")))}");
        if (Chance(0.1)) query.Add($"{Uri.EscapeDataString(Hostile.Text(_random, 1))}=1");
        // another agency's own path, or a case of another agency addressed through one's own
        return (query.Count == 0 ? url : $"{url}?{string.Join('&', query)}", agencyIsOther || crosses);
    }

    private string QueryValue(JsonElement schema)
    {
        if (Chance(0.3)) return Hostile.Text(_random, _random.Next(0, 3));
        return Types(schema).FirstOrDefault() switch
        {
            "integer" => Pick("1", "0", "-5", "2147483647", "9999999999999", "x"),
            "boolean" => Pick("true", "false", "maybe"),
            _ when schema.TryGetProperty("format", out var f) && f.GetString() == "date" => Pick("2025-03-03", "0001-01-01", "9999-12-31", "2025-02-30", "yesterday"),
            _ => Pick("received", "answered", "2025", "环保局", "sanchang-park", "")
        };
    }

    // ── bodies ──

    private string Body(JsonElement operation)
    {
        if (Chance(0.08)) return Pick("null", "", "[]", "{", "\"text\"", "42", new string('[', 200) + new string(']', 200),
            "{" + string.Concat(Enumerable.Repeat("\"a\":{", 100)) + string.Concat(Enumerable.Repeat("}", 101)), "\u0000", "{\"\u0000\": 1}");
        if (!operation.TryGetProperty("requestBody", out var request)) return Chance(0.5) ? "{}" : Value(default, 0)?.ToJsonString() ?? "null";
        var schema = request.GetProperty("content").EnumerateObject().First().Value.GetProperty("schema");
        return Value(schema, 0)?.ToJsonString() ?? "null";
    }

    private JsonNode? Value(JsonElement schema, int depth)
    {
        if (schema.ValueKind == JsonValueKind.Undefined) return Hostile.Node(_random);
        if (schema.TryGetProperty("$ref", out var reference))
            schema = _schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        if (Chance(depth == 0 ? 0.05 : 0.15)) return Hostile.Node(_random);
        if (schema.TryGetProperty("enum", out var values))
            return Chance(0.85) ? JsonValue.Create(values.EnumerateArray().ElementAt(_random.Next(values.GetArrayLength())).GetString()) : JsonValue.Create(Hostile.Text(_random, 0));
        var type = Types(schema).FirstOrDefault(t => t != "null");
        if (schema.TryGetProperty("properties", out var properties) || type == "object")
        {
            var obj = new JsonObject();
            if (depth > 3) return obj;
            if (properties.ValueKind == JsonValueKind.Object)
                foreach (var property in properties.EnumerateObject())
                    if (Chance(0.9)) obj[property.Name] = Value(property.Value, depth + 1);
            return obj;
        }
        return type switch
        {
            "array" => new JsonArray(Enumerable.Range(0, _random.Next(0, 3))
                .Select(_ => Value(schema.TryGetProperty("items", out var items) ? items : default, depth + 1)).ToArray()),
            "integer" => JsonValue.Create(Pick(1, 5, 10, 20, 0, -1, int.MaxValue, int.MinValue)),
            "number" => JsonValue.Create(Pick(1m, 100m, 610m, 0.001m, -5m, 79228162514264337593543950335m)),
            "boolean" => JsonValue.Create(Chance(0.5)),
            _ when schema.TryGetProperty("format", out var format) && format.GetString() == "date" =>
                JsonValue.Create(Pick("2025-03-03", "2025-03-20", "2025-06-01", "2024-12-31", "0001-01-01", "9999-12-31", "2025-13-01")),
            _ => JsonValue.Create(Chance(0.7) ? Pick("测试", "某建设公司", "环保局", "per_page", "说明\n第二行", "x") : Hostile.Text(_random, _random.Next(0, 4))),
        };
    }

    private static IEnumerable<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!) : [type.GetString()!];

    private static string Show(string? text) => text is null ? "-" : text.Length > 160 ? text[..160].Replace("\0", "\\0") + "…" : text.Replace("\0", "\\0");

    /// <summary>What an attacker types.</summary>
    private static class Hostile
    {
        public static string Text(Random random, int kind) => kind switch
        {
            0 => "a\u0000b",
            1 => Pick(random, "\u0001\u0007\u001b[31m", "\ud800", "\udfff单", "\u202e反转", "%00", "%2500", "'; drop table mt_events; --", "{{7*7}}", "<script>alert(1)</script>"),
            2 => new string('长', random.Next(201, 120_000)),
            _ => Pick(random, "", " ", "\t", "\r\n", "\uFEFF", "null"),
        };

        public static string Identifier(Random random) => Pick(random, Guid.Empty.ToString(), "SP-2025-00001", "SP-M2025-00001", "not-a-case",
            new string('9', 300), "00000000-0000-0000-0000-00000000000G", "..%2F..%2Fetc", "\u0007", "SP-2025-\u0001");

        public static JsonNode? Node(Random random) => random.Next(8) switch
        {
            0 => null,
            1 => JsonValue.Create(Text(random, random.Next(0, 4))),
            2 => JsonValue.Create(random.Next()),
            3 => JsonValue.Create(double.MaxValue),
            4 => new JsonArray(JsonValue.Create("x"), null, JsonValue.Create(1)),
            5 => new JsonObject { ["unexpected"] = JsonValue.Create("value") },
            6 => JsonValue.Create(true),
            _ => Nest(20),
        };

        private static JsonNode Nest(int depth) => depth == 0 ? JsonValue.Create(1)! : new JsonArray(Nest(depth - 1));

        private static T Pick<T>(Random random, params T[] options) => options[random.Next(options.Length)];
    }
}
