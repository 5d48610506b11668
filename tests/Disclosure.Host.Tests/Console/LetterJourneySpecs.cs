using Microsoft.Playwright;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// 网上写信 in a real browser: a writer writes on a phone (390×844) without signing in → gets the number and query code → a
/// handler accepts and answers it in the console, marking the reply publishable → the reply appears in the agency's 来信选登,
/// without the writer's name or phone; the writer reads it on the status page. Every public page of the letters passes
/// axe-core at phone and desktop width. Screenshots land in <c>.data/screenshots/</c>.
/// </summary>
[Collection("browser")]
public class LetterJourneySpecs(BrowserFixture fixture)
{
    private const string Agency = "letter-park";
    private const string Title = "园区东门路灯损坏夜间出行不便";

    [Fact]
    public async Task A_letter_written_on_a_phone_is_answered_in_the_console_and_its_reply_appears_in_the_public_list()
    {
        await using var context = await fixture.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, Locale = "zh-CN", IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        try
        {
            await Journey(page);
        }
        catch
        {
            var failed = Path.Combine(fixture.Output, "journeys", "letter-failed.png");
            Directory.CreateDirectory(Path.GetDirectoryName(failed)!);
            await page.ScreenshotAsync(new() { Path = failed, FullPage = true });
            File.WriteAllText(Path.ChangeExtension(failed, ".log"), fixture.HostLog);
            throw;
        }
    }

    private async Task Journey(IPage page)
    {
        await EnsureAgencyAsync();

        // 1. the writer writes, on a phone, without signing in
        await page.GotoAsync($"{fixture.BaseUrl}/letters/new");
        await Expect(page.Locator("h1")).ToHaveTextAsync("网上写信");
        await page.GetByRole(AriaRole.Link, new() { Name = "信箱园区管委会" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("信箱园区管委会");
        await page.Locator("[name='writer.name']").FillAsync("周小红");
        await page.Locator("[name='writer.phone']").FillAsync("13700001234");
        await page.Locator("[name=category]").SelectOptionAsync("help");
        await page.Locator("[name=subject]").FillAsync("路灯坏了"); // too short: the error summary names it
        await page.Locator("[name=body]").FillAsync("园区东门外三盏路灯已坏了一周，晚上下班回家看不清路，请尽快修复。");
        await page.Locator("[name=publicConsent]").SelectOptionAsync("true");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-error-summary]")).ToContainTextAsync("标题应为 10 至 25 个字");
        await Shot(page, "form-refused");
        await page.Locator("[name=subject]").FillAsync(Title);
        await Shot(page, "form");
        Assert.True(await FitsTheScreen(page), "the form scrolls sideways at 390 px");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        var number = (await page.Locator("[data-tracking-number]").TextContentAsync())!.Trim();
        var code = (await page.Locator("[data-query-code]").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Z0-9]+-M\\d{4}-\\d{5}$", number);
        await Shot(page, "submitted");

        // 2. a handler accepts and answers it in the console, marking the reply publishable
        await fixture.SignInAsync(page, "handler.letters", "handler", Agency);
        await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/letters");
        await Expect(page.Locator("main")).ToContainTextAsync(number);
        await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/letters/{number}");
        await Expect(page.Locator("main")).ToContainTextAsync("网上信箱");
        await page.Locator("#step-acceptance summary").ClickAsync();
        await page.Locator("form[data-step=acceptance] button[type=submit]").ClickAsync();
        await Expect(page.Locator("#step-reply")).ToBeVisibleAsync();
        await page.Locator("#step-reply summary").ClickAsync();
        await page.Locator("form[data-step=reply] [name=text]").FillAsync("周小红您好：东门外路灯已于今日修复，感谢您的反映。");
        await page.Locator("form[data-step=reply] [name=publish]").SelectOptionAsync("true");
        await page.Locator("form[data-step=reply] button[type=submit]").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("已答复");
        await Shot(page, "console-replied");
        await BrowserFixture.SignOutAsync(page);

        // 3. the reply in the public list, without the writer's name or phone; and on the writer's status page
        await page.GotoAsync($"{fixture.BaseUrl}/letters/replies");
        await page.GetByRole(AriaRole.Link, new() { Name = "信箱园区管委会" }).ClickAsync();
        var item = page.Locator($"[data-reply='{number}']");
        await Expect(item).ToContainTextAsync(Title);
        await Expect(item).ToContainTextAsync("周**您好：东门外路灯已于今日修复");
        Assert.DoesNotContain("周小红", await page.ContentAsync());
        Assert.DoesNotContain("13700001234", await page.ContentAsync());
        Assert.True(await FitsTheScreen(page), "the list scrolls sideways at 390 px");
        await Shot(page, "replies");

        await page.GotoAsync($"{fixture.BaseUrl}/public/status");
        await page.Locator("#kind-letter").CheckAsync();
        await page.Locator("#trackingNumber").FillAsync(number);
        await page.Locator("#code").FillAsync(code);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("已答复");
        await Expect(page.Locator("[data-writer]")).ToHaveTextAsync("周**");
        await Shot(page, "status");
    }

    [Fact]
    public async Task The_public_letter_pages_have_no_serious_or_critical_axe_violation_at_desktop_and_phone_width()
    {
        await EnsureAgencyAsync();
        await PublishedReplyAsync(); // the list is checked with a reply in it, whichever spec runs first
        foreach (var (width, w, h) in Accessibility.Widths)
        {
            await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = w, Height = h }, Locale = "zh-CN" });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            async Task Check(string name)
            {
                await Expect(page.Locator("h1")).ToBeVisibleAsync();
                await fixture.ShotAsync(page, $"a11y-{name}-{width}");
                await Accessibility.AssertCleanAsync(page, name);
            }
            await page.GotoAsync($"{fixture.BaseUrl}/letters/new");
            await Check("letters-new");
            await page.GotoAsync($"{fixture.BaseUrl}/letters/new/{Agency}");
            await Check("letters-form");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
            await Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
            await Check("letters-form-refused");
            await page.Locator("[name='writer.name']").FillAsync("吴一");
            await page.Locator("[name='writer.phone']").FillAsync("13700005678");
            await page.Locator("[name=category]").SelectOptionAsync("suggestion");
            await page.Locator("[name=subject]").FillAsync($"建议园区增设自行车停放点{width}");
            await page.Locator("[name=body]").FillAsync("园区内自行车乱停放，建议增设停放点。");
            await page.Locator("[name=publicConsent]").SelectOptionAsync("false");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
            await Expect(page.Locator("[data-query-code]")).ToBeVisibleAsync();
            await Check("letters-submitted");
            await page.GotoAsync($"{fixture.BaseUrl}/letters/replies");
            await Check("letters-replies-agencies");
            await page.GotoAsync($"{fixture.BaseUrl}/letters/replies/{Agency}");
            await Expect(page.Locator("[data-reply]").First).ToBeVisibleAsync();
            await Check("letters-replies");
        }
    }

    /// <summary>A letter written online (API), accepted and answered with a publishable reply.</summary>
    private async Task PublishedReplyAsync()
    {
        using var api = AdminClient();
        var write = new HttpRequestMessage(HttpMethod.Post, $"/public/agencies/{Agency}/letters")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                category = "consultation", subject = "园区食堂对外开放时间咨询", body = "请问园区食堂是否对外开放？",
                writer = new { name = "钱二", phone = "13700009999" }, publicConsent = true,
            }),
        };
        write.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var written = await api.SendAsync(write);
        var text = await written.Content.ReadAsStringAsync();
        Assert.True(written.IsSuccessStatusCode, text);
        var number = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("trackingNumber").GetString();
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        foreach (var (step, body) in new (string, object)[] { ("acceptance", new { on = today }), ("reply", new { on = today, text = "园区食堂工作日11:30至13:00对外开放。", publish = true }) })
        {
            var reply = await api.PostAsync($"/api/agencies/{Agency}/letters/{number}/{step}", System.Net.Http.Json.JsonContent.Create(body));
            Assert.True(reply.IsSuccessStatusCode, await reply.Content.ReadAsStringAsync());
        }
    }

    private HttpClient AdminClient()
    {
        var api = fixture.AdminApi();
        return api;
    }

    private async Task EnsureAgencyAsync()
    {
        using var api = fixture.AdminApi();
        if ((await api.GetAsync($"/api/agencies/{Agency}")).IsSuccessStatusCode) return;
        var reply = await api.PostAsync("/api/agencies", System.Net.Http.Json.JsonContent.Create(new { id = Agency, name = "信箱园区管委会" }));
        Assert.True(reply.IsSuccessStatusCode || (await api.GetAsync($"/api/agencies/{Agency}")).IsSuccessStatusCode, await reply.Content.ReadAsStringAsync());
    }

    private static async Task<bool> FitsTheScreen(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private Task Shot(IPage page, string name) => fixture.ShotAsync(page, $"letter-{name}");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
