using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// A refused submit as the best public-service forms answer it (the GOV.UK error summary): a summary on top of the page,
/// announced (role=alert) and focused, listing each problem as a link to its field; each field's own message names the
/// field; what was typed is kept. A refusal of the page itself (无权访问, 页面不存在) is a page of the console — header,
/// menu and a way back — not a dead end. (The browser behaviour — the focus, the links — is in AccessibilitySpecs.)
/// </summary>
public class ErrorSummarySpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    [Fact]
    public async Task A_refused_intake_lists_each_problem_on_top_as_a_link_to_its_named_field_and_keeps_what_was_typed()
    {
        var clerk = Browser(Roles.Intake);
        var form = await clerk.GetAsync($"/console/{Agency}/applications/new");
        Assert.Null(form.Document.QuerySelector("[data-error-summary]"));
        var fields = ApplicationForm();
        fields["applicant.name"] = "";
        fields["channel"] = "";
        fields["receivedOn"] = "30/06/2025";
        fields["description"] = "2024年园区规划许可证";
        var refused = await clerk.SubmitAsync(form, fields);
        Assert.Equal(400, refused.Status);

        var summary = refused.Document.QuerySelector("main > [data-error-summary]")!;
        Assert.Same(summary, refused.Document.QuerySelector("main")!.FirstElementChild); // on top, before the heading
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.True(summary.HasAttribute("autofocus"));
        Assert.Equal("存在以下问题", summary.QuerySelector("h2")!.TextContent.Trim());
        Assert.StartsWith("错误：", refused.Document.Title);
        var links = summary.QuerySelectorAll("li a").Select(a => (Href: a.GetAttribute("href"), Text: a.TextContent.Trim())).ToList();
        // in the order of the page; a message that does not name its field is preceded by the field's label
        var (channel, receivedOn) = (FieldLabel(refused, "channel"), FieldLabel(refused, "receivedOn"));
        Assert.Equal(
            [("#channel", $"请选择{channel}。"), ("#receivedOn", $"{receivedOn}：请按“年-月-日”填写日期，如 2025-03-03。"), ("#applicant-name", "请填写姓名或名称。")],
            links);
        // each link leads to an input of that id, whose own message names the field
        foreach (var (href, _) in links) Assert.NotNull(refused.Document.QuerySelector(href!));
        Assert.Equal("请填写姓名或名称。", refused.ErrorOf("applicant.name"));
        Assert.Equal("applicant-name-error", refused.Document.QuerySelector("#applicant-name")!.GetAttribute("aria-describedby"));
        Assert.Equal("2024年园区规划许可证", refused.Document.QuerySelector("[name=description]")!.TextContent);
    }

    [Fact]
    public async Task A_refused_step_on_the_case_page_is_summarised_on_top_with_a_link_into_the_open_step()
    {
        var number = await LogApplication();
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        var refused = await handler.SubmitAsync(page, new Dictionary<string, string> { ["decidedOn"] = Today, ["outcome"] = "" }, "form[data-step=decision]");
        Assert.Equal(400, refused.Status);
        var link = Assert.Single(refused.Document.QuerySelectorAll("main > [data-error-summary] li a"));
        Assert.Equal("请选择办理结果。", link.TextContent.Trim());
        var target = refused.Document.QuerySelector(link.GetAttribute("href")!)!;
        Assert.Equal("outcome", target.GetAttribute("name"));
        Assert.True(target.Closest("details")!.HasAttribute("open"));
    }

    [Fact]
    public async Task A_page_that_was_not_refused_has_no_summary_and_every_form_leaves_checking_to_the_server()
    {
        var number = await LogApplication();
        var pages = new (string Role, string Url)[]
        {
            (Roles.Intake, $"/console/{Agency}/applications/new"), (Roles.Intake, $"/console/{Agency}/letters/new"),
            (Roles.Admin, $"/console/{Agency}/applications/{number}"), (Roles.Admin, $"/console/{Agency}/settings"),
            (Roles.Admin, $"/console/{Agency}/settings/templates/answer"), (Roles.Admin, $"/console/{Agency}/reports/2025"),
            (Roles.Admin, $"/console/{Agency}/search"),
        };
        foreach (var (role, url) in pages)
        {
            var page = await Browser(role).GetAsync(url);
            Assert.True(page.Status == 200, $"{url}: {page.Status}");
            Assert.Null(page.Document.QuerySelector("[data-error-summary]"));
            // the browser's own check would stop the submit with a bubble naming no field, one problem at a time
            var checkedByBrowser = page.Document.QuerySelectorAll("form[method=post]:not([novalidate])")
                .Where(f => f.QuerySelector("[required], [min], [max], [maxlength], input[type=number], input[type=date]") is not null).ToList();
            Assert.True(checkedByBrowser.Count == 0, $"{url}: {string.Join(", ", checkedByBrowser.Select(f => f.GetAttribute("action")))}");
        }
        var signIn = await new ConsoleClient(Host.Server).GetAsync("/public/status");
        Assert.Empty(signIn.Document.QuerySelectorAll("form[method=post]:not([novalidate])"));
    }

    [Fact]
    public async Task A_refused_search_and_a_refused_settings_form_are_summarised_too()
    {
        var handler = Browser(Roles.Handler);
        var search = await handler.GetAsync($"/console/{Agency}/search?q=x&year=abc");
        var item = Assert.Single(search.Document.QuerySelectorAll("[data-error-summary] li a"));
        Assert.Equal("#year", item.GetAttribute("href"));
        Assert.Contains("年", item.TextContent);

        var supervisor = Browser(Roles.Supervisor);
        var settings = await supervisor.GetAsync($"/console/{Agency}/settings");
        var refused = await supervisor.SubmitAsync(settings, new Dictionary<string, string> { ["acceptWithinWorkingDays"] = "2.5", ["replyWithinWorkingDays"] = "" }, "form[action='?handler=Limits']");
        Assert.Equal(400, refused.Status);
        var hrefs = refused.Document.QuerySelectorAll("[data-error-summary] li a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(hrefs);
        Assert.All(hrefs, h => Assert.NotNull(refused.Document.QuerySelector(h)));
    }

    [Fact]
    public async Task A_refused_page_is_a_page_of_the_console_with_its_menu_and_a_way_back()
    {
        var number = await LogApplication();
        // a statistician at a case: 无权访问, with the menu, the report to go back to, and the browser's own back
        var denied = await Browser(Roles.Statistician).GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Equal(403, denied.Status);
        Assert.Equal("无权访问", denied.H1);
        Assert.NotNull(denied.Document.QuerySelector("header.top nav a[href='/console/sanchang-park/reports/2025']"));
        Assert.NotNull(denied.Document.QuerySelector("header.top .who button"));
        Assert.Equal("/console/sanchang-park/reports/2025", denied.Document.QuerySelector("[data-home]")!.GetAttribute("href"));
        Assert.NotNull(denied.Document.QuerySelector("[data-history-back]"));
        Assert.Equal("zh-CN", denied.Document.DocumentElement.GetAttribute("lang"));

        var missing = await Browser(Roles.Handler).GetAsync($"/console/{Agency}/applications/SP-2025-99999");
        Assert.Equal(404, missing.Status);
        Assert.Equal("页面不存在", missing.H1);
        Assert.Equal("/console/sanchang-park", missing.Document.QuerySelector("[data-home]")!.GetAttribute("href"));
        Assert.NotNull(missing.Document.QuerySelector("header.top nav a[href='/console/sanchang-park/search']"));
    }

    [Fact]
    public async Task The_statisticians_drill_down_names_the_cases_without_links_into_pages_they_may_not_open_and_zeros_are_no_links()
    {
        var number = await LogApplication();
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Equal(302, (await handler.SubmitAsync(page, new Dictionary<string, string> { ["decidedOn"] = Today, ["outcome"] = "disclosed" }, "form[data-step=decision]")).Status);
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));

        var statistician = Browser(Roles.Statistician);
        var report = await statistician.GetAsync($"/console/{Agency}/reports/2025");
        var figures = report.Document.QuerySelectorAll("table[data-table=applications] td, table[data-table=reviews] td").ToList();
        Assert.Contains(figures, td => td.TextContent.Trim() == "1" && td.QuerySelector("a") is not null);
        var zeros = figures.Where(td => td.TextContent.Trim() == "0").ToList();
        Assert.NotEmpty(zeros);
        Assert.All(zeros, td => Assert.Null(td.QuerySelector("a")));

        var cell = report.Document.QuerySelector("tr[data-row=disclosed] td[data-column=total] a")!.GetAttribute("href")!;
        var cases = await statistician.GetAsync(cell);
        Assert.Equal(number, cases.Text("[data-case]"));
        Assert.Null(cases.Document.QuerySelector($"a[href$='/applications/{number}']"));
        Assert.NotNull(cases.Document.QuerySelector("[data-no-case-links]"));
        // a supervisor may open the case: the number is a link
        var supervisor = await Browser(Roles.Supervisor).GetAsync(cell);
        Assert.NotNull(supervisor.Document.QuerySelector($"a[data-case][href$='/applications/{number}']"));
        Assert.Null(supervisor.Document.QuerySelector("[data-no-case-links]"));
    }

    private static string FieldLabel(Page page, string name) =>
        page.Document.QuerySelector($"label[for='{page.Document.QuerySelector($"[name='{name}']")!.Id}']")!.ChildNodes[0].TextContent.Trim();
}
