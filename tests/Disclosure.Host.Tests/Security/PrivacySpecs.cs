using Disclosure.Host.Security;
using Marten;
using Marten.Events;
using Npgsql;

namespace Disclosure.Host.Tests.Security;

public class PrivacySpecs(AppFixture fixture) : Applications.ApplicationScenario(fixture)
{
    private static readonly string[] PersonalData =
        ["张三丰测试", "110101199003071234", "13812345678", "zhang.test@example.cn", "海门市测试路88号", "我家邻居的病历", "13900001111"];

    private static object FullOfPersonalData(string channel = "online") => new
    {
        channel,
        applicant = new { category = "natural_person", name = "张三丰测试", idNumber = "110101199003071234", phone = "13812345678", email = "zhang.test@example.cn", address = "海门市测试路88号" },
        description = "我家邻居的病历 13900001111",
        receivedOn = "2025-03-03",
    };

    [Fact]
    public async Task Personal_data_never_reaches_the_logs()
    {
        Fixture.Logs.Clear();
        var id = Guid.Parse((await Post(Base, FullOfPersonalData())).ShouldBe(201).Str("id"));
        await Post(Base, FullOfPersonalData("13812345678"));                                  // refused: the phone as a channel code
        await Post(Base, "{\"applicant\": {\"name\": \"张三丰测试\", \"idNumber\": \"110101199003071234\"");   // malformed JSON
        await Get($"{Base}/13812345678");                                                    // a phone number in the path
        await Get($"{Base}/110101199003071234");
        (await Post($"/api/agencies/{Agency}/letters", new
        {
            channel = "online", category = "complaint", subject = "张三丰测试投诉", body = "联系电话13900001111，邮箱zhang.test@example.cn",
            writer = new { name = "张三丰测试", phone = "13812345678", email = "zhang.test@example.cn" }, receivedOn = "2025-03-03",
        })).ShouldBe(201);
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed", note = "已向张三丰测试（13812345678）提供" })).ShouldBe(200);

        var lines = Fixture.Logs.Lines;
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.Contains("/applications"));  // the capture did see the requests
        foreach (var secret in PersonalData)
            Assert.DoesNotContain(lines, l => l.Contains(secret));
    }

    [Fact]
    public async Task Erasure_after_the_retention_period_keeps_every_statistic()
    {
        var id = Guid.Parse((await Post(Base, FullOfPersonalData())).ShouldBe(201).Str("id"));
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "partially_disclosed" })).ShouldBe(200);
        var open = Guid.Parse((await Post(Base, FullOfPersonalData())).ShouldBe(201).Str("id"));
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var before = (await Get($"/api/agencies/{Agency}/reports/2025")).Json.GetProperty("tables").ToString();

        (await Erasure.AfterRetentionAsync(Host, Fixture, Agency, closedBefore: "2025-03-20"))
            .Json.GetProperty("applications").GetInt32().ShouldBe(0);   // closed on the cut-off day: not yet
        var run = await Erasure.ConfirmedAsync(Host, Fixture, Agency, closedBefore: "2025-06-01");
        run.Json.GetProperty("applications").GetInt32().ShouldBe(1);

        var erased = (await Get($"{Base}/{id}")).ShouldBe(200);
        Assert.Equal("（已删除）", erased.Json.GetProperty("applicant").GetProperty("name").GetString());
        foreach (var secret in PersonalData) Assert.DoesNotContain(secret, erased.Body);
        Assert.Contains("110101199003071234", (await Get($"{Base}/{open}")).Body); // the open case keeps its data

        await using (var conn = new NpgsqlConnection(AppFixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select count(*) from disclosure.mt_events where stream_id = $1 and data::text like '%110101199003071234%'", conn);
            cmd.Parameters.AddWithValue(id);
            Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
        }

        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(before, (await Get($"/api/agencies/{Agency}/reports/2025")).Json.GetProperty("tables").ToString());
        using var daemon = await Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync("ReportTally", CancellationToken.None);
        Assert.Equal(before, (await Get($"/api/agencies/{Agency}/reports/2025")).Json.GetProperty("tables").ToString());
    }

    [Fact]
    public async Task Supervisors_see_who_did_what_in_their_agency()
    {
        var id = await Receive();
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" }, Token(Roles.Handler, Agency))).ShouldBe(200);
        var audit = (await Get($"/api/agencies/{Agency}/audit?from=2020-01-01&to=2030-12-31", Token(Roles.Supervisor, Agency))).ShouldBe(200);
        var entries = audit.Json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("type").GetString() == "decision_recorded" && e.GetProperty("user").GetString() == "user-handler");
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("correlationId").GetString())));
        Assert.DoesNotContain("110101199003071234", audit.Body);
        var handlerOnly = (await Get($"/api/agencies/{Agency}/audit?from=2020-01-01&to=2030-12-31&user=user-handler", Token(Roles.Supervisor, Agency))).ShouldBe(200);
        Assert.Single(handlerOnly.Json.GetProperty("entries").EnumerateArray());
        (await Get($"/api/agencies/{Agency}/audit", Token(Roles.Handler, Agency))).ShouldBe(403);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_oversized_requests_are_refused()
    {
        var client = Host.Server.CreateClient();
        var response = await client.GetAsync("/health/live");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var huge = new string('x', 2_000_000);
        (await Post(Base, new { channel = "online", description = huge })).ShouldBe(413);
        Assert.Equal(1, await EventCount());
    }
}
