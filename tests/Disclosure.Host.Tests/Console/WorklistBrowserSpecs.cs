using System.Text.RegularExpressions;
using Disclosure.Host.Security;
using Microsoft.Playwright;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// The worklist in a real browser: a supervisor shares an application out on its page (分办), the handler finds it under
/// 我的, and on a phone every case is a card whose number, subject, due date, days left and status fit the screen. Leaves
/// <c>.data/screenshots/worklist-desktop.png</c> (1366×900) and <c>worklist-phone.png</c> (390×844).
/// </summary>
[Collection("browser")]
public class WorklistBrowserSpecs(BrowserFixture fixture)
{
    private const string Agency = "worklist-park";

    [Fact]
    public async Task A_supervisor_assigns_an_application_and_the_handler_finds_it_under_mine_on_a_desk_and_as_a_card_on_a_phone()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        try
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            using var api = fixture.AdminApi();
            async Task<string> Send(string url, object body)
            {
                var reply = await api.PostAsync(url, System.Net.Http.Json.JsonContent.Create(body));
                var text = await reply.Content.ReadAsStringAsync();
                Assert.True(reply.IsSuccessStatusCode, $"{url}: {text}");
                return text;
            }
            await Send("/api/agencies", new { id = Agency, name = "工作台园区管委会" });
            // a morning's desk: one overdue, some due soon, one whose due date runs into a year with no holiday notice yet
            var requests = new (int DaysAgo, string Name, string Description)[]
            {
                (40, "林晓红", "2025年度园区企业环境影响评价文件及批复"),
                (27, "周敏", "幸福路拓宽改造工程房屋征收决定及补偿方案"),
                (26, "南通某科技有限公司", "本公司2024年高新技术企业认定申报材料的审核意见"),
                (20, "陈立新", "园区2025年财政预算执行情况和部门决算"),
                (6, "王海燕", "三厂街道老旧小区改造项目的招标文件、中标通知书和施工合同"),
                (1, "赵一鸣", "园区管委会2026年第三季度行政处罚决定书"),
            };
            var ids = new List<string>();
            foreach (var (daysAgo, name, description) in requests)
            {
                var created = await Send($"/api/agencies/{Agency}/applications", new
                {
                    channel = "online", receivedOn = today.AddDays(-daysAgo).ToString("yyyy-MM-dd"), description,
                    applicant = new { category = name.Contains("公司") ? "commercial_enterprise" : "natural_person", name },
                });
                ids.Add(System.Text.Json.JsonDocument.Parse(created).RootElement.GetProperty("id").GetString()!);
            }
            await Send($"/api/agencies/{Agency}/applications/{ids[1]}/assignment", new { handler = "wang.handler", department = "规划科", on = today.ToString("yyyy-MM-dd") });
            await Send($"/api/agencies/{Agency}/applications/{ids[3]}/assignment", new { department = "财政科", on = today.ToString("yyyy-MM-dd") });

            // the supervisor shares the first one out on its page
            await SignIn(page, "supervisor.xu", Roles.Supervisor, "法制科");
            var first = (await page.Locator("tr[data-case]").First.GetAttributeAsync("data-case"))!;
            await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/applications/{first}");
            await page.Locator("#step-assignment summary").ClickAsync();
            await page.Locator("form[data-step=assignment] [name=handler]").FillAsync("lin.handler");
            // the supervisor said at sign-in they work in 法制科: the department is picked from the agency's list (StaffRegister)
            await page.Locator("form[data-step=assignment]").GetByLabel("承办部门", new() { Exact = true }).SelectOptionAsync("法制科");
            await page.Locator("form[data-step=assignment] button[type=submit]").ClickAsync();
            await Expect(page.Locator("[data-assignment]")).ToHaveTextAsync("lin.handler（法制科）");
            await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}?scope=all");
            await Expect(page.Locator($"tr[data-case='{first}'] [data-handler]")).ToHaveTextAsync("lin.handler（法制科）");
            await Shot(page, "worklist-desktop");
            await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/workload");
            await Expect(page.Locator("tr[data-handler='lin.handler'] [data-open]")).ToHaveTextAsync("1");
            await Shot(page, "workload");
            await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

            // the handler, on a phone: 我的 holds the case, as a card that fits
            await page.SetViewportSizeAsync(390, 844);
            await SignIn(page, "lin.handler", Roles.Handler, "法制科");
            await page.GetByRole(AriaRole.Link, new() { Name = "我的" }).ClickAsync();
            await Expect(page.Locator("tr[data-case]")).ToHaveCountAsync(1);
            await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}?scope=all");
            Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), "the worklist is wider than a phone");
            foreach (var row in await page.Locator("tr[data-case]").AllAsync())
            {
                // the case number on one line; number, subject, due date, days left and status inside the screen
                var number = row.Locator("td.number a");
                var lineHeight = await number.EvaluateAsync<double>("a => parseFloat(getComputedStyle(a).lineHeight)");
                Assert.True((await number.BoundingBoxAsync())!.Height < lineHeight * 1.5, $"{await number.TextContentAsync()} wraps");
                foreach (var cell in new[] { "td.number", "td.subject", "td.due", "td.left", "td.status" })
                {
                    var box = await row.Locator(cell).BoundingBoxAsync();
                    Assert.True(box is not null && box.Width > 0 && box.X >= 0 && box.X + box.Width <= 390 + 0.5, $"{cell} of {await number.TextContentAsync()} is off-screen: {box?.X}+{box?.Width}");
                }
            }
            await Expect(page.Locator("[data-due-note]").First).ToContainTextAsync("节假日安排通知");
            await Shot(page, "worklist-phone");
        }
        catch
        {
            var failed = Path.Combine(fixture.Output, "journeys", "worklist-failed.png");
            Directory.CreateDirectory(Path.GetDirectoryName(failed)!);
            await page.ScreenshotAsync(new() { Path = failed, FullPage = true });
            File.WriteAllText(Path.ChangeExtension(failed, ".log"), fixture.HostLog);
            throw;
        }
    }

    private Task SignIn(IPage page, string user, string role, string department) => fixture.SignInAsync(page, user, role, Agency, department);

    private Task Shot(IPage page, string name) => fixture.ShotAsync(page, name);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
