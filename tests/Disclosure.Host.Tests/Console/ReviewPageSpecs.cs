using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Console;

/// <summary>The review cases in the console: filed through the application's step, listed with their reply due date, overdue marked.</summary>
public class ReviewPageSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    [Fact]
    public async Task A_review_filed_on_the_case_page_is_listed_with_its_reply_due_date_and_shows_overdue_once_missed()
    {
        var number = await LogApplication();
        (await Post($"/api/agencies/{Agency}/applications/{number}/decision", new { decidedOn = Today, outcome = "withheld_state_secret" })).ShouldBe(200);
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Null(page.Document.QuerySelector("#reviews")); // no review yet: no section
        var filed = await handler.SubmitAsync(page, new Dictionary<string, string>
        {
            ["kind"] = "reconsideration", ["filedOn"] = Today, ["receivedOn"] = Today, ["procedure"] = "simplified",
        }, "form[data-step=review]");
        Assert.Equal(302, filed.Status);

        // 5 working days from Monday 30 June 2025 (行政复议法第五十四条): 1–4 July, then Monday 7 July
        var casePage = await handler.GetAsync(filed.Location!);
        var row = casePage.Document.QuerySelector("#reviews [data-review=SP-F2025-00001]");
        Assert.NotNull(row);
        Assert.Contains("2025-07-07", row!.TextContent);
        Assert.Contains("简易程序", row.TextContent);

        var list = await handler.GetAsync($"/console/{Agency}/reviews");
        Assert.Equal("复议诉讼", list.H1);
        Assert.Equal("2025-07-07", list.Text("[data-review=SP-F2025-00001] [data-reply-due]"));
        Assert.Equal("答复逾期 0 件", list.Text("[data-overdue-count]"));
        Assert.Equal("page", list.Document.QuerySelector("nav a[aria-current=page]")?.GetAttribute("aria-current"));
        Assert.Contains("复议诉讼", list.Document.QuerySelector("nav a[aria-current=page]")!.TextContent);

        Clock.Now = new DateTimeOffset(2025, 7, 8, 9, 0, 0, TimeSpan.FromHours(8));
        var late = await Browser(Roles.Handler).GetAsync($"/console/{Agency}/reviews?overdue=true"); // a session of that day
        Assert.Equal("答复逾期 1 件", late.Text("[data-overdue-count]"));
        Assert.Contains("已逾期", late.Text("[data-review=SP-F2025-00001]"));
    }

    private async Task<(string Application, string Review)> ReviewFiled()
    {
        var number = await LogApplication();
        (await Post($"/api/agencies/{Agency}/applications/{number}/decision", new { decidedOn = Today, outcome = "withheld_state_secret" })).ShouldBe(200);
        var handler = Browser(Roles.Handler);
        var filed = await handler.SubmitAsync(await handler.GetAsync($"/console/{Agency}/applications/{number}"), new Dictionary<string, string>
        {
            ["kind"] = "reconsideration", ["filedOn"] = Today, ["receivedOn"] = Today, ["procedure"] = "simplified",
        }, "form[data-step=review]");
        Assert.Equal(302, filed.Status);
        return (number, "SP-F2025-00001");
    }

    [Fact]
    public async Task A_review_is_replied_to_and_decided_on_its_own_page_and_a_revoking_decision_reopens_the_application()
    {
        var (application, review) = await ReviewFiled();
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/reviews/{review}");
        Assert.Equal(200, page.Status);
        Assert.Equal($"复议诉讼 {review}", page.H1);
        Assert.Equal("2025-07-07", page.Text("[data-reply-due]"));
        Assert.Contains("第五十四条", page.Text("[data-reply-rule]"));
        Assert.Equal(application, page.Text("[data-application-number]"));
        Assert.NotNull(page.Document.QuerySelector("form[data-step=review-reply]"));
        // the outcomes are the vocabulary's
        Assert.Contains("撤销（行政复议法第六十四条）", page.Document.QuerySelector("form[data-step=review-decision] select[name=outcome]")!.TextContent);

        // bad input: the field named, in Chinese, nothing written
        var bad = await handler.SubmitAsync(page, new Dictionary<string, string> { ["filedOn"] = Today, ["evidence"] = " " }, "form[data-step=review-reply]");
        Assert.Equal(400, bad.Status);
        Assert.NotNull(bad.ErrorOf("evidence"));
        Assert.Equal("待答复", (await handler.GetAsync($"/console/{Agency}/reviews/{review}")).Text("[data-status]"));

        var replied = await handler.SubmitAsync(page, new Dictionary<string, string> { ["filedOn"] = Today, ["evidence"] = "政府信息公开申请答复书\n定密依据" },
            "form[data-step=review-reply]");
        Assert.Equal(302, replied.Status);
        page = await handler.GetAsync(replied.Location!);
        Assert.Equal("已登记：提交书面答复（答辩状）及证据", page.Text(".flash"));
        Assert.Equal(["政府信息公开申请答复书", "定密依据"], page.Document.QuerySelectorAll("[data-evidence] li").Select(li => li.TextContent).ToArray());
        Assert.Null(page.Document.QuerySelector("form[data-step=review-reply]")); // once

        // 撤销 with a period for the new answer (行政复议法第六十四条): the application owes a new answer
        Clock.Now = new DateTimeOffset(2025, 7, 21, 9, 0, 0, TimeSpan.FromHours(8));
        handler = Browser(Roles.Handler);
        page = await handler.GetAsync($"/console/{Agency}/reviews/{review}");
        var decided = await handler.SubmitAsync(page, new Dictionary<string, string>
        {
            ["decidedOn"] = "2025-07-18", ["outcome"] = "revoked", ["newAnswerBy"] = "2025-08-15",
        }, "form[data-step=review-decision]");
        Assert.Equal(302, decided.Status);
        page = await handler.GetAsync(decided.Location!);
        Assert.Equal("撤销（行政复议法第六十四条）（2025-07-18）", page.Text("[data-outcome]"));
        Assert.Equal("结果纠正", page.Text("[data-result]"));
        Assert.StartsWith("2025-08-15", page.Text("[data-new-answer-by]"));
        Assert.Null(page.Document.QuerySelector("form[data-step=review-decision]"));
        var app = await handler.GetAsync($"/console/{Agency}/applications/{application}");
        Assert.Contains("2025-08-15", app.Text("[data-new-answer]"));
        var api = (await Get($"/api/agencies/{Agency}/reviews/{review}")).ShouldBe(200);
        Assert.Equal(("revoked", "2025-08-15"), (api.Str("outcome"), api.Str("newAnswerBy")));
    }

    private static List<string> Cases(Page worklist) =>
        worklist.Document.QuerySelectorAll("table.worklist tbody tr").Select(r => r.GetAttribute("data-case")!).ToList();

    [Fact]
    public async Task A_review_whose_reply_is_due_soon_or_overdue_is_on_the_worklist_next_to_the_applications_and_counted()
    {
        var (_, review) = await ReviewFiled(); // simplified: the reply is due on Monday 7 July 2025
        var open = await LogApplication();     // received 27 June: due 25 July (20 working days)

        // Monday 30 June: on the list, not yet due soon (the reminder starts 3 working days before: 2 July)
        var list = await Browser(Roles.Handler).GetAsync($"/console/{Agency}?scope=all");
        Assert.True(list.Status == 200, string.Join("\n", Fixture.Logs.Lines.Where(l => l.Contains("Exception")).TakeLast(2)));
        Assert.Equal([review, open], Cases(list));
        Assert.Equal(("0", "0"), (Count(list, "逾期"), Count(list, "前到期")));
        var row = list.Document.QuerySelector($"tr[data-case='{review}']")!;
        Assert.Equal($"/console/{Agency}/reviews/{review}", row.QuerySelector("td.number a")!.GetAttribute("href"));
        Assert.Contains("复议诉讼", row.QuerySelector("[data-subject]")!.TextContent);
        Assert.Equal("2025-07-07", row.QuerySelector("[data-due]")!.TextContent.Trim());

        // Thursday 3 July: due soon; Tuesday 8 July: overdue, and the sweep's reminder links to the review
        Clock.Now = new DateTimeOffset(2025, 7, 3, 9, 0, 0, TimeSpan.FromHours(8));
        list = await Browser(Roles.Handler).GetAsync($"/console/{Agency}?scope=all");
        Assert.Equal(("0", "1"), (Count(list, "逾期"), Count(list, "前到期")));
        Assert.Contains("due-soon", list.Document.QuerySelector($"tr[data-case='{review}']")!.ClassName);
        Clock.Now = new DateTimeOffset(2025, 7, 8, 0, 5, 0, TimeSpan.FromHours(8));
        await Jobs.JobWait.FinishedAsync(Host, Admin, await Post("/api/deadlines/sweep", new { }));
        list = await Browser(Roles.Handler).GetAsync($"/console/{Agency}?scope=all&kind=review");
        Assert.Equal([review], Cases(list));
        Assert.Equal(("1", "0"), (Count(list, "逾期"), Count(list, "前到期")));
        Assert.Contains("overdue", list.Document.QuerySelector($"tr[data-case='{review}']")!.ClassName);
        var reminder = list.Document.QuerySelectorAll(".reminders a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/console/{Agency}/reviews/{review}", reminder);

        // replied: nothing more is owed by the agency, it leaves the worklist (the 复议诉讼 page keeps it until decided)
        (await Post($"/api/agencies/{Agency}/reviews/{review}/reply", new { filedOn = "2025-07-08", evidence = new[] { "答复书" } })).ShouldBe(200);
        Assert.DoesNotContain(review, Cases(await Browser(Roles.Handler).GetAsync($"/console/{Agency}?scope=all")));
    }

    /// <summary>The worklist's count badge whose text has <paramref name="word"/>: "逾期 1 件" → "1".</summary>
    private static string Count(Page list, string word) =>
        System.Text.RegularExpressions.Regex.Match(list.Document.QuerySelectorAll("p .badge").Select(b => b.TextContent).First(t => t.Contains(word)), @"(\d+) 件").Groups[1].Value;
}
