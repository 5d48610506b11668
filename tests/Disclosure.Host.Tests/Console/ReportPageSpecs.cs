using Disclosure.Host.Security;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Console;

public class ReportPageSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private async Task Decided(string number)
    {
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Equal(302, (await handler.SubmitAsync(page, new Dictionary<string, string> { ["decidedOn"] = Today, ["outcome"] = "disclosed" }, "form[data-step=decision]")).Status);
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Each_figure_of_table_three_links_to_the_cases_behind_it()
    {
        var number = await LogApplication();
        await Decided(number);
        var statistician = Browser(Roles.Statistician);
        var report = await statistician.GetAsync($"/console/{Agency}/reports/2025");
        Assert.Equal(200, report.Status);
        var cell = report.Document.QuerySelector("tr[data-row=disclosed] td[data-column=natural_person] a")!;
        Assert.Equal("1", cell.TextContent.Trim());
        var cases = await statistician.GetAsync(cell.GetAttribute("href")!);
        Assert.Equal([number], cases.Document.QuerySelectorAll("[data-case]").Select(a => a.TextContent.Trim()));
        Assert.Contains("统计已是最新", report.Html);
        Assert.NotEmpty(report.Document.QuerySelectorAll("ul.checks li.check-ok"));
    }

    [Fact]
    public async Task Table_two_and_the_narrative_are_entered_and_bad_figures_are_refused_next_to_their_cell()
    {
        var statistician = Browser(Roles.Statistician);
        var report = await statistician.GetAsync($"/console/{Agency}/reports/2025");
        var before = await EventCount();
        var refused = await statistician.SubmitAsync(report, new Dictionary<string, string> { ["rows[0].values[0]"] = "十二" }, "form[action='?handler=Proactive']");
        Assert.Equal(400, refused.Status);
        Assert.Equal("请填写数字。", refused.ErrorOf("rows[0].values[0]"));
        Assert.Equal(before, await EventCount());
        var saved = await statistician.SubmitAsync(report, new Dictionary<string, string> { ["rows[0].values[0]"] = "12" }, "form[action='?handler=Proactive']");
        Assert.True(saved.Status == 302, saved.ToString());
        var narrative = await statistician.SubmitAsync(report, new Dictionary<string, string> { ["overview"] = "本年度政府信息公开工作平稳有序。" }, "form[action='?handler=Narrative']");
        Assert.True(narrative.Status == 302, $"{narrative.Status} {narrative.Problem} {narrative.ErrorOf("overview")} {narrative.ErrorOf("problems")}");
        var api = (await Get($"/api/agencies/{Agency}/reports/2025", Token(Roles.Statistician, Agency))).ShouldBe(200).Json;
        Assert.Equal(12m, api.GetProperty("tables").GetProperty("proactive")[0].GetProperty("values")[0].GetDecimal());
        Assert.Equal("本年度政府信息公开工作平稳有序。", api.GetProperty("narrative").GetProperty("overview").GetString());
    }

    [Fact]
    public async Task A_publication_dated_in_the_future_is_refused_next_to_its_date_and_records_nothing()
    {
        var statistician = Browser(Roles.Statistician);
        var report = await statistician.GetAsync($"/console/{Agency}/reports/2024");
        var before = await EventCount();
        var refused = await statistician.SubmitAsync(report, new Dictionary<string, string> { ["publishedOn"] = "2025-07-01" }, "form[action='?handler=Publication']");
        Assert.Equal(400, refused.Status);
        Assert.Equal("公开日期不能晚于今天。", refused.ErrorOf("publishedOn"));
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task The_report_downloads_as_csv_and_xlsx_and_the_API_serves_xlsx_too()
    {
        var statistician = Browser(Roles.Statistician);
        var csv = await statistician.GetAsync($"/console/{Agency}/reports/2025/download/csv");
        Assert.Equal("text/csv", csv.ContentType);
        Assert.Contains("applications,received", csv.Html);
        var xlsx = await statistician.GetAsync($"/console/{Agency}/reports/2025/download/xlsx");
        Assert.Equal(200, xlsx.Status);
        var api = await Send(HttpMethod.Get, $"/api/agencies/{Agency}/reports/2025?format=xlsx", null, Token(Roles.Statistician, Agency));
        Assert.Equal(200, api.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", api.ContentType);
        Assert.StartsWith("PK", api.Body); // a zip package
    }

    [Fact]
    public async Task A_figure_of_table_four_lists_its_cases()
    {
        var number = await LogApplication();
        await Decided(number);
        var id = (await Get($"/api/agencies/{Agency}/applications/{number}")).Str("id");
        (await Post($"/api/agencies/{Agency}/applications/{id}/reviews", new { kind = "reconsideration", filedOn = Today }, Token(Roles.Handler, Agency))).ShouldBe(201);
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var pending = (await Get($"/api/agencies/{Agency}/reports/2025/reviews/3", Token(Roles.Statistician, Agency))).ShouldBe(200).Json;
        Assert.Equal(1, pending.GetProperty("count").GetInt32());
        var page = await Browser(Roles.Statistician).GetAsync($"/console/{Agency}/reports/2025/reviews/3");
        Assert.Equal([number], page.Document.QuerySelectorAll("[data-case]").Select(a => a.TextContent.Trim()));
        (await Get($"/api/agencies/{Agency}/reports/2025/reviews/0", Token(Roles.Statistician, Agency))).ShouldBe(200);
    }
}
