using System.Text;
using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Security;

/// <summary>
/// Every request the attack on the running service found answering 500 or reaching another agency, each pinned to the
/// answer it must give — and to writing nothing.
/// </summary>
public class HostileInputSpecs(AppFixture fixture) : Applications.ApplicationScenario(fixture)
{
    private const string Letters = "/api/agencies/sanchang-park/letters";
    private const string Nul = "\u0000";

    private async Task<(Guid Application, string Letter)> Cases()
    {
        var application = await Receive("2025-03-03");
        var letter = (await Post(Letters, new { channel = "online", category = "help", subject = "求助", body = "内容", writer = new { name = "赵六" }, receivedOn = "2025-03-03" })).ShouldBe(201);
        (await Post($"{Letters}/{letter.Str("id")}/acceptance", new { on = "2025-03-03" })).ShouldBe(200);
        return (application, letter.Str("id"));
    }

    private async Task Refused(string method, string url, object? body, int status, string? field = null)
    {
        var events = await EventCount();
        var reply = await Send(new HttpMethod(method), url, body, Admin);
        Assert.True(reply.Status == status, $"{method} {url} → {reply}, expected {status}");
        if (field is not null) Assert.True(reply.Json.GetProperty("errors").TryGetProperty(field, out _), $"{url}: no error for {field}: {reply.Body}");
        Assert.Equal(events, await EventCount());
    }

    [Fact]
    public async Task Agencies_that_do_not_exist_are_404_however_the_path_is_spelled()
    {
        await Refused("GET", "/API/agencies/fz-nowhere/applications", null, 404);
        await Refused("GET", "/api/agencies/%2573anchang-park/applications", null, 404);
        await Refused("POST", "/API/agencies/fz-nowhere/applications", Intake(), 404);
        await Refused("POST", "/api/agencies/%2573anchang-park/applications", Intake(), 404);
        await Refused("GET", "/api/agencies/sanchang%07park/applications", null, 400); // (a NUL in a path Kestrel itself refuses with 400)
    }

    [Fact]
    public async Task A_control_character_in_any_text_field_is_400_naming_the_field()
    {
        var (app, letter) = await Cases();
        var a = $"{Base}/{app}";
        var l = $"{Letters}/{letter}";
        await Refused("POST", Base, new { channel = "online", applicant = new { category = "natural_person", name = "张" + Nul }, description = "d", receivedOn = "2025-03-03" }, 400, "applicant.name");
        await Refused("POST", Base, new { channel = "online", applicant = new { category = "natural_person", name = "张" }, description = "d" + Nul, receivedOn = "2025-03-03" }, 400, "description");
        await Refused("POST", $"{a}/decision", new { decidedOn = "2025-03-20", outcome = "disclosed", note = "n" + Nul }, 400, "note");
        await Refused("POST", $"{a}/withdrawal", new { on = "2025-03-20", reason = "r\u001b" }, 400, "reason");
        await Refused("POST", $"{a}/consultations", new { sentOn = "2025-03-20", party = "p" + Nul }, 400, "party");
        await Refused("POST", $"{a}/correction-request", new { sentOn = "2025-03-05", items = new[] { "ok", "x" + Nul }, correctBy = "2025-03-14" }, 400, "items[1]");
        await Refused("POST", Letters, new { channel = "online", category = "help", subject = "s" + Nul, body = "b", writer = new { name = "w" }, receivedOn = "2025-03-03" }, 400, "subject");
        await Refused("POST", $"{l}/reply", new { on = "2025-03-05", text = "t" + Nul }, 400, "text");
        await Refused("POST", $"{l}/assignment", new { on = "2025-03-05", department = "d" + Nul }, 400, "department");
        await Refused("PUT", $"/api/agencies/{Agency}/reports/2025/narrative", new { overview = "o" + Nul }, 400, "overview");
        await Refused("PUT", $"/api/agencies/{Agency}/reports/2025/proactive", new[] { new { item = "regulation", values = new[] { 1, 1, 1 }, notes = new[] { "n" + Nul } } }, 400, "rows[0].notes[0]");
        await Refused("POST", "/api/agencies", new { id = "new-agency", name = "机关" + Nul }, 400, "name");
        // a line break is text in a multi-line field, and not in a name
        (await Post($"{a}/decision", new { decidedOn = "2025-03-20", outcome = "disclosed", note = "第一行\n第二行" })).ShouldBe(200);
    }

    [Fact]
    public async Task Over_long_text_is_400_naming_the_field()
    {
        var (app, letter) = await Cases();
        var huge = new string('长', 100_000);
        await Refused("POST", $"{Base}/{app}/extension", new { approvedOn = "2025-03-20", approvedBy = huge, workingDays = 5, reason = "r" }, 400, "approvedBy");
        await Refused("POST", $"{Base}/{app}/withdrawal", new { on = "2025-03-20", reason = huge }, 400, "reason");
        await Refused("POST", $"{Letters}/{letter}/extension", new { approvedOn = "2025-03-04", workingDays = 5, reason = huge }, 400, "reason");
        await Refused("POST", $"{Letters}/{letter}/return", new { on = "2025-03-04", reason = huge }, 400, "reason");
        var fresh = (await Post(Letters, new { channel = "online", category = "help", subject = "s", body = "b", writer = new { name = "w" }, receivedOn = "2025-03-03" })).ShouldBe(201);
        await Refused("POST", $"{Letters}/{fresh.Str("id")}/rejection", new { on = "2025-03-04", reason = "other", note = huge }, 400, "note");
    }

    [Fact]
    public async Task A_null_or_empty_body_is_400()
    {
        var (app, letter) = await Cases();
        foreach (var url in new[] { Base, $"{Base}/{app}/decision", $"{Base}/{app}/withdrawal", Letters, $"{Letters}/{letter}/reply", "/api/agencies" })
        {
            await Refused("POST", url, "null", 400);
            await Refused("POST", url, "", 400);
        }
        await Refused("PUT", $"/api/agencies/{Agency}/reports/2025/narrative", "null", 400);
        await Refused("PUT", "/api/calendar/2027", "null", 400);
    }

    [Fact]
    public async Task Control_characters_in_query_strings_are_400_naming_the_parameter()
    {
        foreach (var (url, field) in new[]
        {
            ($"{Letters}?department=%00", "department"), ($"{Letters}/worklist?department=%00", "department"),
            ("/api/reports/2025?agency=%00", "agency"), ($"/api/agencies/{Agency}/audit?user=%00", "user"),
            ($"/api/agencies/{Agency}/notifications?user=%00", "user"), ($"/api/agencies/{Agency}/notifications?kind=%00", "kind"),
            ($"{Base}/SP-2025-%0700001", "id"),
        })
            await Refused("GET", url, null, 400, field);
    }

    [Fact]
    public async Task Dates_and_numbers_out_of_range_are_400_and_the_empty_id_is_404()
    {
        var (app, _) = await Cases();
        await Refused("GET", $"/api/agencies/{Agency}/audit?from=0001-01-01", null, 400, "from");
        await Refused("GET", $"/api/agencies/{Agency}/audit?to=9999-12-31", null, 400, "to");
        await Refused("GET", "/api/calendar/working-days?from=9999-12-31&days=1", null, 400, "from");
        await Refused("GET", $"{Base}?page=2147483647", null, 400, "page");
        await Refused("POST", $"{Base}/{app}/correction-request", new { sentOn = "2025-03-05", items = new[] { "x" }, correctBy = "9999-12-31" }, 400, "correctBy");
        await Refused("POST", Letters, new { channel = "online", category = "help", subject = "s", body = "b", writer = new { name = "w" }, receivedOn = "0001-01-01" }, 400, "receivedOn");
        await Refused("POST", Base, new { channel = "online", applicant = new { category = "natural_person", name = "张" }, description = "d", receivedOn = "2025-03-03", submittedOn = "0001-01-01" }, 400, "submittedOn");
        await Refused("POST", $"{Base}/{Guid.Empty}/decision", new { decidedOn = "2025-03-20", outcome = "disclosed" }, 404);
        (await Get($"{Base}/{Guid.Empty}")).ShouldBe(404);
    }

    [Fact]
    public async Task Table_two_takes_only_well_formed_rows_and_bodies_within_the_limit()
    {
        var url = $"/api/agencies/{Agency}/reports/2025/proactive";
        await Refused("PUT", url, "[{\"values\": [1, 1, 1]}]", 400);
        await Refused("PUT", url, "[{\"item\": \"regulation\"}]", 400);
        await Refused("PUT", url, "[{\"item\": \"regulation\", \"values\": [99999999999999999999999999999999, 1, 1]}]", 400);
        await Refused("PUT", url, "[{\"item\": \"regulation\", \"values\": [999999999999999, 1, 1]}]", 400);

        // 2 MB sent without a length (chunked): 413 before anything parses it
        var client = Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ChunkedContent(2 * 1024 * 1024) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Admin);
        using var response = await client.SendAsync(request);
        Assert.Equal(413, (int)response.StatusCode);
    }

    [Fact]
    public async Task What_reaches_the_log_carries_no_personal_data_and_client_errors_are_not_errors()
    {
        Fixture.Logs.Clear();
        await Get($"{Base}/+86 138 1234 5678");
        await Get($"{Base}/+86-138-1234-5678");
        await Get($"{Base}/0086-13812345678");
        await Get($"{Base}/11010119900307123x");
        await Post(Base, "{\"applicant\": {\"name\": ");   // malformed JSON
        var lines = Fixture.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("/applications"));
        foreach (var secret in new[] { "138 1234 5678", "138-1234-5678", "13812345678", "11010119900307123x" })
            Assert.DoesNotContain(lines, l => l.Contains(secret));
        Assert.DoesNotContain(lines, l => l.Contains("deserialize JSON"));
    }

    [Fact]
    public void Database_error_context_never_reaches_a_log()
    {
        var scrubbed = Infrastructure.PersonalDataRedactor.Scrub(
            "22P05: unsupported Unicode escape sequence\nDETAIL: \\u0000 cannot be converted to text.\nWHERE: JSON data, line 1: {\"applicant\":{\"name\":\"张三丰测试\"");
        Assert.Contains("22P05", scrubbed);
        Assert.DoesNotContain("张三丰测试", scrubbed);
    }

    /// <summary>A body of the given size with no Content-Length: sent chunked.</summary>
    private sealed class ChunkedContent(int size) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
            for (var sent = 0; sent < size; sent += chunk.Length) await stream.WriteAsync(chunk);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
