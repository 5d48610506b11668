using Disclosure.Host.Security;
using Disclosure.Host.Tests.Console;

namespace Disclosure.Host.Tests.Letters;

/// <summary>
/// A letter registered as 信访 (at intake, or later) follows the 信访工作条例 (2022) in calendar days: 受理/转送 within 15 days
/// (arts. 22–23), 办结 within 60 days of 受理, extended once by at most 30 days with a reason (art. 34). Today is 2025-12-01.
/// </summary>
public class PetitionSpecs(AppFixture fixture) : HostScenario(fixture)
{
    private const string Agency = "sanchang-park";
    private const string Base = "/api/agencies/sanchang-park/letters";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateAgency(Agency);
        Clock.Now = new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));
    }

    private async Task<Guid> Receive(bool? petition)
    {
        var r = (await Post(Base, new
        {
            channel = "online", category = "complaint", subject = "夜间施工扰民", body = "园区工地夜间施工，请依法处理。",
            writer = new { name = "李四", phone = "13900001111" }, receivedOn = "2025-09-28", publicConsent = false, petition,
        }, Token(Roles.Intake, Agency))).ShouldBe(201);
        return Guid.Parse(r.Str("id"));
    }

    private Task<Reply> Step(Guid id, string step, object body) => Post($"{Base}/{id}/{step}", body, Token(Roles.Handler, Agency));

    private static void NamesField(Reply reply, string field) =>
        Assert.True(reply.ShouldBe(400).Json.GetProperty("errors").TryGetProperty(field, out _), reply.Body);

    [Fact]
    public async Task A_信访_letter_runs_on_calendar_days_across_国庆_and_is_extended_by_at_most_30_days()
    {
        var id = await Receive(petition: true);
        var letter = (await Get($"{Base}/{id}")).ShouldBe(200);
        Assert.Equal("2025-10-13", letter.Str("dueOn")); // 15 days, 国庆 counted
        Assert.True(letter.Json.GetProperty("petition").GetBoolean());
        Assert.StartsWith("信访事项", letter.Str("timeLimitRule"));

        (await Step(id, "acceptance", new { on = "2025-09-28" })).ShouldBe(200).Str("dueOn").ShouldEqual("2025-11-27");
        NamesField(await Step(id, "extension", new { approvedOn = "2025-11-20", workingDays = 10, reason = "需现场核查" }), "workingDays");
        NamesField(await Step(id, "extension", new { approvedOn = "2025-11-20", calendarDays = 31, reason = "需现场核查" }), "calendarDays");
        NamesField(await Step(id, "extension", new { approvedOn = "2025-11-20", calendarDays = 30 }), "reason");
        Assert.Equal(2, await StreamVersion(Agency, id)); // nothing written by the refused ones

        var extended = (await Step(id, "extension", new { approvedOn = "2025-11-20", calendarDays = 30, reason = "需现场核查，已告知来信人" })).ShouldBe(200);
        Assert.Equal("2025-12-27", extended.Str("dueOn"));
        Assert.Equal(30, extended.Json.GetProperty("extension").GetProperty("calendarDays").GetInt32());
    }

    [Fact]
    public async Task An_ordinary_letter_registered_as_信访_later_takes_the_信访_limits()
    {
        var id = await Receive(petition: null);
        var ordinary = (await Get($"{Base}/{id}")).ShouldBe(200);
        Assert.Equal("2025-10-09", ordinary.Str("dueOn")); // 3 working days, 国庆 skipped
        Assert.StartsWith("市长信箱来信", ordinary.Str("timeLimitRule"));

        NamesField(await Post($"{Base}/{id}/petition", new { on = "2025-09-30" }, Token(Roles.Intake, Agency)), "reason");
        var registered = (await Post($"{Base}/{id}/petition", new { on = "2025-09-30", reason = "反映诉求，属信访事项" }, Token(Roles.Intake, Agency))).ShouldBe(200);
        Assert.Equal("2025-10-13", registered.Str("dueOn"));
        Assert.Equal("letter_registered_as_petition", registered.Json.GetProperty("history").EnumerateArray().Last().GetProperty("type").GetString());
        (await Post($"{Base}/{id}/petition", new { on = "2025-09-30", reason = "again" }, Token(Roles.Intake, Agency))).ShouldBe(409);
    }

    [Fact]
    public async Task A_复查_of_the_answer_is_asked_within_30_days_and_its_意见_is_owed_within_30_days_of_the_request()
    {
        var id = await Receive(petition: true);
        (await Step(id, "acceptance", new { on = "2025-09-28" })).ShouldBe(200);
        (await Step(id, "reply", new { on = "2025-10-20", text = "经核查，已责令施工单位夜间停工。" })).ShouldBe(200);

        // the answer received on 22 October: a 复查 may be asked until 21 November (信访工作条例第三十五条)
        NamesField(await Step(id, "petition-review", new { on = "2025-11-22", answerReceivedOn = "2025-10-22" }), "on");
        var asked = (await Step(id, "petition-review", new { on = "2025-11-15", answerReceivedOn = "2025-10-22" })).ShouldBe(200);
        Assert.Equal(("under_reexamination", "2025-12-15"), (asked.Str("status"), asked.Str("dueOn")));
        Assert.Equal("reexamination", asked.Json.GetProperty("petitionReviews")[0].GetProperty("stage").GetString());
        (await Step(id, "petition-review", new { on = "2025-11-16" })).ShouldBe(409); // one at a time

        NamesField(await Step(id, "petition-review/answer", new { on = "2025-12-01" }), "text");
        var answered = (await Step(id, "petition-review/answer", new { on = "2025-12-01", text = "维持原处理意见。" })).ShouldBe(200);
        Assert.Equal("replied", answered.Str("status"));
        Assert.Equal("petition_review_answered", answered.Json.GetProperty("history").EnumerateArray().Last().GetProperty("type").GetString());
        Assert.True(answered.Json.GetProperty("petitionReviews")[0].GetProperty("onTime").GetBoolean());
    }
}

/// <summary>The console's letter page says which rule sets the limits; the intake form registers a letter as 信访.</summary>
public class PetitionPageSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    [Fact]
    public async Task The_case_page_says_the_信访_rule_applies()
    {
        var clerk = Browser(Roles.Intake);
        var saved = await clerk.SubmitAsync(await clerk.GetAsync($"/console/{Agency}/letters/new"), new Dictionary<string, string>
        {
            ["channel"] = "online", ["category"] = "complaint", ["receivedOn"] = Today, ["subject"] = "夜间施工扰民", ["body"] = "请依法处理",
            ["writer.name"] = "李四", ["petition"] = "true",
        });
        var number = saved.Text("[data-tracking-number]");
        var page = await Browser(Roles.Handler).GetAsync($"/console/{Agency}/letters/{number}");
        Assert.Contains("信访工作条例", page.Text("[data-time-limit-rule]"));
        Assert.Equal("2025-07-15", page.Text("[data-due-on]")); // 30 Jun + 15 days
    }

    [Fact]
    public async Task A_复查_is_asked_and_answered_on_the_letter_page()
    {
        var clerk = Browser(Roles.Intake);
        var saved = await clerk.SubmitAsync(await clerk.GetAsync($"/console/{Agency}/letters/new"), new Dictionary<string, string>
        {
            ["channel"] = "online", ["category"] = "complaint", ["receivedOn"] = Today, ["subject"] = "夜间施工扰民", ["body"] = "请依法处理",
            ["writer.name"] = "李四", ["petition"] = "true",
        });
        var number = saved.Text("[data-tracking-number]");
        (await Post($"/api/agencies/{Agency}/letters/{number}/acceptance", new { on = Today })).ShouldBe(200);
        (await Post($"/api/agencies/{Agency}/letters/{number}/reply", new { on = Today, text = "已责令停工。" })).ShouldBe(200);

        var desk = Browser(Roles.Handler);
        var page = await desk.GetAsync($"/console/{Agency}/letters/{number}");
        var asked = await desk.SubmitAsync(page, new Dictionary<string, string> { ["on"] = Today }, "form[data-step=petition-review]");
        Assert.Equal(302, asked.Status);
        page = await desk.GetAsync(asked.Location!);
        Assert.Equal("复查中", page.Text("[data-status]"));
        Assert.Equal("2025-07-30", page.Text("[data-due-on]")); // 30 June + 30 days (信访工作条例第三十五条)
        Assert.Contains("意见期限 2025-07-30", page.Text("[data-petition-review=reexamination]"));

        var answered = await desk.SubmitAsync(page, new Dictionary<string, string> { ["on"] = Today, ["text"] = "维持原处理意见。" }, "form[data-step=petition-review-answer]");
        Assert.Equal(302, answered.Status);
        page = await desk.GetAsync(answered.Location!);
        Assert.Contains("维持原处理意见。", page.Text("[data-petition-review=reexamination]"));
        Assert.NotNull(page.Document.QuerySelector("form[data-step=petition-review]")); // a 复核 may follow
    }
}
