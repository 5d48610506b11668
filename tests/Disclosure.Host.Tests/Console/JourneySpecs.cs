using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Journeys in a real browser against the real host: what a clerk, a handler and a statistician do in a day. A journey
/// that fails leaves a screenshot of where it stopped under <c>.data/journeys/</c>; every journey leaves screenshots of
/// the pages it passed under <c>.data/screenshots/</c>.
/// </summary>
[Collection("browser")]
public class JourneySpecs(BrowserFixture fixture)
{
    private const string Agency = "sanchang-park";

    [Fact]
    public async Task A_clerk_logs_an_application_a_handler_answers_it_and_the_statistician_finds_it_in_the_report_and_prints_it() => await Journey("application", async page =>
    {
        var today = DateTime.UtcNow.AddHours(8);

        await SignIn(page, "clerk.li", "intake");
        await page.GetByRole(AriaRole.Link, new() { Name = "登记申请" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("登记申请");
        Assert.Equal(today.ToString("yyyy-MM-dd"), await page.Locator("[name=receivedOn]").InputValueAsync());
        await page.Locator("[name=channel]").SelectOptionAsync("in_person");
        await page.Locator("[name='applicant.category']").SelectOptionAsync("natural_person");
        await page.Locator("[name='applicant.name']").FillAsync("张三");
        await page.Locator("[name='applicant.idType']").SelectOptionAsync("resident_id_card");
        await page.Locator("[name='applicant.idNumber']").FillAsync("110101199003071234");
        await page.Locator("[name='applicant.phone']").FillAsync("13812345678");
        await page.Locator("[name=description]").FillAsync("2024年园区建设工程规划许可证发放情况");
        await page.Locator("[name=informationForm]").SelectOptionAsync("paper");
        await page.Locator("[name=obtainBy]").SelectOptionAsync("post");
        await Shot(page, "intake-application");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        var number = (await page.Locator("[data-tracking-number]").TextContentAsync())!.Trim();
        Assert.Matches("^SP-\\d{4}-\\d{5}$", number);
        await Shot(page, "intake-saved");
        await SignOut(page);

        await SignIn(page, "handler.wang", "handler");
        await Expect(page.Locator("h1")).ToHaveTextAsync("工作台");
        await Shot(page, "worklist");
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"申请 {number}");
        await page.Locator("#step-decision summary").ClickAsync();
        await page.Locator("form[data-step=decision] [name=outcome]").SelectOptionAsync("disclosed");
        await Shot(page, "case");
        await page.Locator("form[data-step=decision] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("已答复");
        await Expect(page.Locator("[data-user]").Last).ToHaveTextAsync("handler.wang");
        await SignOut(page);

        await SignIn(page, "stat.zhao", "statistician");
        await Expect(page.Locator("h1")).ToContainTextAsync($"{today.Year}年政府信息公开工作年度报告");
        for (var i = 0; i < 60 && await page.Locator("[data-stale]").CountAsync() > 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync(); // the statistics run on the async daemon: fresh within about a second
        }
        var cell = page.Locator("tr[data-row=disclosed] td[data-column=total] a");
        await Expect(cell).ToHaveTextAsync("1");
        await Shot(page, "report");
        await cell.ClickAsync();
        await Expect(page.Locator("[data-case]")).ToHaveTextAsync(number);
        await page.GoBackAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-download=pdf]").ClickAsync());
        var pdf = Path.Combine(fixture.Output, "screenshots", "report.pdf");
        await download.SaveAsAsync(pdf);
        var head = new byte[5];
        await using (var file = File.OpenRead(pdf)) await file.ReadExactlyAsync(head);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
    });

    [Fact]
    public async Task The_pages_fit_a_phone_and_the_keyboard_reaches_the_form() => await Journey("phone", async page =>
    {
        await page.SetViewportSizeAsync(390, 844);
        await SignIn(page, "clerk.phone", "intake");
        foreach (var path in new[] { $"/console/{Agency}", $"/console/{Agency}/applications/new", $"/console/{Agency}/letters" })
        {
            await page.GotoAsync(fixture.BaseUrl + path);
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} is wider than a phone");
        }
        await Shot(page, "intake-phone");
        // from the top of the page: the first Tab reaches the skip link, which moves to the main content
        await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/applications/new");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("跳到正文", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("channel", await page.EvaluateAsync<string>("document.activeElement.getAttribute('name')"));
    });

    [Fact]
    public async Task A_handler_finds_a_request_by_two_characters_and_sees_on_the_case_that_it_repeats_an_earlier_one() => await Journey("search", async page =>
    {
        var today = DateTime.UtcNow.AddHours(8);
        await SignIn(page, "clerk.zhou", "intake");
        var first = await LogApplication(page, "请公开幸福路拓宽改造工程的房屋征收决定及征收补偿方案", today.AddDays(-30));
        // the index follows the cases on the async daemon: the second intake is checked against it once it holds the first
        await page.GotoAsync($"{fixture.BaseUrl}/console/{Agency}/search?q={Uri.EscapeDataString("征收")}");
        for (var i = 0; i < 60 && await page.Locator($"[data-hit='{first}']").CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        var again = await LogApplication(page, "申请公开幸福路拓宽改造工程房屋征收决定和征收补偿方案", today);
        await Expect(page.Locator($"[data-repeat='{first}'] [data-explanation]")).ToContainTextAsync($"与 {first} 为同一申请人");
        await Shot(page, "intake-repeats");
        await SignOut(page);

        await SignIn(page, "handler.sun", "handler");
        await page.GetByRole(AriaRole.Link, new() { Name = "检索" }).ClickAsync();
        await page.Locator("[name=q]").FillAsync("征收");
        await page.GetByRole(AriaRole.Button, new() { Name = "检索", Exact = true }).ClickAsync();
        await Expect(page.Locator($"[data-hit='{again}'] mark").First).ToHaveTextAsync("征收");
        await Shot(page, "search");
        await page.Locator($"[data-hit='{again}'] a").First.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"申请 {again}");
        await Expect(page.Locator($"[data-repeat='{first}'] [data-explanation]")).ToContainTextAsync("申请内容相似度");
        await page.Locator($"form[data-relate='{first}'] button").ClickAsync();
        await Expect(page.Locator($"[data-relation='{first}']")).ToBeVisibleAsync();
        await Shot(page, "case-repeats");
    });

    [Fact]
    public async Task Under_a_per_item_fee_policy_a_handler_sends_the_fee_notice_of_an_applicants_eleventh_application_of_the_month_for_100_yuan() => await Journey("fee", async page =>
    {
        // an agency of its own: its notice settings and 按件 policy change what the other journeys' steps issue
        const string feeAgency = "fee-park";
        var today = DateTime.UtcNow.AddHours(8);
        using var api = fixture.AdminApi();
        async Task Send(HttpMethod method, string url, object body)
        {
            var reply = await api.SendAsync(new HttpRequestMessage(method, url) { Content = System.Net.Http.Json.JsonContent.Create(body) });
            Assert.True(reply.IsSuccessStatusCode, $"{url}: {await reply.Content.ReadAsStringAsync()}");
        }
        await Send(HttpMethod.Post, "/api/agencies", new { id = feeAgency, name = "收费试点管委会" });
        await Send(HttpMethod.Put, $"/api/agencies/{feeAgency}/settings/notices", new
        {
            agencyName = "收费试点管理委员会", reconsiderationBody = "三厂镇人民政府", contactLines = new[] { "联系电话：0513-00000000" },
        });
        await Send(HttpMethod.Put, $"/api/agencies/{feeAgency}/settings/fees", new
        {
            charges = true, method = "per_item", paymentInstructions = new[] { "凭本通知到政务服务窗口缴纳" },
        });
        // the applicant's first ten of the month (free: 国办函〔2020〕109号第四条, 1–10 件)
        for (var i = 1; i <= 10; i++)
            await Send(HttpMethod.Post, $"/api/agencies/{feeAgency}/applications", new
            {
                channel = "online", receivedOn = today.ToString("yyyy-MM-dd"), description = $"园区企业环境影响评价文件第{i}批",
                applicant = new { category = "natural_person", name = "周敏", idNumber = "320102198807156621", phone = "13951234567" },
            });

        await SignIn(page, "clerk.qian", "intake", feeAgency);
        var eleventh = await LogApplication(page, "园区企业环境影响评价文件第11批", today, feeAgency);
        await SignOut(page);

        await SignIn(page, "handler.qian", "handler", feeAgency);
        await page.GotoAsync($"{fixture.BaseUrl}/console/{feeAgency}/applications/{eleventh}");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"申请 {eleventh}");
        await page.Locator("#step-fee-notice summary").ClickAsync();
        await Shot(page, "case-fee-step");
        await page.Locator("form[data-step=fee-notice] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-fee]")).ToContainTextAsync("100 元（按件计收");
        await Expect(page.Locator("[data-notice]", new() { HasText = "收费通知书" })).ToBeVisibleAsync();
        await Shot(page, "case-fee-notice");
    });

    // ── the notice, fee and delivery steps, at a desk and on a phone (issue 27) ─────────────────────────────────────

    [Theory]
    [InlineData("desk", 1366, 900)]
    [InlineData("phone", 390, 844)]
    public async Task An_application_goes_through_consultation_fee_payment_answer_with_its_notice_and_postal_delivery_into_the_report(string at, int width, int height) =>
        await Journey($"steps-{at}", async page =>
    {
        await page.SetViewportSizeAsync(width, height);
        var today = DateTime.UtcNow.AddHours(8);
        // agencies of their own: their notice settings and fee policies change what the other journeys' steps issue
        var perItem = $"item-{at}";
        var perPage = $"pages-{at}";
        await RegisterAgency(perItem, "按件试点管委会");
        await RegisterAgency(perPage, "按量试点管委会");

        // 设置: the notice settings and the fee policy, each agency's supervisor through the console's screens
        await SignIn(page, $"supervisor.{at}", "supervisor", perItem);
        await SetUpNoticesAndFees(page, perItem, "per_item", $"settings-{at}");
        await SignOut(page);
        await SignIn(page, $"supervisor2.{at}", "supervisor", perPage);
        await SetUpNoticesAndFees(page, perPage, "per_page", null);
        await SignOut(page);

        // 按件: the applicant's first ten of the month are free (国办函〔2020〕109号第四条); the clerk logs the 11th
        for (var i = 1; i <= 10; i++)
            await Api(HttpMethod.Post, $"/api/agencies/{perItem}/applications", new
            {
                channel = "online", receivedOn = today.ToString("yyyy-MM-dd"), description = $"园区企业环境影响评价文件第{i}批",
                applicant = new { category = "natural_person", name = "周敏", idNumber = "320102198807156621", phone = "13951234567" },
            });
        await SignIn(page, $"clerk.{at}", "intake", perItem);
        var number = await LogApplication(page, "园区企业环境影响评价文件第11批", today, perItem);
        await SignOut(page);
        await SignIn(page, $"clerk2.{at}", "intake", perPage);
        var byPages = await LogApplication(page, "园区2024年度全部建设工程规划许可证及其附图", today, perPage);
        await SignOut(page);

        // 按量: the fee notice priced by the pages, then the payment
        await SignIn(page, $"handler2.{at}", "handler", perPage);
        await OpenCase(page, perPage, byPages);
        await CaseStep(page, "fee-notice", form => form.Locator("[name=pages]").FillAsync("60"), $"case-fee-per-page-{at}");
        await Expect(page.Locator("[data-fee]")).ToContainTextAsync("按量计收");
        await CaseStep(page, "fee-payment", _ => Task.CompletedTask);
        await Expect(page.Locator("[data-fee]")).ToContainTextAsync("已缴");
        await SignOut(page);

        // 按件: consultation → its reply → fee notice → payment → answer with its notice → postal delivery
        await SignIn(page, $"handler.{at}", "handler", perItem);
        await OpenCase(page, perItem, number);
        await CaseStep(page, "consultation", form => form.Locator("[name=party]").FillAsync("南通某环保科技有限公司"), $"case-consultation-{at}");
        await Expect(page.Locator("[data-notice]", new() { HasText = "征求意见书" })).ToBeVisibleAsync();
        await CaseStep(page, "consultation-reply", form => form.Locator("[name=consents]").SelectOptionAsync("true"));
        await CaseStep(page, "fee-notice", _ => Task.CompletedTask, $"case-fee-per-item-{at}");
        await Expect(page.Locator("[data-fee]")).ToContainTextAsync("100 元（按件计收");
        await Expect(page.Locator("[data-notice]", new() { HasText = "收费通知书" })).ToBeVisibleAsync();
        await CaseStep(page, "fee-payment", _ => Task.CompletedTask, $"case-payment-{at}");
        await Expect(page.Locator("[data-fee]")).ToContainTextAsync("已缴");
        await CaseStep(page, "decision", async form =>
        {
            await form.Locator("[name=outcome]").SelectOptionAsync("disclosed");
            await form.Locator("[name='notice.provision']").FillAsync("提供方式：邮寄纸质文件\n提供时间：随本答复书一并寄送");
        }, $"case-answer-{at}");
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("已答复");
        var answer = page.Locator("[data-notice]", new() { HasText = "答复书" });
        await Expect(answer).ToBeVisibleAsync();
        var answerNumber = (await answer.GetAttributeAsync("data-notice"))!;
        await Expect(answer.Locator("[data-delivery]")).ToContainTextAsync("未送达");
        var delivery = page.Locator("details.step").Filter(new() { Has = page.Locator("form[data-step=delivery]"), HasText = answerNumber });
        await delivery.Locator("summary").ClickAsync();
        var form = delivery.Locator("form");
        await form.Locator("[name=method]").SelectOptionAsync("post");
        await form.Locator("[name=postedOn]").FillAsync(today.ToString("yyyy-MM-dd"));
        await form.Locator("[name=postalTrackingNumber]").FillAsync("1190012345678");
        await Shot(page, $"case-delivery-{at}");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("记录送达");
        await Expect(page.Locator($"[data-notice='{answerNumber}'] [data-delivery]")).ToContainTextAsync("1190012345678");
        await Shot(page, $"case-delivered-{at}");
        await NoSidewaysScroll(page, $"the case page at {width} px");
        await SignOut(page);

        // the report counts it: table 三, 予以公开, total 1
        await SignIn(page, $"stat.{at}", "statistician", perItem);
        for (var i = 0; i < 60 && await page.Locator("[data-stale]").CountAsync() > 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        var cell = page.Locator("tr[data-row=disclosed] td[data-column=total] a");
        await Expect(cell).ToHaveTextAsync("1");
        await Shot(page, $"report-steps-{at}");
        await cell.ClickAsync();
        await Expect(page.Locator("[data-case]")).ToHaveTextAsync(number);
    });

    /// <summary>设置 as a supervisor fills it in: the notice settings, then the fee policy (a charging one needs its 缴纳方式).</summary>
    private async Task SetUpNoticesAndFees(IPage page, string agency, string method, string? shot)
    {
        await page.GotoAsync($"{fixture.BaseUrl}/console/{agency}/settings");
        await Expect(page.Locator("[data-unconfigured]")).ToBeVisibleAsync();
        var notices = page.Locator("form[action='?handler=Notices']");
        await notices.Locator("[name=reconsiderationBody]").FillAsync("三厂镇人民政府");
        await notices.Locator("[name=contactLines]").FillAsync("联系电话：0513-00000000\n地址：三厂镇园区路1号");
        if (shot is not null) await Shot(page, shot);
        await notices.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-saved=notices]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-configured]")).ToBeVisibleAsync();

        var fees = page.Locator("form[action='?handler=Fees']");
        await fees.Locator("[name=charges]").SelectOptionAsync("true");
        await fees.Locator("[name=method]").SelectOptionAsync(method);
        await fees.Locator("input[name=waivedCategories][value=public_interest_organization]").CheckAsync();
        await fees.Locator("[name=paymentInstructions]").FillAsync("凭本通知到政务服务窗口缴纳");
        await fees.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-saved=fees]")).ToBeVisibleAsync();
        await Expect(page.Locator("form[action='?handler=Fees'] input[name=waivedCategories][value=public_interest_organization]")).ToBeCheckedAsync();
        if (shot is not null) await Shot(page, shot + "-saved");
        await NoSidewaysScroll(page, $"the settings at {page.ViewportSize?.Width} px");
    }

    private async Task OpenCase(IPage page, string agency, string number)
    {
        await page.GotoAsync($"{fixture.BaseUrl}/console/{agency}/applications/{number}");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"申请 {number}");
    }

    /// <summary>Opens a step of the case page (the first form of its code), fills it, sends it, and waits for the page to say it was recorded.</summary>
    private async Task CaseStep(IPage page, string code, Func<ILocator, Task> fill, string? shot = null)
    {
        var step = page.Locator("details.step").Filter(new() { Has = page.Locator($"form[data-step='{code}']") }).First;
        var title = (await step.Locator("summary").TextContentAsync())!.Split('：')[0].Trim();
        await step.Locator("summary").ClickAsync();
        var form = step.Locator("form");
        await fill(form);
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"done={Regex.Escape(code)}(#|$)"));
        await Expect(page.Locator(".flash")).ToHaveTextAsync($"已登记：{title}");
        // the page as the step left it (a full-page shot before the click re-lays the page out; at 390 px the click could miss)
        if (shot is not null) await Shot(page, shot);
    }

    private static async Task NoSidewaysScroll(IPage page, string what) =>
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), $"{what} is wider than the window");

    private async Task RegisterAgency(string id, string name) => await Api(HttpMethod.Post, "/api/agencies", new { id, name });

    private async Task Api(HttpMethod method, string url, object body)
    {
        using var api = fixture.AdminApi();
        var reply = await api.SendAsync(new HttpRequestMessage(method, url) { Content = System.Net.Http.Json.JsonContent.Create(body) });
        Assert.True(reply.IsSuccessStatusCode, $"{url}: {await reply.Content.ReadAsStringAsync()}");
    }

    /// <summary>Logs an application of 周某 through the intake form; returns its tracking number.</summary>
    private async Task<string> LogApplication(IPage page, string description, DateTime receivedOn, string agency = Agency)
    {
        await page.GotoAsync($"{fixture.BaseUrl}/console/{agency}/applications/new");
        await page.Locator("[name=channel]").SelectOptionAsync("online");
        await page.Locator("[name=receivedOn]").FillAsync(receivedOn.ToString("yyyy-MM-dd"));
        await page.Locator("[name='applicant.category']").SelectOptionAsync("natural_person");
        await page.Locator("[name='applicant.name']").FillAsync("周敏");
        await page.Locator("[name='applicant.idType']").SelectOptionAsync("resident_id_card");
        await page.Locator("[name='applicant.idNumber']").FillAsync("320102198807156621");
        await page.Locator("[name='applicant.phone']").FillAsync("13951234567");
        await page.Locator("[name=description]").FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        return (await page.Locator("[data-tracking-number]").TextContentAsync())!.Trim();
    }

    private async Task Journey(string name, Func<IPage, Task> steps)
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        try
        {
            await steps(page);
        }
        catch
        {
            var failed = Path.Combine(fixture.Output, "journeys", $"{name}-failed.png");
            Directory.CreateDirectory(Path.GetDirectoryName(failed)!);
            await page.ScreenshotAsync(new() { Path = failed, FullPage = true });
            File.WriteAllText(Path.ChangeExtension(failed, ".log"), fixture.HostLog);
            throw;
        }
    }

    private Task SignIn(IPage page, string user, string role, string agency = Agency) => fixture.SignInAsync(page, user, role, agency);

    private static Task SignOut(IPage page) => BrowserFixture.SignOutAsync(page);

    private Task Shot(IPage page, string name) => fixture.ShotAsync(page, name);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
