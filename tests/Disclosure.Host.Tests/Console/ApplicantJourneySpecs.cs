using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// The applicant's side in a real browser at phone width (390×844): apply online → a clerk confirms → the applicant sees
/// the received date and downloads the 登记回执 → a handler asks for a correction → the applicant answers it online → the
/// handler answers → the applicant downloads the answer. A proof of identity is attached on the phone; the applicant
/// downloads it again from the status page, and the clerk sees and downloads it at confirmation. Screenshots of the public pages land in <c>.data/screenshots/</c>.
/// </summary>
[Collection("browser")]
public class ApplicantJourneySpecs(BrowserFixture fixture)
{
    private const string Agency = "online-park";

    [Fact]
    public async Task An_applicant_applies_on_a_phone_follows_the_case_answers_the_correction_and_downloads_the_answer()
    {
        await using var context = await fixture.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, AcceptDownloads = true, Locale = "zh-CN", IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        try
        {
            await Journey(page);
        }
        catch
        {
            var failed = Path.Combine(fixture.Output, "journeys", "applicant-failed.png");
            Directory.CreateDirectory(Path.GetDirectoryName(failed)!);
            await page.ScreenshotAsync(new() { Path = failed, FullPage = true });
            File.WriteAllText(Path.ChangeExtension(failed, ".log"), fixture.HostLog);
            throw;
        }
    }

    private async Task Journey(IPage page)
    {
        var today = DateTime.UtcNow.AddHours(8);
        await Admin(HttpMethod.Post, "/api/agencies", new { id = Agency, name = "网上园区管委会" });
        await Admin(HttpMethod.Put, $"/api/agencies/{Agency}/settings/notices", new
        {
            agencyName = "网上园区管理委员会", reconsiderationBody = "三厂镇人民政府", contactLines = new[] { "地址：三厂镇园区路1号", "电话：0513-00000000" },
        });

        // 1. the applicant applies, on a phone, without signing in
        await page.GotoAsync($"{fixture.BaseUrl}/apply");
        await Expect(page.Locator("h1")).ToHaveTextAsync("网上申请政府信息公开");
        await Shot(page, "apply-agencies");
        await page.GetByRole(AriaRole.Link, new() { Name = "网上园区管委会" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("网上园区管委会");
        await page.Locator("[name='applicant.category']").SelectOptionAsync("natural_person");
        await page.Locator("[name='applicant.name']").FillAsync("王小明");
        await page.Locator("[name='applicant.idType']").SelectOptionAsync("resident_id_card");
        await page.Locator("[name='applicant.idNumber']").FillAsync("11010519491231002X");
        await page.Locator("[name='applicant.phone']").FillAsync("13812345678");
        await page.Locator("[name=description]").FillAsync("2024年园区道路建设工程规划许可证及附图");
        await page.Locator("[name=informationForm]").SelectOptionAsync("electronic_email");
        await page.Locator("[name=obtainBy]").SelectOptionAsync("online_download");
        await page.Locator("[name=electronicConsent]").SelectOptionAsync("true");
        // 身份证明 (条例第二十九条第一项): a photo taken on the phone — here a JPEG the browser itself makes
        var photo = await page.ScreenshotAsync(new() { Type = ScreenshotType.Jpeg, Quality = 60 });
        await page.Locator("#identityProof").SetInputFilesAsync(new FilePayload { Name = "身份证正面.jpg", MimeType = "image/jpeg", Buffer = photo });
        await Shot(page, "apply-form");
        await Accessibility.AssertCleanAsync(page, "apply-form-with-file");
        Assert.True(await FitsTheScreen(page), "the form scrolls sideways at 390 px");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        var number = (await page.Locator("[data-tracking-number]").TextContentAsync())!.Trim();
        var code = (await page.Locator("[data-query-code]").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Z0-9]+-\\d{4}-\\d{5}$", number);
        await Shot(page, "apply-submitted");

        await Status(page, number, code);
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("已提交，待行政机关确认");
        await Expect(page.Locator("[data-received-on]")).ToHaveTextAsync("待行政机关确认");
        await Expect(page.Locator("button[data-file]")).ToHaveCountAsync(1);
        await Expect(page.Locator("li", new() { HasText = "身份证正面.jpg" })).ToContainTextAsync("身份证明");
        await Shot(page, "status-awaiting");
        await Accessibility.AssertCleanAsync(page, "status-with-file");
        Assert.Equal(photo, await Downloaded(page, page.Locator("button[data-file]"), "identity-by-applicant.jpg"));

        // 2. a clerk confirms: the received date, the clock and the 登记回执
        await SignIn(page, "clerk.online", "intake");
        await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/applications/{number}");
        // the clerk sees the proof of identity at confirmation and opens it (a download, never shown in the console's page)
        await Expect(page.Locator("#files")).ToContainTextAsync("身份证明：身份证正面.jpg");
        await Expect(page.Locator("[data-no-identity-proof]")).ToHaveCountAsync(0);
        await Shot(page, "clerk-confirm-with-file");
        await Accessibility.AssertCleanAsync(page, "case-with-file");
        Assert.Equal(photo, await Downloaded(page, page.Locator("[data-download-file]"), "identity-by-clerk.jpg"));
        await page.Locator("#step-confirm summary").ClickAsync();
        await page.Locator("form[data-step=confirm] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-notice]", new() { HasText = "登记回执" })).ToBeVisibleAsync();
        await SignOut(page);

        await Status(page, number, code);
        await Expect(page.Locator("[data-received-on]")).ToHaveTextAsync(today.ToString("yyyy-MM-dd"));
        await Expect(page.Locator("[data-confirmed-at]")).ToContainTextAsync(today.ToString("yyyy-MM-dd"));
        await Expect(page.Locator("[data-clock]")).ToContainTextAsync("条例第三十一条");
        await Shot(page, "status-confirmed");
        await Download(page, "登记回执", "receipt.pdf");

        // 3. a handler asks for a correction; the applicant answers it online
        await SignIn(page, "handler.online", "handler");
        await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/applications/{number}");
        await page.Locator("#step-correction-request summary").ClickAsync();
        await page.Locator("form[data-step=correction-request] [name=items]").FillAsync("请写明所需规划许可证的项目名称或文号");
        await page.Locator("form[data-step=correction-request] [name=correctBy]").FillAsync(today.AddDays(15).ToString("yyyy-MM-dd"));
        await page.Locator("form[data-step=correction-request] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-notice]", new() { HasText = "补正告知书" })).ToBeVisibleAsync();
        await SignOut(page);

        await Status(page, number, code);
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("待申请人补正");
        await page.Locator("#correction-text").FillAsync("园区纬二路（长江路至黄河路段）道路工程，建字第320600202400123号");
        await Shot(page, "status-correction");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交补正" }).ClickAsync();
        await Expect(page.Locator("[data-correction-sent]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("办理中");

        // 4. the handler answers; the applicant downloads the answer
        await SignIn(page, "handler.online", "handler");
        await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/applications/{number}");
        await Expect(page.Locator("[data-user]").Last).ToHaveTextAsync(Disclosure.Host.StaffConsole.Public.StatusModel.ApplicantActor);
        await page.Locator("#step-decision summary").ClickAsync();
        await page.Locator("form[data-step=decision] [name=outcome]").SelectOptionAsync("disclosed");
        await page.Locator("form[data-step=decision] [name='notice.provision']").FillAsync("可在本系统“办理进度查询”页面下载所申请信息的电子文本");
        await page.Locator("form[data-step=decision] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("已答复");
        await SignOut(page);

        await Status(page, number, code);
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("已答复");
        await Shot(page, "status-answered");
        await Download(page, "答复书", "answer.pdf");
    }

    private async Task Status(IPage page, string number, string code)
    {
        await page.GotoAsync($"{fixture.BaseUrl}/public/status");
        await page.Locator("#trackingNumber").FillAsync(number);
        await page.Locator("#code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.Locator("#result-heading")).ToContainTextAsync(number);
    }

    private async Task Download(IPage page, string kind, string file)
    {
        var button = page.Locator("li", new() { HasText = kind }).Locator("button[data-notice]");
        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        var path = Path.Combine(fixture.Output, "screenshots", "applicant-" + file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await download.SaveAsAsync(path);
        var head = new byte[5];
        await using (var stream = File.OpenRead(path)) await stream.ReadExactlyAsync(head);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
    }

    /// <summary>Clicks what starts a download, keeps the file beside the screenshots and returns its bytes.</summary>
    private async Task<byte[]> Downloaded(IPage page, ILocator trigger, string file)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => trigger.ClickAsync());
        var path = Path.Combine(fixture.Output, "screenshots", "applicant-" + file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await download.SaveAsAsync(path);
        return await File.ReadAllBytesAsync(path);
    }

    private static async Task<bool> FitsTheScreen(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private async Task Admin(HttpMethod method, string url, object body)
    {
        using var api = fixture.AdminApi();
        var reply = await api.SendAsync(new HttpRequestMessage(method, url) { Content = System.Net.Http.Json.JsonContent.Create(body) });
        Assert.True(reply.IsSuccessStatusCode, $"{url}: {await reply.Content.ReadAsStringAsync()}");
    }

    private Task SignIn(IPage page, string user, string role) => fixture.SignInAsync(page, user, role, Agency);

    private static Task SignOut(IPage page) => BrowserFixture.SignOutAsync(page);

    private Task Shot(IPage page, string name) => fixture.ShotAsync(page, $"applicant-{name}");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
