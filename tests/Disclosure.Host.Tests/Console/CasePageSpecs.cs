using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Console;

public class CasePageSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    [Fact]
    public async Task A_handler_records_the_decision_and_the_history_names_the_signed_in_user()
    {
        var number = await LogApplication();
        var handler = Browser(Roles.Handler, user: "wang.handler");
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Equal($"申请 {number}", page.H1);
        Assert.Contains("收到申请（条例第三十一条）", page.Text("ol.explain"));
        var outcomes = page.Document.QuerySelector("form[data-step=decision] select[name=outcome]")!.TextContent;
        Assert.Contains("予以公开", outcomes);
        Assert.Equal("（三）不予公开", page.Document.QuerySelector("form[data-step=decision] optgroup")!.GetAttribute("label"));

        var done = await handler.SubmitAsync(page, new Dictionary<string, string> { ["decidedOn"] = Today, ["outcome"] = "disclosed" }, "form[data-step=decision]");
        Assert.Equal(302, done.Status);
        var after = await handler.GetAsync(done.Location!);
        Assert.Equal("已答复", after.Text("[data-status]"));
        var users = after.Document.QuerySelectorAll("[data-user]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["user-intake", "wang.handler"], users);
        // the case allows no second decision now, but a correction of it
        Assert.Null(after.Document.QuerySelector("form[data-step=decision]"));
        Assert.NotNull(after.Document.QuerySelector("form[data-step=decision-correction]"));
        var api = (await Get($"/api/agencies/{Agency}/applications/{number}")).Json;
        Assert.Equal("wang.handler", api.GetProperty("history")[1].GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_form_made_before_someone_else_changed_the_case_is_refused_with_reload_and_records_nothing()
    {
        var number = await LogApplication();
        var handler = Browser(Roles.Handler);
        var stale = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        var other = Browser(Roles.Supervisor);
        var fresh = await other.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Equal(302, (await other.SubmitAsync(fresh, new Dictionary<string, string> { ["sentOn"] = Today, ["party"] = "第三方公司" }, "form[data-step=consultation]")).Status);
        var before = await EventCount();

        var refused = await handler.SubmitAsync(stale, new Dictionary<string, string> { ["decidedOn"] = Today, ["outcome"] = "disclosed" }, "form[data-step=decision]");
        Assert.Equal(409, refused.Status);
        Assert.Equal("此案件已被他人修改，请刷新后重试", refused.Problem);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task A_steps_bad_input_shows_the_fields_message_and_records_nothing()
    {
        var number = await LogApplication();
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        var before = await EventCount();
        var refused = await handler.SubmitAsync(page, new Dictionary<string, string> { ["decidedOn"] = "2025-07-09", ["outcome"] = "" }, "form[data-step=decision]");
        Assert.Equal(400, refused.Status);
        Assert.Equal("请选择办理结果。", refused.ErrorOf("outcome")); // the message names its field
        var future = await handler.SubmitAsync(page, new Dictionary<string, string> { ["decidedOn"] = "2025-07-09", ["outcome"] = "disclosed" }, "form[data-step=decision]");
        Assert.Equal(400, future.Status);
        Assert.Contains("晚于今天", future.ErrorOf("decidedOn"));
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task Only_the_steps_the_case_allows_now_for_the_users_role_are_offered()
    {
        var number = await LogApplication();
        var intake = Browser(Roles.Intake);
        var clerk = await intake.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Empty(clerk.Document.QuerySelectorAll("form[data-step]"));
        var handler = await Browser(Roles.Handler).GetAsync($"/console/{Agency}/applications/{number}");
        var steps = handler.Document.QuerySelectorAll("form[data-step]").Select(f => f.GetAttribute("data-step")).ToList();
        Assert.Contains("decision", steps);
        Assert.Contains("correction-request", steps);
        Assert.DoesNotContain("correction", steps);        // nothing to receive: no correction was asked for
        Assert.DoesNotContain("fee-payment", steps);       // no fee notice
        Assert.DoesNotContain("letter", steps);            // only an answer 信访举报投诉类 becomes a letter
        // a handler may not post a step the page did not offer to their role either
        var anonymousStep = await intake.SubmitAsync(clerk, new Dictionary<string, string> { ["decidedOn"] = Today, ["outcome"] = "disclosed" },
            "header form", $"/console/{Agency}/applications/{number}?handler=Step&step=decision");
        Assert.Equal(403, anonymousStep.Status);
    }

    [Fact]
    public async Task A_letter_is_accepted_assigned_and_turned_into_an_application()
    {
        var clerk = Browser(Roles.Intake);
        var saved = await clerk.SubmitAsync(await clerk.GetAsync($"/console/{Agency}/letters/new"), new Dictionary<string, string>
        {
            ["channel"] = "online", ["category"] = "consultation", ["receivedOn"] = Today, ["subject"] = "申请公开规划文件", ["body"] = "请提供园区控制性详细规划",
            ["writer.name"] = "李四",
        });
        var number = saved.Text("[data-tracking-number]");
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/letters/{number}");
        Assert.Equal(302, (await handler.SubmitAsync(page, new Dictionary<string, string> { ["on"] = Today }, "form[data-step=acceptance]")).Status);
        page = await handler.GetAsync($"/console/{Agency}/letters/{number}");
        Assert.Equal(302, (await handler.SubmitAsync(page, new Dictionary<string, string> { ["on"] = Today, ["department"] = "规划科" }, "form[data-step=assignment]")).Status);
        var department = await handler.GetAsync($"/console/{Agency}/letters?department=规划科");
        Assert.Contains(number, department.Html);
        page = await handler.GetAsync($"/console/{Agency}/letters/{number}");
        Assert.Equal(302, (await handler.SubmitAsync(page, new Dictionary<string, string> { ["on"] = Today }, "form[data-step=reclassification]")).Status);
        page = await handler.GetAsync($"/console/{Agency}/letters/{number}");
        var application = page.Text("[data-application-number]");
        Assert.NotEmpty(application);
        Assert.Equal(200, (await handler.GetAsync($"/console/{Agency}/applications/{application}")).Status);
    }
}
