using Disclosure.Host.Security;
using Disclosure.Host.Tests.Search;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Given applications logged at the desk, when they are assigned (转办/分办) and the staff open their worklists, then each
/// sees 我的, 本部门 or 全部, what each request is about, why a due date is missing, the same name on every page, and a
/// supervisor the load per handler.
/// </summary>
public class WorklistSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private ConsoleClient Staff(string user, string role, string? department = null)
    {
        var browser = new ConsoleClient(Host.Server);
        browser.SignInAs(user, [role], [Agency], department: department);
        return browser;
    }

    private static List<string> Cases(Page worklist) =>
        worklist.Document.QuerySelectorAll("table.worklist tbody tr").Select(r => r.GetAttribute("data-case")!).ToList();

    private async Task<Page> Assign(ConsoleClient browser, string number, Dictionary<string, string> fields)
    {
        var page = await browser.GetAsync($"/console/{Agency}/applications/{number}");
        fields.TryAdd("on", Today);
        return await browser.SubmitAsync(page, fields, "form[data-step=assignment]");
    }

    [Fact]
    public async Task An_application_assigned_on_its_page_shows_under_the_handlers_mine_and_the_departments_cases_and_moves_when_passed_on()
    {
        var first = await LogApplication();
        var second = await LogApplication();
        var lin = Staff("lin.handler", Roles.Handler, "法制科");
        var wang = Staff("wang.handler", Roles.Handler, "规划科");

        Assert.Equal(302, (await Assign(lin, first, new() { ["handler"] = "lin.handler", ["department"] = "法制科" })).Status);
        var casePage = await lin.GetAsync($"/console/{Agency}/applications/{first}");
        Assert.Equal("lin.handler（法制科）", casePage.Text("[data-assignment]"));
        Assert.Contains("转办/分办", casePage.Text("#history"));

        Assert.Equal([first], Cases(await lin.GetAsync($"/console/{Agency}?scope=mine")));
        Assert.Empty(Cases(await wang.GetAsync($"/console/{Agency}?scope=mine")));
        Assert.Equal([first], Cases(await Staff("zhao.handler", Roles.Handler, "法制科").GetAsync($"/console/{Agency}?scope=department")));
        Assert.Empty(Cases(await wang.GetAsync($"/console/{Agency}?scope=department")));
        var all = await lin.GetAsync($"/console/{Agency}?scope=all");
        Assert.Equal([first, second], Cases(all).Order().ToList());
        Assert.Equal("lin.handler（法制科）", all.Text($"tr[data-case='{first}'] [data-handler]"));
        // the scope chosen last is where the worklist opens next time
        Assert.Equal([first, second], Cases(await lin.GetAsync($"/console/{Agency}")).Order().ToList());
        Assert.Equal("page", (await lin.GetAsync($"/console/{Agency}?scope=mine")).Document.QuerySelector("[data-scope=mine]")!.GetAttribute("aria-current"));
        Assert.Equal([first], Cases(await lin.GetAsync($"/console/{Agency}")));

        // 转办 to another department without a handler: it leaves lin's list and joins 规划科's
        Assert.Equal(302, (await Assign(lin, first, new() { ["department"] = "规划科", ["note"] = "不属本科职责" })).Status);
        Assert.Empty(Cases(await lin.GetAsync($"/console/{Agency}?scope=mine")));
        Assert.Equal([first], Cases(await wang.GetAsync($"/console/{Agency}?scope=department")));
        Assert.Equal("未指定承办人（规划科）", (await lin.GetAsync($"/console/{Agency}/applications/{first}")).Text("[data-assignment]"));
    }

    [Fact]
    public async Task A_user_without_a_department_is_offered_no_department_scope_and_an_assignment_naming_nobody_is_refused_on_the_page()
    {
        var number = await LogApplication();
        var handler = Staff("lin.handler", Roles.Handler);
        var worklist = await handler.GetAsync($"/console/{Agency}?scope=department");
        Assert.Null(worklist.Document.QuerySelector("a[data-scope=department]"));
        Assert.Equal("page", worklist.Document.QuerySelector("[data-scope=all]")!.GetAttribute("aria-current"));
        var before = await EventCount();
        var refused = await Assign(handler, number, new() { ["handler"] = "", ["department"] = "" });
        Assert.Equal(400, refused.Status);
        Assert.Equal("请填写承办人或承办部门。", refused.ErrorOf("handler"));
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task Through_the_api_an_application_is_assigned_listed_by_handler_and_refused_when_nothing_changes_or_it_is_closed()
    {
        var number = await LogApplication();
        var id = (await Get($"/api/agencies/{Agency}/applications/{number}")).Str("id");
        var handler = Token(Roles.Handler, Agency);
        var assigned = (await Post($"/api/agencies/{Agency}/applications/{id}/assignment", new { handler = "lin.handler", department = "法制科", on = Today }, handler)).ShouldBe(200);
        Assert.Equal(("lin.handler", "法制科"), (assigned.Str("handler"), assigned.Str("department")));
        Assert.Equal("application_assigned", assigned.Json.GetProperty("history").EnumerateArray().Last().GetProperty("type").GetString());
        var mine = (await Get($"/api/agencies/{Agency}/applications?handler=lin.handler", handler)).ShouldBe(200);
        Assert.Equal(number, mine.Json.GetProperty("items")[0].GetProperty("trackingNumber").GetString());
        Assert.Equal(0, (await Get($"/api/agencies/{Agency}/applications?department=规划科", handler)).Json.GetProperty("items").GetArrayLength());

        var before = await EventCount();
        var empty = (await Post($"/api/agencies/{Agency}/applications/{id}/assignment", new { on = Today }, handler)).ShouldBe(400);
        Assert.True(empty.Json.GetProperty("errors").TryGetProperty("handler", out _), empty.Body);
        (await Post($"/api/agencies/{Agency}/applications/{id}/assignment", new { department = "法制科", on = Today }, handler)).ShouldBe(409);
        (await Post($"/api/agencies/{Agency}/applications/{id}/assignment", new { handler = "wang", on = Today }, Token(Roles.Statistician, Agency))).ShouldBe(403);
        Assert.Equal(before, await EventCount());
        (await Post($"/api/agencies/{Agency}/applications/{id}/decision", new { decidedOn = Today, outcome = "disclosed" }, handler)).ShouldBe(200);
        (await Post($"/api/agencies/{Agency}/applications/{id}/assignment", new { handler = "wang", on = Today }, handler)).ShouldBe(409);
    }

    [Fact]
    public async Task The_worklist_says_what_each_request_is_about_cut_to_forty_characters()
    {
        var number = await LogApplication();
        var line = (await Browser(Roles.Handler).GetAsync($"/console/{Agency}")).Text($"tr[data-case='{number}'] [data-subject]");
        Assert.Equal("申请 2024年园区建设工程规划许可证发放情况", line);

        var clerk = Browser(Roles.Intake);
        var fields = ApplicationForm();
        fields["description"] = new string('规', 30) + new string('划', 30);
        var saved = await clerk.SubmitAsync(await clerk.GetAsync($"/console/{Agency}/applications/new"), fields);
        var longOne = saved.Text("[data-tracking-number]");
        var cut = (await Browser(Roles.Handler).GetAsync($"/console/{Agency}")).Text($"tr[data-case='{longOne}'] [data-subject]");
        Assert.Equal("申请 " + new string('规', 30) + new string('划', 10) + "…", cut);
    }

    [Fact]
    public async Task Where_next_years_holiday_notice_is_not_loaded_the_worklist_says_why_there_is_no_due_date_as_the_case_page_does()
    {
        Clock.Now = new DateTimeOffset(2026, 12, 29, 10, 0, 0, TimeSpan.FromHours(8));
        var clerk = Browser(Roles.Intake);
        var saved = await clerk.SubmitAsync(await clerk.GetAsync($"/console/{Agency}/applications/new"), ApplicationForm(receivedOn: "2026-12-10"));
        var number = saved.Text("[data-tracking-number]");
        var handler = Browser(Roles.Handler);
        var worklist = await handler.GetAsync($"/console/{Agency}");
        var why = worklist.Text($"tr[data-case='{number}'] [data-due-note]");
        Assert.Equal("尚未载入 2027 年节假日安排通知，无法计算 2027 年的工作日；载入后自动重新计算", why);
        Assert.StartsWith("尚未确定", worklist.Text($"tr[data-case='{number}'] [data-due]"));
        var casePage = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Contains(why, casePage.Text("ol.explain"));
        // the reminder window (3 working days from 12-29) runs into 2027 too: the page says how it counts instead
        Assert.Contains("尚未载入 2027 年节假日安排通知", worklist.Text("[data-window-note]"));
    }

    [Fact]
    public async Task A_name_reads_the_same_on_the_worklist_search_and_case_page_for_a_role_in_full_for_case_workers_masked_for_an_administrator()
    {
        await SearchScenario.EmptyIndexAsync(Host);
        var clerk = Browser(Roles.Intake);
        var saved = await clerk.SubmitAsync(await clerk.GetAsync($"/console/{Agency}/applications/new"), ApplicationForm("林晓红"));
        var number = saved.Text("[data-tracking-number]");
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(60));

        async Task<(string Worklist, string Search, string Case)> Seen(ConsoleClient browser)
        {
            var worklist = (await browser.GetAsync($"/console/{Agency}")).Text($"tr[data-case='{number}'] td.who");
            var search = (await browser.GetAsync($"/console/{Agency}/search?q=园区建设")).Text($"[data-hit='{number}'] .meta");
            var casePage = (await browser.GetAsync($"/console/{Agency}/applications/{number}")).Text("[data-applicant-name]");
            return (worklist, search, casePage);
        }

        foreach (var role in new[] { Roles.Intake, Roles.Handler, Roles.Supervisor })
        {
            var seen = await Seen(Browser(role));
            Assert.Equal("林晓红", seen.Worklist);
            Assert.Contains("申请人：林晓红 ·", seen.Search);
            Assert.StartsWith("林晓红（", seen.Case);
        }
        var admin = await Seen(Browser(Roles.Admin));
        Assert.Equal("林**", admin.Worklist);
        Assert.Contains("申请人：林** ·", admin.Search);
        Assert.StartsWith("林**（", admin.Case);
    }

    [Fact]
    public async Task A_supervisor_sees_the_open_applications_per_handler_with_the_overdue_and_those_due_soon()
    {
        var handler = Token(Roles.Handler, Agency);
        async Task<string> Received(string on)
        {
            var created = (await Post($"/api/agencies/{Agency}/applications", new
            {
                channel = "online", applicant = new { category = "natural_person", name = "张三" }, description = "规划许可", receivedOn = on,
            }, Token(Roles.Intake, Agency))).ShouldBe(201);
            return created.Str("id");
        }
        var overdue = await Received("2025-05-06");   // due 2025-06-04: overdue on 2025-06-30
        var soon = await Received("2025-06-03");      // due 2025-07-01: within the 3 working days of the reminder
        var later = await Received("2025-06-27");     // due 2025-07-25
        var nobodys = await Received("2025-06-27");
        foreach (var id in new[] { overdue, soon, later })
            (await Post($"/api/agencies/{Agency}/applications/{id}/assignment", new { handler = "lin.handler", department = "法制科", on = Today }, handler)).ShouldBe(200);

        Assert.Equal(403, (await Browser(Roles.Handler).GetAsync($"/console/{Agency}/workload")).Status);
        var page = await Browser(Roles.Supervisor).GetAsync($"/console/{Agency}/workload");
        Assert.Equal(200, page.Status);
        Assert.Equal("承办人工作量", page.H1);
        string Cell(string handlerName, string column) => page.Text($"tr[data-handler='{handlerName}'] [{column}]");
        Assert.Equal(("3", "1", "1"), (Cell("lin.handler", "data-open"), Cell("lin.handler", "data-overdue"), Cell("lin.handler", "data-due-soon")));
        Assert.Equal(("1", "0", "0"), (Cell("", "data-open"), Cell("", "data-overdue"), Cell("", "data-due-soon")));
        Assert.NotNull((await Browser(Roles.Supervisor).GetAsync($"/console/{Agency}")).Document.QuerySelector($"a[href='/console/{Agency}/workload']"));
        _ = nobodys;
    }
}
