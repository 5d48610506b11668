using Marten.Events;
using Wolverine.Tracking;

namespace Disclosure.Host.Tests.Reporting;

public class YearEndSpecs(AppFixture fixture) : Applications.ApplicationScenario(fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private async Task<Reply> Report(int year)
    {
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        return (await Get($"/api/agencies/{Agency}/reports/{year}")).ShouldBe(200);
    }

    private static System.Text.Json.JsonElement Check(Reply report, string rule) =>
        report.Json.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("rule").GetString() == rule);

    private static List<string> Types(Reply application) =>
        application.Json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("type").GetString()!).ToList();

    [Fact]
    public async Task Cases_open_across_new_year_get_exactly_one_carry_forward_and_a_late_answer_reverses_it()
    {
        Clock.Now = new DateTimeOffset(2024, 12, 20, 10, 0, 0, China);
        var open = await Receive("2024-12-02");
        var answered = await Receive("2024-12-03", "commercial_enterprise");
        (await Step(answered, "decision", new { decidedOn = "2024-12-20", outcome = "disclosed" })).ShouldBe(200);

        var before = await Report(2024);
        Assert.True(Check(before, "carried_forward_recorded").GetProperty("ok").GetBoolean());
        Assert.Contains("尚未执行年末结转", Check(before, "carried_forward_recorded").GetProperty("detail").GetString());

        Clock.Now = new DateTimeOffset(2025, 1, 1, 0, 0, 30, China); // the recurring job fires at 00:00 on 1 January
        await Host.InvokeMessageAndWaitAsync(new Disclosure.Host.YearEnd.CloseYear());
        await Host.InvokeMessageAndWaitAsync(new Disclosure.Host.YearEnd.CloseYear()); // twice, or after a restart: nothing more

        var carried = (await Get($"{Base}/{open}")).ShouldBe(200);
        Assert.Single(Types(carried), t => t == "carried_forward");
        var entry = carried.Json.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("type").GetString() == "carried_forward");
        Assert.Equal(("结转下年度继续办理", "system"), (entry.GetProperty("label").GetString(), entry.GetProperty("user").GetString()));
        Assert.DoesNotContain("carried_forward", Types((await Get($"{Base}/{answered}")).ShouldBe(200)));
        var list = (await Get($"{Base}?status=received")).ShouldBe(200);
        Assert.Contains("2024 年结转下年度继续办理", list.Json.GetProperty("items")[0].GetProperty("note").GetString());

        var closed = await Report(2024);
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], closed.Json.GetProperty("tables").GetProperty("applications").GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("code").GetString() == "carried_forward").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
        Assert.True(Check(closed, "carried_forward_recorded").GetProperty("ok").GetBoolean());
        Assert.Contains("逐列一致", Check(closed, "carried_forward_recorded").GetProperty("detail").GetString());

        Clock.Now = new DateTimeOffset(2025, 1, 6, 9, 0, 0, China); // the answer was given on 31 December, recorded in January
        (await Step(open, "decision", new { decidedOn = "2024-12-31", outcome = "partially_disclosed" })).ShouldBe(200);
        var reversed = (await Get($"{Base}/{open}")).ShouldBe(200);
        Assert.Equal(["application_received", "carried_forward", "decision_recorded", "carry_forward_reversed"], Types(reversed));

        var amended = await Report(2024);
        Assert.Equal(0, amended.Json.GetProperty("tables").GetProperty("applications").GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("code").GetString() == "carried_forward").GetProperty("values")[6].GetInt32());
        Assert.All(amended.Json.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
        Assert.All((await Report(2025)).Json.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
    }

    [Fact]
    public async Task An_admin_closes_a_past_year_on_demand_and_it_answers_with_what_it_did()
    {
        await Receive("2023-11-06");
        await Receive("2024-03-04");
        // the job's cases: those carried forward are its changed ones, the others were already carried
        static (int Carried, int Already) Counts(System.Text.Json.JsonElement job) =>
            (job.GetProperty("changed").GetInt32(), job.GetProperty("handled").GetInt32() - job.GetProperty("changed").GetInt32());
        var first = await Jobs.JobWait.FinishedAsync(Host, Admin, await Post($"/api/agencies/{Agency}/years/2023/close", null));
        Assert.Equal((1, 0), Counts(first));
        var again = await Jobs.JobWait.FinishedAsync(Host, Admin, await Post($"/api/agencies/{Agency}/years/2023/close", null));
        Assert.Equal((0, 1), Counts(again));
        Counts(await Jobs.JobWait.FinishedAsync(Host, Admin, await Post($"/api/agencies/{Agency}/years/2024/close", null))).Carried.ShouldBe(2);
        (await Post($"/api/agencies/{Agency}/years/2025/close", null)).ShouldBe(409); // today is 2025-06-30
        Assert.True(Check(await Report(2024), "carried_forward_recorded").GetProperty("ok").GetBoolean());
    }
}
