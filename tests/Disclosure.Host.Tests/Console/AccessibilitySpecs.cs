using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Every page of the console, as a person with a screen reader, a keyboard or a phone meets it: axe-core 4.14 finds no
/// serious or critical violation on any page at 1366×900 and 390×844; a refused submit is announced and takes the
/// focus to a summary whose links lead to the fields; the focus is visible everywhere the keyboard goes. The count per
/// page is written to <c>.data/accessibility.txt</c>; screenshots of every page to <c>.data/screenshots/a11y-*</c>.
/// </summary>
[Collection("browser")]
public class AccessibilitySpecs(BrowserFixture fixture)
{
    private const string Agency = "a11y-park";
    private static readonly Dictionary<string, Task<Seeded>> SeededBy = new();

    /// <summary>An agency whose answers issue notices, with an answered application (its notice), a letter, and an application logged at the console.</summary>
    private sealed record Seeded(string Answered, string Letter, string Logged, string QueryCode);

    [Fact]
    public async Task Every_page_of_the_console_has_no_serious_or_critical_axe_violation_at_desktop_and_phone_width()
    {
        var seed = await SeedAsync();
        var counts = new List<(string Page, string Width, int Count)>();
        var failures = new List<string>();
        foreach (var (width, w, h) in Accessibility.Widths)
        {
            await using var context = await NewContextAsync(w, h);
            var page = await context.NewPageAsync();
            async Task Check(string name)
            {
                await Expect(page.Locator("h1")).ToBeVisibleAsync();
                var violations = await Accessibility.SeriousViolationsAsync(page);
                counts.Add((name, width, violations.Count));
                failures.AddRange(violations.Select(v => $"{name} @{width}: {v}"));
                await Shot(page, $"a11y-{name}-{width}");
            }
            async Task Visit(string name, string path)
            {
                await page.GotoAsync(fixture.BaseUrl + path);
                await Check(name);
            }

            await Visit("sign-in", "/console/sign-in");
            // the server names what is missing; the browser's bubble would not (the demo sign-in exists in Development only)
            await Expect(page.Locator("main form[method=post]")).ToHaveAttributeAsync("novalidate", "");
            await Visit("public-status", "/public/status");
            await page.Locator("#trackingNumber").FillAsync(seed.Logged);
            await page.Locator("#code").FillAsync("WRONG-CODE");
            await page.Locator("main form button[type=submit]").ClickAsync();
            await Check("public-status-not-found");
            await page.Locator("#trackingNumber").FillAsync(seed.Logged);
            await page.Locator("#code").FillAsync(seed.QueryCode);
            await page.Locator("main form button[type=submit]").ClickAsync();
            await Expect(page.Locator("section.saved")).ToBeVisibleAsync();
            await Check("public-status-found");

            await SignInAsync(page, $"a11y.admin.{width}", "admin");
            var console = $"/console/{Agency}";
            await Visit("worklist", console);
            await Visit("search", $"{console}/search");
            await Visit("search-results", $"{console}/search?q={Uri.EscapeDataString("规划")}");
            await Visit("search-refused", $"{console}/search?q=x&year=abc");
            await Visit("intake-application", $"{console}/applications/new");
            await page.Locator("[name='applicant.name']").FillAsync("");
            await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
            await Check("intake-application-refused");
            await Visit("intake-letter", $"{console}/letters/new");
            await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
            await Check("intake-letter-refused");
            await Visit("letters", $"{console}/letters");
            await Visit("case-letter", $"{console}/letters/{seed.Letter}");
            await Visit("case-application", $"{console}/applications/{seed.Logged}");
            await page.Locator("#step-decision summary").ClickAsync();
            await page.Locator("form[data-step=decision] button[type=submit]").ClickAsync();
            await Check("case-application-refused");
            await Visit("case-answered", $"{console}/applications/{seed.Answered}");
            var notice = page.Locator("a[href*='/notices/']").First;
            await page.GotoAsync(fixture.BaseUrl + await notice.GetAttributeAsync("href"));
            await Check("notice");
            await Visit("report", await FreshReportAsync(page));
            await Visit("report-cell", (await page.Locator("tr[data-row=disclosed] td[data-column=total] a").GetAttributeAsync("href"))!);
            await Visit("settings", $"{console}/settings");
            await page.Locator("form[action='?handler=Limits'] [name=acceptWithinWorkingDays]").FillAsync("2.5");
            await page.Locator("form[action='?handler=Limits'] button[type=submit]").ClickAsync();
            await Check("settings-refused");
            await Visit("templates", $"{console}/settings/templates");
            await Visit("template", $"{console}/settings/templates/answer");
            await Visit("not-found", $"{console}/applications/A11Y-0000-00000");
            await SignOutAsync(page);
            await Check("signed-out");

            await SignInAsync(page, $"a11y.stat.{width}", "statistician");
            await Check("report-statistician");
            await Visit("report-cell-statistician", (await page.Locator("tr[data-row=disclosed] td[data-column=total] a").GetAttributeAsync("href"))!);
            await Visit("denied", $"{console}/applications/{seed.Answered}");
        }
        var table = string.Join("\n", counts.GroupBy(c => c.Page).Select(g => $"{g.Key,-28} " + string.Join("  ", g.Select(c => $"{c.Width} {c.Count}"))));
        Directory.CreateDirectory(fixture.Output);
        await File.WriteAllTextAsync(Path.Combine(fixture.Output, "accessibility.txt"),
            $"axe-core 4.14, serious + critical violations per page ({counts.Count / 2} pages × {Accessibility.Widths.Length} widths)\n{table}\n");
        Assert.True(counts.Count >= 58, $"only {counts.Count} pages were checked");
        Assert.True(failures.Count == 0, $"{failures.Count} serious/critical violations:\n{string.Join("\n", failures)}\n\n{table}");
    }

    /// <summary>
    /// The applicant's side of 网上申请 (no sign-in): the guide, the form empty and refused, and the 办理进度 page of an online
    /// submission found by its code — awaiting confirmation, and confirmed with a 补正告知 to answer online.
    /// </summary>
    [Fact]
    public async Task The_online_application_pages_have_no_serious_or_critical_axe_violation_at_desktop_and_phone_width()
    {
        await SeedAsync();
        using var api = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        async Task<JsonElement> Send(string url, object body, bool asAdmin = false)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            if (asAdmin) request.Headers.Authorization = new("Bearer", AdminToken());
            var reply = await api.SendAsync(request);
            var text = await reply.Content.ReadAsStringAsync();
            Assert.True(reply.IsSuccessStatusCode, $"{url}: {text}");
            return text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        }
        object Form(string description) => new
        {
            applicant = new { category = "natural_person", name = "陈静", idType = "resident_id_card", idNumber = "11010519491231002X", phone = "13812345678", email = "chen@example.cn" },
            description, informationForm = "electronic_email", obtainBy = "email", electronicConsent = true,
        };
        var awaiting = await Send($"/public/agencies/{Agency}/applications", Form("2024年园区道路养护经费"));
        var corrected = await Send($"/public/agencies/{Agency}/applications", Form("园区规划文件"));
        var correctedNumber = corrected.GetProperty("trackingNumber").GetString()!;
        await Send($"/api/agencies/{Agency}/applications/{correctedNumber}/confirmation", new { }, asAdmin: true);
        var today = Today.ToString("yyyy-MM-dd");
        await Send($"/api/agencies/{Agency}/applications/{correctedNumber}/correction-request",
            new { sentOn = today, items = new[] { "写明所需文件的文号或名称" }, correctBy = Today.AddDays(15).ToString("yyyy-MM-dd") }, asAdmin: true);

        foreach (var (width, w, h) in Accessibility.Widths)
        {
            await using var context = await NewContextAsync(w, h);
            var page = await context.NewPageAsync();
            async Task Check(string name)
            {
                await Expect(page.Locator("h1")).ToBeVisibleAsync();
                await Shot(page, $"a11y-{name}-{width}");
                await Accessibility.AssertCleanAsync(page, name);
            }
            await page.GotoAsync(fixture.BaseUrl + "/apply");
            await Check("apply");
            await page.GotoAsync($"{fixture.BaseUrl}/apply/{Agency}");
            await Check("apply-form");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交申请", Exact = true }).ClickAsync();
            await Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
            await Check("apply-refused");
            foreach (var (name, found) in new[] { ("public-status-awaiting", awaiting), ("public-status-correction", corrected) })
            {
                await page.GotoAsync(fixture.BaseUrl + "/public/status");
                await page.Locator("#trackingNumber").FillAsync(found.GetProperty("trackingNumber").GetString()!);
                await page.Locator("#code").FillAsync(found.GetProperty("queryCode").GetString()!);
                await page.Locator("main form button[type=submit]").ClickAsync();
                await Expect(page.Locator("section.saved")).ToBeVisibleAsync();
                await Check(name);
            }
        }
    }

    private static string AdminToken() =>
        new Disclosure.Host.Security.AuthSettings { SigningKey = Disclosure.Host.Security.AuthSettings.DevelopmentKey }
            .IssueToken("a11y-admin", [Disclosure.Host.Security.Roles.Admin], [], TimeSpan.FromHours(1));

    [Fact]
    public async Task A_refused_submit_is_announced_and_the_focus_goes_to_a_summary_whose_links_lead_to_the_named_fields()
    {
        await SeedAsync();
        foreach (var (width, w, h) in Accessibility.Widths)
        {
            await using var context = await NewContextAsync(w, h);
            var page = await context.NewPageAsync();
            await SignInAsync(page, $"a11y.clerk.{width}", "intake");
            await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/applications/new");
            await page.Locator("[name=description]").FillAsync("2024年园区规划许可证发放情况");
            await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();

            var summary = page.Locator("[data-error-summary]");
            await Expect(summary).ToBeFocusedAsync();
            await Expect(summary).ToHaveAttributeAsync("role", "alert");
            await Expect(page.Locator("main > :first-child")).ToHaveAttributeAsync("data-error-summary", ""); // on top of the page
            await Expect(summary).ToBeInViewportAsync();
            await Expect(page).ToHaveTitleAsync(new Regex("^错误："));
            await Shot(page, $"error-summary-{width}");
            await Expect(summary.Locator("a[href='#applicant-name']")).ToHaveTextAsync("请填写姓名或名称。");
            await Expect(page.Locator("#applicant-name-error")).ToHaveTextAsync("请填写姓名或名称。");
            // the typed text is kept
            await Expect(page.Locator("[name=description]")).ToHaveValueAsync("2024年园区规划许可证发放情况");
            // the keyboard: from the summary, Tab reaches its first link; Enter moves the focus to that field
            await page.Keyboard.PressAsync("Tab");
            var first = await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')");
            Assert.StartsWith("#", first);
            await page.Keyboard.PressAsync("Enter");
            Assert.Equal(first[1..], await page.EvaluateAsync<string>("document.activeElement.id"));
            await summary.Locator("a[href='#applicant-name']").ClickAsync();
            await Expect(page.Locator("#applicant-name")).ToBeFocusedAsync();
            await Expect(page.Locator("label[for='applicant-name']")).ToBeInViewportAsync();
            await Shot(page, $"error-field-{width}");
        }
    }

    [Fact]
    public async Task The_keyboard_reaches_every_control_from_a_skip_link_and_the_focus_ring_stands_out_3_to_1_everywhere()
    {
        var seed = await SeedAsync();
        foreach (var (width, w, h) in Accessibility.Widths)
        {
            await using var context = await NewContextAsync(w, h);
            var page = await context.NewPageAsync();
            await SignInAsync(page, $"a11y.keys.{width}", "admin");
            var problems = new List<string>();
            foreach (var path in new[] { $"/console/{Agency}", $"/console/{Agency}/applications/new", $"/console/{Agency}/applications/{seed.Answered}",
                         $"/console/{Agency}/reports/{Today.Year}", $"/console/{Agency}/settings", $"/console/{Agency}/search" })
            {
                await page.GotoAsync(fixture.BaseUrl + path);
                if (!path.EndsWith("/search")) // the search page puts the focus in its box (autofocus)
                {
                    await page.Keyboard.PressAsync("Tab");
                    Assert.Equal("跳到正文", await page.EvaluateAsync<string>("document.activeElement.textContent"));
                }
                problems.AddRange((await Accessibility.FocusProblemsAsync(page)).Select(p => $"{path} @{width}: {p}"));
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    private static DateTime Today => DateTime.UtcNow.AddHours(8);

    /// <summary>Once per host (the specs of a class run one after another): a failure fails each spec with its message.</summary>
    private Task<Seeded> SeedAsync()
    {
        lock (SeededBy)
            return SeededBy.TryGetValue(fixture.BaseUrl, out var seeded) ? seeded : SeededBy[fixture.BaseUrl] = SeedOnceAsync();
    }

    private async Task<Seeded> SeedOnceAsync()
    {
        {
            using var api = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
            api.DefaultRequestHeaders.Authorization = new("Bearer",
                new Disclosure.Host.Security.AuthSettings { SigningKey = Disclosure.Host.Security.AuthSettings.DevelopmentKey }
                    .IssueToken("a11y-admin", [Disclosure.Host.Security.Roles.Admin], [], TimeSpan.FromHours(1)));
            async Task<JsonElement> Send(HttpMethod method, string url, object body)
            {
                var reply = await api.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) });
                var text = await reply.Content.ReadAsStringAsync();
                Assert.True(reply.IsSuccessStatusCode, $"{url}: {text}");
                return text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
            }
            var today = Today.ToString("yyyy-MM-dd");
            await Send(HttpMethod.Post, "/api/agencies", new { id = Agency, name = "无障碍测试管委会" });
            await Send(HttpMethod.Put, $"/api/agencies/{Agency}/settings/notices", new
            {
                agencyName = "无障碍测试园区管理委员会", reconsiderationBody = "三厂镇人民政府", contactLines = new[] { "联系电话：0513-00000000" },
            });
            var answered = await Send(HttpMethod.Post, $"/api/agencies/{Agency}/applications", new
            {
                channel = "online", receivedOn = today, description = "2024年园区建设工程规划许可证发放情况",
                applicant = new { category = "natural_person", name = "林晓红", idNumber = "320102198807156621", phone = "13951234567" },
            });
            await Send(HttpMethod.Post, $"/api/agencies/{Agency}/applications/{answered.GetProperty("id").GetString()}/decision", new
            {
                decidedOn = today, outcome = "disclosed",
                notice = new { provision = new[] { "以电子邮件方式提供，自本告知书送达之日起可随时获取。" } },
            });
            var letter = await Send(HttpMethod.Post, $"/api/agencies/{Agency}/letters", new
            {
                channel = "online", category = "suggestion", subject = "建议增设公交站", body = "建议在园区东门增设公交站", receivedOn = today,
                writer = new { name = "李四", phone = "13900001111" },
            });

            // an application logged at the console: its query code is shown once, for the public look-up
            await using var context = await NewContextAsync(1366, 900);
            var page = await context.NewPageAsync();
            await SignInAsync(page, "a11y.clerk", "intake");
            await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/applications/new");
            await page.Locator("[name=channel]").SelectOptionAsync("in_person");
            await page.Locator("[name='applicant.category']").SelectOptionAsync("natural_person");
            await page.Locator("[name='applicant.name']").FillAsync("周敏");
            await page.Locator("[name='applicant.phone']").FillAsync("13812345678");
            await page.Locator("[name=description]").FillAsync("园区道路绿化养护合同");
            await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
            var logged = (await page.Locator("[data-tracking-number]").TextContentAsync())!.Trim();
            var code = (await page.Locator("[data-query-code]").TextContentAsync())!.Trim();
            return new Seeded(answered.GetProperty("trackingNumber").GetString()!, letter.GetProperty("trackingNumber").GetString()!, logged, code);
        }
    }

    /// <summary>The report's path once its statistics include the answer (the async daemon: about a second).</summary>
    private async Task<string> FreshReportAsync(IPage page)
    {
        var path = $"/console/{Agency}/reports/{Today.Year}";
        await page.GotoAsync(fixture.BaseUrl + path);
        for (var i = 0; i < 60 && await page.Locator("[data-stale]").CountAsync() > 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        return path;
    }

    private async Task<IBrowserContext> NewContextAsync(int width, int height) =>
        await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN" });

    private Task SignInAsync(IPage page, string user, string role) => fixture.SignInAsync(page, user, role, Agency);

    private static Task SignOutAsync(IPage page) => BrowserFixture.SignOutAsync(page);

    private Task Shot(IPage page, string name) => fixture.ShotAsync(page, name);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
