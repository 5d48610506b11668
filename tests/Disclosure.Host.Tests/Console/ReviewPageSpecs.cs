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
}
