using System.Text.RegularExpressions;
using Disclosure.Host.Security;
using Microsoft.Playwright;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// A review case in a real browser: the 行政复议 filed on the application's page, the reply with its evidence filed on the
/// review's own page (the evidence bundle kept with it, downloaded as a PDF), the decision 撤销 with a period for the new
/// answer — the application then owes it. axe-clean at each width; leaves <c>.data/screenshots/review-case.png</c> and the
/// downloaded bundle <c>.data/review-evidence.pdf</c>.
/// </summary>
[Collection("browser")]
public class ReviewBrowserSpecs(BrowserFixture fixture)
{
    private const string Agency = "review-park";

    [Fact]
    public async Task A_review_is_filed_replied_to_with_its_evidence_and_decided_in_the_console()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "zh-CN", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        try
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd");
            using var api = fixture.AdminApi();
            async Task<string> Send(string url, object body)
            {
                var reply = await api.PostAsync(url, System.Net.Http.Json.JsonContent.Create(body));
                var text = await reply.Content.ReadAsStringAsync();
                Assert.True(reply.IsSuccessStatusCode, $"{url}: {text}");
                return text;
            }
            await Send("/api/agencies", new { id = Agency, name = "复议园区管委会" });
            var created = await Send($"/api/agencies/{Agency}/applications", new
            {
                channel = "online", receivedOn = Day(-30), description = "园区2025年度土地征收补偿安置方案",
                applicant = new { category = "natural_person", name = "顾晓明" },
            });
            var number = System.Text.Json.JsonDocument.Parse(created).RootElement.GetProperty("trackingNumber").GetString()!;
            await Send($"/api/agencies/{Agency}/applications/{number}/decision", new { decidedOn = Day(-10), outcome = "withheld_state_secret" });

            await fixture.SignInAsync(page, "lin.handler", Roles.Handler, Agency);
            // 行政复议 filed on the application's page
            await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/applications/{number}");
            // a review is off the main road: folded under 其他操作 with the other secondary steps
            await page.Locator("details[data-more-steps] > summary").ClickAsync();
            await page.Locator("#step-review summary").ClickAsync();
            var review = page.Locator("form[data-step=review]");
            await review.Locator("[name=kind]").SelectOptionAsync("reconsideration");
            await review.Locator("[name=filedOn]").FillAsync(Day(-2));
            await review.Locator("[name=receivedOn]").FillAsync(Day(-1));
            await review.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator("#reviews [data-review] a")).ToBeVisibleAsync();

            // its own page, from the application's review section
            await page.Locator("#reviews [data-review] a").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync(new Regex("^复议诉讼 "));
            await Expect(page.Locator("[data-status]")).ToHaveTextAsync("待答复");
            await Accessibility.AssertCleanAsync(page, "review case awaiting its reply");

            // the reply with its evidence (行政复议法第四十八条)
            await page.Locator("#step-review-reply summary").ClickAsync();
            var reply = page.Locator("form[data-step=review-reply]");
            await reply.Locator("[name=filedOn]").FillAsync(Day(0));
            await reply.Locator("[name=evidence]").FillAsync("政府信息公开申请答复书\n保密审查意见");
            await reply.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator(".flash")).ToHaveTextAsync("已登记：提交书面答复（答辩状）及证据");
            await Expect(page.Locator("[data-evidence] li")).ToHaveCountAsync(2);

            // the evidence bundle, kept once the reply is stored: downloaded from the page
            for (var tries = 0; await page.Locator("[data-evidence-download]").CountAsync() == 0; tries++)
            {
                Assert.True(tries < 120, "The evidence bundle was not kept within a minute of the reply.");
                await Task.Delay(500);
                await page.ReloadAsync();
            }
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-evidence-download]").ClickAsync());
            var pdf = Path.Combine(fixture.Output, "review-evidence.pdf");
            await download.SaveAsAsync(pdf);
            var bytes = await File.ReadAllBytesAsync(pdf);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
            using (var document = UglyToad.PdfPig.PdfDocument.Open(bytes))
                Assert.Contains($"政府信息公开申请{number}证据材料", string.Concat(document.GetPage(1).Text.Where(c => !char.IsWhiteSpace(c))));

            // the decision: 撤销, a new answer within the period the decision sets (行政复议法第六十四条)
            await page.Locator("#step-review-decision summary").ClickAsync();
            var decision = page.Locator("form[data-step=review-decision]");
            await decision.Locator("[name=decidedOn]").FillAsync(Day(0));
            await decision.Locator("[name=outcome]").SelectOptionAsync("revoked");
            await decision.Locator("[name=newAnswerBy]").FillAsync(Day(30));
            await decision.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator("[data-outcome]")).ToContainTextAsync("撤销（行政复议法第六十四条）");
            await Expect(page.Locator("[data-new-answer-by]")).ToContainTextAsync(Day(30));
            foreach (var (name, width, height) in Accessibility.Widths)
            {
                await page.SetViewportSizeAsync(width, height);
                await Accessibility.AssertCleanAsync(page, $"review case decided ({name})");
            }
            await page.SetViewportSizeAsync(1366, 900);
            await fixture.ShotAsync(page, "review-case");

            // the application owes the new answer
            await page.Locator("[data-application-number]").ClickAsync();
            await Expect(page.Locator("[data-new-answer]")).ToContainTextAsync(Day(30));
        }
        catch
        {
            var failed = Path.Combine(fixture.Output, "journeys", "review-failed.png");
            Directory.CreateDirectory(Path.GetDirectoryName(failed)!);
            await page.ScreenshotAsync(new() { Path = failed, FullPage = true });
            File.WriteAllText(Path.ChangeExtension(failed, ".log"), fixture.HostLog);
            throw;
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
