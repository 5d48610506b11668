using System.Text.Json;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Letters;
using Disclosure.Host.Security;
using Microsoft.Extensions.DependencyInjection;
using Marten.Events;
using Npgsql;
using Wolverine.Tracking;

namespace Disclosure.Host.Tests.Applications;

/// <summary>What the one write path keeps for every kind of case and every front door.</summary>
public class WritePathSpecs(AppFixture fixture) : ApplicationScenario(fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private const string Letters = "/api/agencies/sanchang-park/letters";

    private async Task<(string Id, string Number)> AcceptedLetter(string on)
    {
        var letter = (await Post(Letters, new
        {
            channel = "online", category = "help", subject = "求助", body = "求助内容", writer = new { name = "赵六", phone = "13900001111" }, receivedOn = on,
        })).ShouldBe(201);
        (await Post($"{Letters}/{letter.Str("id")}/acceptance", new { on })).ShouldBe(200);
        return (letter.Str("id"), letter.Str("trackingNumber"));
    }

    private async Task On(string day)
    {
        Clock.Now = new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(0, 5)), China);
        await Jobs.JobWait.FinishedAsync(Host, Admin, await Post("/api/deadlines/sweep", new { }));
    }

    private async Task<List<(string Kind, string DueOn, string Number)>> Notifications() =>
        (await Get($"/api/agencies/{Agency}/notifications")).ShouldBe(200).Json.GetProperty("items").EnumerateArray()
            .Select(n => (n.GetProperty("kind").GetString()!, n.GetProperty("dueOn").GetString()!, n.GetProperty("trackingNumber").GetString()!)).ToList();

    [Fact]
    public async Task A_calendar_change_moves_applications_and_letters_records_why_on_each_and_reminds_on_the_new_dates()
    {
        Clock.Now = new DateTimeOffset(2026, 6, 1, 10, 0, 0, China);
        var application = await Receive("2026-06-01");                 // 20 working days: due 2026-06-30
        var (letter, letterNumber) = await AcceptedLetter("2026-06-01"); // 15 working days (19 June is 端午节): reply due 2026-06-23
        Assert.Equal("2026-06-30", (await Get($"{Base}/{application}")).Str("dueOn"));
        Assert.Equal("2026-06-23", (await Get($"{Letters}/{letter}")).Str("dueOn"));

        // the region adds a day off on Wednesday 10 June: both periods run one working day longer
        var notice = (await Get("/api/calendar")).Json.EnumerateArray().Single(n => n.GetProperty("year").GetInt32() == 2026);
        var off = notice.GetProperty("off").EnumerateArray().Select(d => d.GetString()!).Append("2026-06-10").ToArray();
        var makeup = notice.GetProperty("makeupWorkdays").EnumerateArray().Select(d => d.GetString()!).ToArray();
        var loaded = await Jobs.JobWait.FinishedAsync(Host, Admin, await Put("/api/calendar/2026", new { notice = "补充通知（测试）", off, makeupWorkdays = makeup, reason = "地方补充放假一天" }));
        Assert.Equal((2, 2, 0), (loaded.GetProperty("handled").GetInt32(), loaded.GetProperty("changed").GetInt32(), loaded.GetProperty("failed").GetInt32()));
        var moved = loaded.GetProperty("details").EnumerateArray()
            .ToDictionary(m => m.GetProperty("kind").GetString()!, m => (m.GetProperty("old").GetString(), m.GetProperty("new").GetString()));
        Assert.Equal(("2026-06-30", "2026-07-01"), moved["application"]);
        Assert.Equal(("2026-06-23", "2026-06-24"), moved["letter"]);

        foreach (var (url, type) in new[] { ($"{Base}/{application}", "due_date_rederived"), ($"{Letters}/{letter}", "letter_due_date_rederived") })
        {
            var last = (await Get(url)).ShouldBe(200).Json.GetProperty("history").EnumerateArray().Last();
            Assert.Equal((type, "system"), (last.GetProperty("type").GetString(), last.GetProperty("user").GetString()));
            Assert.Contains("地方补充放假一天", last.GetProperty("data").GetProperty("reason").GetString());
        }

        // the alarms follow the new dates: a check for the new reminder day (3 working days before) is scheduled, and it fires then
        Assert.Contains(new DateTimeOffset(2026, 6, 26, 0, 5, 0, China), await ScheduledCheckTimes("CheckApplicationDeadlines", application.ToString()));
        Assert.Contains(new DateTimeOffset(2026, 6, 18, 0, 5, 0, China), await ScheduledCheckTimes("CheckLetterDeadlines", letter));
        await On("2026-06-17"); // the letter's old reminder day
        Assert.DoesNotContain(await Notifications(), n => n.Number == letterNumber);
        await On("2026-06-18");
        Assert.Contains(("due_soon", "2026-06-24", letterNumber), await Notifications());
        await On("2026-06-25"); // the application's old reminder day
        Assert.DoesNotContain(await Notifications(), n => n.Number == "SP-2026-00001");
        await On("2026-06-26");
        Assert.Contains(("due_soon", "2026-07-01", "SP-2026-00001"), await Notifications());
    }

    [Fact]
    public async Task Every_recorded_fact_reads_back_through_the_view()
    {
        var id = await Receive("2025-03-03");
        (await Step(id, "correction-request", new { sentOn = "2025-03-05", items = new[] { "写明所需信息的名称", "写明文号" }, correctBy = "2025-03-14" })).ShouldBe(200);
        (await Step(id, "correction", new { receivedOn = "2025-03-07" })).ShouldBe(200);
        (await Step(id, "consultations", new { sentOn = "2025-03-10", party = "某建设公司" })).ShouldBe(200);
        (await Step(id, "extension", new { approvedOn = "2025-03-20", approvedBy = "政务公开办主任", workingDays = 10, reason = "涉及档案调取" })).ShouldBe(200);
        (await Step(id, "fee-notice", new { sentOn = "2025-03-21", amountYuan = 610, basis = "per_page" })).ShouldBe(200);
        (await Step(id, "decision", new { decidedOn = "2025-04-10", outcome = "disclosed" })).ShouldBe(200);
        (await Step(id, "reviews", new { kind = "lawsuit_direct", filedOn = "2025-04-20" })).ShouldBe(201);

        var view = (await Get($"{Base}/{id}")).ShouldBe(200).Json;
        Assert.Equal(["写明所需信息的名称", "写明文号"], view.GetProperty("correction").GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("2025-03-14", view.GetProperty("correction").GetProperty("correctBy").GetString());
        Assert.Equal("某建设公司", view.GetProperty("consultations")[0].GetProperty("party").GetString());
        Assert.Equal(("政务公开办主任", "涉及档案调取", 10), (view.GetProperty("extension").GetProperty("approvedBy").GetString(),
            view.GetProperty("extension").GetProperty("reason").GetString(), view.GetProperty("extension").GetProperty("workingDays").GetInt32()));
        Assert.Equal((610m, "per_page"), (view.GetProperty("fee").GetProperty("amountYuan").GetDecimal(), view.GetProperty("fee").GetProperty("basis").GetString()));
        Assert.Equal(("lawsuit_direct", "2025-04-20"), (view.GetProperty("reviews")[0].GetProperty("kind").GetString(), view.GetProperty("reviews")[0].GetProperty("filedOn").GetString()));
    }

    [Fact]
    public async Task The_write_path_mints_the_ids_of_what_a_step_creates_whatever_door_sends_it()
    {
        // a door that sends the bare command (a job, another front door) gets new ids as the API does: none is the empty id
        var bus = Host.Services.GetRequiredService<Wolverine.IMessageBus>();
        var id = await Receive("2025-03-03");
        var on = new DateOnly(2025, 3, 4);
        foreach (var party in new[] { "第三方甲", "第三方乙" })
            Assert.True((await bus.SendAsync(Agency, new SendConsultation(on, party) { Case = id.ToString() }, default)).Succeeded);
        var consultations = (await Get($"{Base}/{id}")).ShouldBe(200).Json.GetProperty("consultations").EnumerateArray()
            .Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(2, consultations.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, consultations);
        // and the API reports the id the write path minted
        var started = (await Step(id, "consultations", new { sentOn = "2025-03-05", party = "第三方丙" })).ShouldBe(200);
        Assert.Contains(started.Json.GetProperty("consultationId").GetGuid(),
            started.Json.GetProperty("application").GetProperty("consultations").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));

        var (letter, _) = await AcceptedLetter("2025-03-03");
        var reclassified = await bus.SendAsync(Agency, new ReclassifyLetter(on) { Case = letter }, default);
        Assert.NotEqual(Guid.Empty, Assert.Single(reclassified.Opened).Id);
        var petition = reclassified.Opened[0].Id;
        (await Step(petition, "decision", new { decidedOn = "2025-03-04", outcome = "not_processed_petition_complaint" })).ShouldBe(200);
        var turned = await bus.SendAsync(Agency, new TurnApplicationIntoLetter(on, null) { Case = petition.ToString() }, default);
        Assert.NotEqual(Guid.Empty, Assert.Single(turned.Opened).Id);
        Assert.NotEmpty(((TurnApplicationIntoLetter)turned.Command!).QueryCode); // the letter's query code, given once
    }

    [Fact]
    public async Task A_letter_intake_honours_the_idempotency_key()
    {
        var body = new { channel = "online", category = "help", subject = "求助", body = "求助内容", writer = new { name = "赵六" }, receivedOn = "2025-06-03" };
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "letter-key-1" };
        var replies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Post(Letters, body, headers: key)));
        Assert.All(replies, r => r.ShouldBe(201));
        Assert.Single(replies.Select(r => r.Str("id")).Distinct());
        Assert.Single(replies.Select(r => r.Str("queryCode")).Distinct()); // the retry gets the first answer, code and all
        Assert.Equal(1, (await Get(Letters)).Json.GetProperty("total").GetInt32());
        (await Post(Letters, body with { subject = "另一件事" }, headers: key)).ShouldBe(422);
    }

    [Fact]
    public async Task A_department_returns_a_letter_only_within_five_working_days_of_the_assignment()
    {
        Clock.Now = new DateTimeOffset(2025, 6, 20, 10, 0, 0, China);
        var (letter, _) = await AcceptedLetter("2025-06-03");
        (await Post($"{Letters}/{letter}/assignment", new { department = "环保局", on = "2025-06-04" })).ShouldBe(200);
        var versionBefore = (await Get($"{Letters}/{letter}")).Json.GetProperty("version").GetInt64();
        var late = (await Post($"{Letters}/{letter}/return", new { on = "2025-06-12", reason = "不属本部门职责" })).ShouldBe(409);
        Assert.Contains("2025-06-11", late.Body);
        Assert.Equal(versionBefore, (await Get($"{Letters}/{letter}")).Json.GetProperty("version").GetInt64());
        (await Post($"{Letters}/{letter}/return", new { on = "2025-06-11", reason = "不属本部门职责" })).ShouldBe(200);
    }

    [Fact]
    public async Task A_reply_not_to_be_published_stays_out_of_the_public_look_up()
    {
        var letter = (await Post(Letters, new
        {
            channel = "online", category = "help", subject = "求助", body = "求助内容", writer = new { name = "赵六" }, receivedOn = "2025-06-03", publicConsent = true,
        })).ShouldBe(201);
        var id = letter.Str("id");
        (await Post($"{Letters}/{id}/acceptance", new { on = "2025-06-03" })).ShouldBe(200);
        (await Post($"{Letters}/{id}/reply", new { on = "2025-06-10", text = "内部答复，不公开", publish = false })).ShouldBe(200);
        var lookup = (await Send(HttpMethod.Get, $"/public/letters/{letter.Str("trackingNumber")}?code={letter.Str("queryCode")}", null, null)).ShouldBe(200);
        Assert.Equal("已答复", lookup.Str("status"));
        Assert.Equal(JsonValueKind.Null, lookup.Json.GetProperty("reply").ValueKind);
        Assert.DoesNotContain("内部答复", lookup.Body);
    }

    [Fact]
    public async Task The_agency_reminder_setting_moves_the_reminder_day()
    {
        Clock.Now = new DateTimeOffset(2025, 6, 3, 10, 0, 0, China);
        (await Put($"/api/agencies/{Agency}/settings/reminders", new { workingDaysBefore = 5 })).ShouldBe(200);
        var (_, number) = await AcceptedLetter("2025-06-03"); // reply due 2025-06-24; 5 working days before: 2025-06-17
        await On("2025-06-16");
        Assert.DoesNotContain(await Notifications(), n => n.Number == number);
        await On("2025-06-17");
        Assert.Contains(("due_soon", "2025-06-24", number), await Notifications());
    }

    [Fact]
    public async Task Erasure_blanks_a_closed_letter_and_keeps_its_statistics()
    {
        Clock.Now = new DateTimeOffset(2025, 6, 20, 10, 0, 0, China);
        var letter = (await Post(Letters, new
        {
            channel = "online", category = "complaint", subject = "噪音投诉张三丰测试", body = "联系电话13900001111",
            writer = new { name = "张三丰测试", phone = "13812345678", email = "zhang.test@example.cn" }, receivedOn = "2025-06-03",
        })).ShouldBe(201);
        var id = letter.Str("id");
        (await Post($"{Letters}/{id}/acceptance", new { on = "2025-06-03" })).ShouldBe(200);
        (await Post($"{Letters}/{id}/reply", new { on = "2025-06-10", text = "已联系张三丰测试" })).ShouldBe(200);
        (await Post($"{Letters}/{id}/closure", new { on = "2025-06-11" })).ShouldBe(200);
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var before = (await Get($"/api/agencies/{Agency}/letters/statistics/2025")).Json;

        var run = await Security.Erasure.AfterRetentionAsync(Host, Fixture, Agency, closedBefore: "2025-06-12");
        Assert.Equal(1, run.Json.GetProperty("letters").GetInt32());
        var erased = (await Get($"{Letters}/{id}")).ShouldBe(200);
        foreach (var secret in new[] { "张三丰测试", "13900001111", "13812345678", "zhang.test@example.cn" })
            Assert.DoesNotContain(secret, erased.Body);
        Assert.Equal("personal_data_erased", erased.Json.GetProperty("history").EnumerateArray().Last().GetProperty("type").GetString());

        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var after = (await Get($"/api/agencies/{Agency}/letters/statistics/2025")).Json;
        foreach (var figure in new[] { "received", "accepted", "replied", "repliedOnTime" })
            Assert.Equal(before.GetProperty(figure).GetInt32(), after.GetProperty(figure).GetInt32());
    }

    [Fact]
    public async Task A_corrected_answer_date_moved_out_of_a_closed_year_carries_the_case_forward()
    {
        Clock.Now = new DateTimeOffset(2025, 12, 31, 10, 0, 0, China);
        var id = await Receive("2025-12-02");
        (await Step(id, "decision", new { decidedOn = "2025-12-30", outcome = "disclosed" })).ShouldBe(200);
        Clock.Now = new DateTimeOffset(2026, 1, 1, 0, 0, 30, China);
        await Host.InvokeMessageAndWaitAsync(new Disclosure.Host.YearEnd.CloseYear());
        Clock.Now = new DateTimeOffset(2026, 1, 8, 10, 0, 0, China);

        var corrected = (await Step(id, "decision-correction", new { correctedOn = "2026-01-08", outcome = "disclosed", decidedOn = "2026-01-06", reason = "答复日期录错" })).ShouldBe(200);
        var types = corrected.Json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("type").GetString()).ToList();
        Assert.Equal(["application_received", "decision_recorded", "decision_corrected", "carried_forward"], types);

        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var report = (await Get($"/api/agencies/{Agency}/reports/2025")).ShouldBe(200).Json;
        Assert.All(report.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean(), c.GetProperty("detail").GetString()));
        var cell = (await Get($"/api/agencies/{Agency}/reports/2025/cells/carried_forward/total")).ShouldBe(200).Json;
        Assert.Equal(1, cell.GetProperty("count").GetInt32());
    }
}
