using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Applications;

public class CalendarSpecs(AppFixture fixture) : ApplicationScenario(fixture)
{
    [Fact]
    public async Task Counting_into_a_year_without_a_notice_is_refused_naming_the_year()
    {
        (await Get("/api/calendar/working-days?from=2024-09-27&days=20")).ShouldBe(200).Str("date").ShouldEqual("2024-10-30");
        var gap = (await Get("/api/calendar/working-days?from=2026-12-10&days=20")).ShouldBe(400);
        Assert.Contains("2027", gap.Body);
    }

    [Fact]
    public async Task A_corrected_notice_moves_open_due_dates_and_records_why()
    {
        var open = await Receive("2025-03-03");      // due 2025-03-31
        var closed = await Receive("2025-03-03");
        (await Step(closed, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(200);

        var notice = (await Get("/api/calendar")).Json.EnumerateArray().Single(n => n.GetProperty("year").GetInt32() == 2025);
        var off = notice.GetProperty("off").EnumerateArray().Select(d => d.GetString()!).Append("2025-03-14").ToArray();
        var makeup = notice.GetProperty("makeupWorkdays").EnumerateArray().Select(d => d.GetString()!).ToArray();

        (await Put("/api/calendar/2025", new { notice = "更正测试", off, makeupWorkdays = makeup, reason = "地方补充放假一天" }, Token(Roles.Handler, Agency))).ShouldBe(403);
        var loaded = await Jobs.JobWait.FinishedAsync(Host, Admin, await Put("/api/calendar/2025", new { notice = "更正测试", off, makeupWorkdays = makeup, reason = "地方补充放假一天" }));
        Assert.Equal(1, loaded.GetProperty("handled").GetInt32()); // the open case; the closed one is not looked at
        var moved = Assert.Single(loaded.GetProperty("details").EnumerateArray());
        Assert.Equal(("2025-03-31", "2025-04-01"), (moved.GetProperty("old").GetString(), moved.GetProperty("new").GetString()));

        var view = (await Get($"{Base}/{open}")).ShouldBe(200);
        Assert.Equal("2025-04-01", view.Str("dueOn"));
        var last = view.Json.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("due_date_rederived", last.GetProperty("type").GetString());
        Assert.Contains("地方补充放假一天", last.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(2, await StreamVersion(Agency, closed));
    }

    [Fact]
    public async Task A_case_due_in_an_unknown_year_gets_its_date_when_the_notice_is_loaded()
    {
        Clock.Now = new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var reply = (await Post(Base, Intake("2026-12-10"))).ShouldBe(201);
        Assert.Equal("", reply.Str("dueOn"));
        var id = Guid.Parse(reply.Str("id"));
        Assert.Equal(2027, (await Get($"{Base}/{id}")).Json.GetProperty("deadline").GetProperty("calendarGapYear").GetInt32());

        await Jobs.JobWait.FinishedAsync(Host, Admin, await Put("/api/calendar/2027", new { notice = "国办发明电〔2026〕测试", off = new[] { "2027-01-01" }, makeupWorkdays = Array.Empty<string>(), reason = "2027年通知发布" }));
        var view = (await Get($"{Base}/{id}")).ShouldBe(200);
        Assert.Equal("2027-01-08", view.Str("dueOn"));
    }

    [Fact]
    public async Task A_bad_notice_is_400_and_changes_nothing()
    {
        (await Put("/api/calendar/2027", new { notice = "x", off = new[] { "2031-01-01" }, makeupWorkdays = new[] { "2027-01-04" }, reason = "r" })).ShouldBe(400);
        var gap = (await Get("/api/calendar/working-days?from=2026-12-31&days=1")).ShouldBe(400);
        Assert.Contains("2027", gap.Body);
    }
}
