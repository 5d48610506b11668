using System.Text.Json.Nodes;
using Disclosure.Host.Tests.Applications;
using Marten;

namespace Disclosure.Host.Tests.Reporting;

/// <summary>
/// The worklist and the annual report as they stood (条例第四十七条: audits and supervision): a replay of the agency's events up
/// to the instant; a step recorded later does not change the answer, and the replay up to now counts as the kept figures do.
/// </summary>
public class AsItStoodSpecs(AppFixture fixture) : ApplicationScenario(fixture)
{
    private static string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));

    private async Task<DateTimeOffset> LastRecorded()
    {
        await using var session = Store.QuerySession(Agency);
        return (await session.Events.QueryAllRawEvents().Where(e => e.TenantId == Agency).OrderByDescending(e => e.Sequence).FirstAsync()).Timestamp;
    }

    private static List<string> Numbers(System.Text.Json.JsonElement worklist, string list) =>
        worklist.GetProperty(list).EnumerateArray().Select(a => a.GetProperty("trackingNumber").GetString()!).ToList();

    [Fact]
    public async Task The_worklist_as_it_stood_is_not_changed_by_a_later_decision()
    {
        var first = await Receive("2025-03-03");
        var second = await Receive("2025-03-04");
        var stood = await LastRecorded();
        var numbers = new List<string>();
        foreach (var id in new[] { first, second }) numbers.Add((await Get($"{Base}/{id}")).Str("trackingNumber"));

        var before = (await Get($"{Base}/worklist/as-of?asOf={At(stood)}")).ShouldBe(200).Json;
        // the recording instant's day (China time) is the worklist's today: both cases, received in March, are overdue by then
        Assert.Equal(numbers, Numbers(before, "overdue"));

        (await Step(first, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(200);
        var after = (await Get($"{Base}/worklist/as-of?asOf={At(stood)}")).ShouldBe(200);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(before.GetRawText()), JsonNode.Parse(after.Body)), after.Body);

        var now = (await Get($"{Base}/worklist/as-of?asOf={At(await LastRecorded())}")).ShouldBe(200).Json;
        Assert.Equal([numbers[1]], Numbers(now, "overdue"));
        // before anything was recorded, the list was empty
        Assert.Empty(Numbers((await Get($"{Base}/worklist/as-of?asOf=2024-12-31")).ShouldBe(200).Json, "overdue"));
    }

    [Fact]
    public async Task The_worklist_as_it_stood_needs_a_good_instant()
    {
        foreach (var bad in new[] { "", "2025-03-05T14:30:00", "someday" })
        {
            var refused = (await Get($"{Base}/worklist/as-of?asOf={Uri.EscapeDataString(bad)}")).ShouldBe(400);
            Assert.True(refused.Json.GetProperty("errors").TryGetProperty("asOf", out _), refused.Body);
        }
        (await Get($"{Base}/worklist/as-of")).ShouldBe(400);
    }

    [Fact]
    public async Task The_report_as_it_stood_is_not_changed_by_a_later_decision_and_up_to_now_equals_the_kept_report()
    {
        var first = await Receive("2025-03-03");
        await Receive("2025-03-04", category: "commercial_enterprise");
        var stood = await LastRecorded();
        var report = $"/api/agencies/{Agency}/reports/2025";
        var before = (await Get($"{report}/as-of?asOf={At(stood)}")).ShouldBe(200).Json;
        Assert.Contains("截至", before.GetProperty("title").GetString());
        Assert.False(before.GetProperty("stale").GetBoolean());

        (await Step(first, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(200);
        var after = (await Get($"{report}/as-of?asOf={At(stood)}")).ShouldBe(200).Json;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(before.GetProperty("tables").GetRawText()), JsonNode.Parse(after.GetProperty("tables").GetRawText())));

        // up to now, the replay counts exactly as the kept tallies (the async projection) do
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var kept = (await Get(report)).ShouldBe(200).Json.GetProperty("tables");
        var replayed = (await Get($"{report}/as-of?asOf={At(await LastRecorded())}")).ShouldBe(200).Json.GetProperty("tables");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(kept.GetRawText()), JsonNode.Parse(replayed.GetRawText())), $"{kept}\n---\n{replayed}");
        Assert.False(JsonNode.DeepEquals(JsonNode.Parse(kept.GetRawText()), JsonNode.Parse(before.GetProperty("tables").GetRawText())));

        (await Get($"{report}/as-of?asOf=soon")).ShouldBe(400);
        (await Get($"{report}/as-of")).ShouldBe(400);
    }

    [Fact]
    public async Task A_parent_agencys_report_as_it_stood_sums_its_descendants_replayed_to_the_instant()
    {
        await CreateAgency("haimen");
        await CreateAgency("haimen-edu", parentId: "haimen");
        await Receive("2025-02-03"); // sanchang-park: not below haimen
        (await Post("/api/agencies/haimen/applications", Intake("2025-02-04"))).ShouldBe(201);
        var edu = (await Post("/api/agencies/haimen-edu/applications", Intake("2025-02-05", "legal_service_institution"))).ShouldBe(201).Str("id");
        DateTimeOffset stood;
        await using (var session = Store.QuerySession("haimen-edu"))
            stood = (await session.Events.FetchStreamAsync(Guid.Parse(edu)))[^1].Timestamp;
        var report = "/api/agencies/haimen/reports/2025/as-of";
        var before = (await Get($"{report}?rollup=descendants&asOf={At(stood)}")).ShouldBe(200).Json;
        Assert.Contains("（含所属单位）", before.GetProperty("title").GetString());
        Assert.Contains("截至", before.GetProperty("title").GetString());
        Assert.Equal([1, 0, 0, 0, 1, 0, 2], Row(before, "received"));
        // the parent alone, at the same instant
        var parent = (await Get($"{report}?asOf={At(stood)}")).ShouldBe(200).Json;
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], Row(parent, "received"));

        // a later intake below it does not change the report as it stood; up to now it does
        (await Post("/api/agencies/haimen-edu/applications", Intake("2025-02-06"))).ShouldBe(201);
        var after = (await Get($"{report}?rollup=descendants&asOf={At(stood)}")).ShouldBe(200).Json;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(before.GetProperty("tables").GetRawText()), JsonNode.Parse(after.GetProperty("tables").GetRawText())));
        var now = (await Get($"{report}?rollup=descendants&asOf={At(DateTimeOffset.UtcNow.AddMinutes(1))}")).ShouldBe(200).Json;
        Assert.Equal([2, 0, 0, 0, 1, 0, 3], Row(now, "received"));
        (await Get($"{report}?rollup=all&asOf={At(stood)}")).ShouldBe(400);
    }

    private static int[] Row(System.Text.Json.JsonElement report, string code) =>
        report.GetProperty("tables").GetProperty("applications").GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("code").GetString() == code).GetProperty("values").EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
