using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.SignIn;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// What stood in the way of a person (or the held-out journey driver, who finds fields by their labels) on issue 27's
/// journey, page by page: the 转办/分办 form picks the handler and the department from lists; a date field says it is typed
/// 年-月-日 whatever the browser shows; another agency's case is the console's 无权访问 page, not the gate's JSON; the case
/// page folds the steps off the main road under 其他操作; the report page shows the 信息处理费.
/// </summary>
public class PersonJourneyPageSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private async Task SignedInBefore(string user, string role, string? department)
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await StaffRegister.RecordAsync(store, ConsoleAuthentication.Principal(user, [role], [Agency], "test", department), DateTimeOffset.UtcNow, default);
    }

    [Fact]
    public async Task The_assignment_form_offers_the_agencys_handlers_and_departments_as_labelled_lists_and_takes_one_typed_in_when_not_listed()
    {
        await SignedInBefore("lin.handler", Roles.Handler, "法制科");
        await SignedInBefore("wang.handler", Roles.Handler, null);
        await SignedInBefore("zhao.stat", Roles.Statistician, "统计科"); // no handler: not offered as one, but the department is known
        var number = await LogApplication();
        var supervisor = Browser(Roles.Supervisor);
        var page = await supervisor.GetAsync($"/console/{Agency}/applications/{number}");

        var select = page.Document.QuerySelector("form[data-step=assignment] select[name=handler]")!;
        Assert.Equal("承办人", page.Document.QuerySelector($"label[for='{select.Id}']")!.TextContent.Trim());
        Assert.Equal(["", "lin.handler", "wang.handler"], select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal("lin.handler（法制科）", select.QuerySelector("option[value='lin.handler']")!.TextContent.Trim());
        var departments = page.Document.QuerySelector("form[data-step=assignment] select[name=department]")!;
        Assert.Equal("承办部门", page.Document.QuerySelector($"label[for='{departments.Id}']")!.TextContent.Trim());
        Assert.Equal(["", "法制科", "统计科"], departments.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        // a handler who has not signed in yet: typed in the box beside the list, which has its own label
        var other = page.Document.QuerySelector("form[data-step=assignment] input[type=text][name=handler]")!;
        Assert.NotNull(page.Document.QuerySelector($"label[for='{other.Id}']"));

        var picked = await supervisor.PostAsync(page.Url + "?handler=Step&step=assignment", Form(page, ("handler", "lin.handler"), ("handler", ""), ("department", "法制科"), ("department", "")));
        Assert.True(picked.Status == 302, picked.ToString());
        page = await supervisor.GetAsync(picked.Location!);
        Assert.Equal("lin.handler（法制科）", page.Text("[data-assignment]"));

        var typed = await supervisor.PostAsync(page.Url + "?handler=Step&step=assignment", Form(page, ("handler", ""), ("handler", "new.handler"), ("department", ""), ("department", "")));
        Assert.True(typed.Status == 302, typed.ToString());
        page = await supervisor.GetAsync(typed.Location!);
        Assert.Equal("new.handler（法制科）", page.Text("[data-assignment]"));

        // both filled: which one was meant is not guessed
        var before = await EventCount();
        var both = await supervisor.PostAsync(page.Url + "?handler=Step&step=assignment", Form(page, ("handler", "wang.handler"), ("handler", "someone.else"), ("department", ""), ("department", "")));
        Assert.Equal(400, both.Status);
        Assert.Contains("不要两处都填", both.Text("form[data-step=assignment] .error"));
        Assert.Equal(before, await EventCount());
    }

    private static List<KeyValuePair<string, string>> Form(Page page, params (string Name, string Value)[] fields)
    {
        var form = page.Document.QuerySelector("form[data-step=assignment]")!;
        var values = form.QuerySelectorAll("input[type=hidden]").Select(h => new KeyValuePair<string, string>(h.GetAttribute("name")!, h.GetAttribute("value") ?? "")).ToList();
        values.Add(new("on", Today));
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return values;
    }

    [Fact]
    public async Task Without_a_known_handler_the_assignment_form_asks_for_the_handlers_user_name_under_the_label_handler()
    {
        var number = await LogApplication();
        var page = await Browser(Roles.Supervisor).GetAsync($"/console/{Agency}/applications/{number}");
        var input = page.Document.QuerySelector("form[data-step=assignment] input[name=handler]")!;
        Assert.Null(page.Document.QuerySelector("form[data-step=assignment] select[name=handler]"));
        Assert.Equal("承办人", page.Document.QuerySelector($"label[for='{input.Id}']")!.TextContent.Trim());
        Assert.Contains("用户名", page.Document.GetElementById(input.GetAttribute("aria-describedby")!)!.TextContent);
    }

    [Fact]
    public async Task Every_date_field_says_it_is_typed_year_month_day_whatever_the_browsers_language_shows()
    {
        var number = await LogApplication();
        var clerk = Browser(Roles.Intake);
        var handler = Browser(Roles.Handler);
        foreach (var page in new[] { await clerk.GetAsync($"/console/{Agency}/applications/new"), await handler.GetAsync($"/console/{Agency}/applications/{number}") })
        {
            var dates = page.Document.QuerySelectorAll("input[type=date], input[type=datetime-local]");
            Assert.NotEmpty(dates);
            foreach (var input in dates)
            {
                var hints = (input.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(id => page.Document.GetElementById(id)?.TextContent ?? "");
                Assert.True(hints.Any(h => h.Contains("年-月-日")), $"{page.Url}: {input.OuterHtml} says nothing of the format");
            }
        }
    }

    [Fact]
    public async Task A_required_fields_label_reads_its_name_alone_the_mark_is_drawn_beside_it()
    {
        var page = await Browser(Roles.Intake).GetAsync($"/console/{Agency}/applications/new");
        var label = page.Document.QuerySelector("label[for=receivedOn]")!;
        // a person (or a driver asking for the field labelled exactly 收到日期) reads the name; the * is the stylesheet's
        Assert.Equal("收到日期", label.TextContent.Trim());
        Assert.Contains("required", label.ClassList);
        Assert.True(page.Document.QuerySelector("#receivedOn")!.HasAttribute("required"));
    }

    [Fact]
    public async Task Another_agencys_case_is_the_consoles_own_refusal_with_the_menu_and_the_way_back_to_ones_own_worklist()
    {
        var theirs = await LogApplication(OtherAgency);
        var handler = Browser(Roles.Handler);

        var page = await handler.GetAsync($"/console/{OtherAgency}/applications/{theirs}");

        Assert.Equal(403, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.Equal("无权访问", page.H1);
        Assert.Contains("其他机关", page.Text("main"));
        Assert.Equal($"/console/{Agency}", page.Document.QuerySelector("[data-home]")!.GetAttribute("href"));
        Assert.Equal($"/console/{Agency}", page.Document.QuerySelector("nav[aria-label=主菜单] a")!.GetAttribute("href"));
        Assert.DoesNotContain(theirs, page.Html);
        // an agency that does not exist: the console's 页面不存在, the way back to one's own
        var none = await handler.GetAsync($"/console/no-such-agency/applications/{theirs}");
        Assert.Equal(404, none.Status);
        Assert.Equal("页面不存在", none.H1);
        Assert.Equal($"/console/{Agency}", none.Document.QuerySelector("[data-home]")!.GetAttribute("href"));
        // the API keeps its problem details
        var api = await Get($"/api/agencies/{OtherAgency}/applications", Token(Roles.Handler, Agency));
        Assert.Equal(403, api.Status);
    }

    [Fact]
    public async Task The_case_page_folds_the_steps_off_the_main_road_under_one_summary_and_keeps_the_next_step_in_view()
    {
        (await Put($"/api/agencies/{Agency}/settings/notices", new
        {
            agencyName = "三厂工业园区管理委员会", reconsiderationBody = "三厂镇人民政府", contactLines = new[] { "联系电话：0513-00000000" },
        })).ShouldBe(200);
        var number = await LogApplication();
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        var answered = await handler.SubmitAsync(page, new Dictionary<string, string> { ["decidedOn"] = Today, ["outcome"] = "disclosed", ["notice.provision"] = "邮寄纸质文件" }, "form[data-step=decision]");
        Assert.True(answered.Status == 302, answered.ToString());
        page = await handler.GetAsync(answered.Location!);

        var more = page.Document.QuerySelector("details[data-more-steps]")!;
        Assert.False(more.HasAttribute("open"));
        Assert.StartsWith("其他操作", more.QuerySelector("summary")!.TextContent.Trim());
        // issuing a notice again, a failed delivery, returned mail, a correction of the answer: folded
        foreach (var code in new[] { "notice", "delivery-failure", "returned-mail", "decision-correction" })
            Assert.True(page.Document.QuerySelectorAll($"form[data-step={code}]").All(f => f.Closest("details[data-more-steps]") is not null), $"{code} is not folded");
        // the answer's delivery, the next step: not folded
        var delivery = page.Document.QuerySelectorAll("form[data-step=delivery]");
        Assert.NotEmpty(delivery);
        Assert.All(delivery, f => Assert.Null(f.Closest("details[data-more-steps]")));
    }

    [Fact]
    public async Task The_report_page_shows_the_fee_notices_sent_and_the_fees_paid_in_the_year()
    {
        (await Put($"/api/agencies/{Agency}/settings/notices", new
        {
            agencyName = "三厂工业园区管理委员会", reconsiderationBody = "三厂镇人民政府", contactLines = new[] { "联系电话：0513-00000000" },
        })).ShouldBe(200);
        (await Put($"/api/agencies/{Agency}/settings/fees", new { charges = true, method = "per_page", paymentInstructions = new[] { "凭本通知到政务服务窗口缴纳" } })).ShouldBe(200);
        var number = await LogApplication();
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        var sent = await handler.SubmitAsync(page, new Dictionary<string, string> { ["sentOn"] = Today, ["pages"] = "60" }, "form[data-step=fee-notice]");
        Assert.True(sent.Status == 302, sent.ToString());
        page = await handler.GetAsync(sent.Location!);
        Assert.Equal(302, (await handler.SubmitAsync(page, new Dictionary<string, string> { ["paidOn"] = Today }, "form[data-step=fee-payment]")).Status);
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));

        var report = await Browser(Roles.Statistician).GetAsync($"/console/{Agency}/reports/2025");

        Assert.Equal("1", report.Text("[data-fee-notices]"));
        Assert.Equal("300", report.Text("[data-fee-noticed]"));
        Assert.Equal("300", report.Text("[data-fee-paid]"));
    }
}
