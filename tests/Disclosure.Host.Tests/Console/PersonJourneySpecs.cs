using System.Diagnostics;
using System.Text.RegularExpressions;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Issue 27's journey as a person drives it — and as the held-out driver, kept outside the project, will: every field
/// found by its visible label, every button and link by its role and name, every step opened by the words on it; no
/// <c>name</c> attribute, no test hook to act (hooks are only read, to assert). At 1366×900 and at 390×844: intake → 分办 to
/// a handler and department → the handler's 我的 → 征求意见 and its reply → 收费通知 按件 (the applicant's 11th of the month)
/// → 缴费 → 答复 with its 答复书 → 邮寄送达 (postal number, date posted, date received) → report (table 三 and 信息处理费);
/// 收费通知 按量 (by pages) and its payment on another agency's application; and another agency's case opened by this one's
/// staff answers the console's 无权访问 page. Every page on the way: 0 serious or critical axe-core violations. The time
/// each width took is written to <c>.data/journey-timings.txt</c>.
/// </summary>
[Collection("browser")]
public class PersonJourneySpecs(BrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("desk", 1366, 900)]
    [InlineData("phone", 390, 844)]
    public async Task Intake_assignment_consultation_fee_by_item_and_by_pages_payment_answer_with_its_notice_postal_delivery_and_the_report_by_labels_alone(string at, int width, int height)
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var clock = Stopwatch.StartNew();
        var laps = new List<string>();
        void Lap(string what) => laps.Add($"{what} {clock.Elapsed.TotalSeconds:0.0}");
        try
        {
            var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
            var perItem = $"person-item-{at}";
            var perPage = $"person-pages-{at}";
            var handler = $"handler.li-{at}";
            await SetUpAgencyAsync(perItem, "按件园区管委会", "per_item");
            await SetUpAgencyAsync(perPage, "按量园区管委会", "per_page");
            // 按件: the applicant's first ten of the month are free (国办函〔2020〕109号第四条); the clerk logs the 11th
            for (var i = 1; i <= 10; i++) await IntakeAsync(perItem, $"园区企业排污许可证第{i}批", today);
            var byPages = await IntakeAsync(perPage, "园区2025年度全部建设工程规划许可证及其附图", today);
            Lap("seeded through the API");

            // the handler has used the console before: the register the 分办 form picks from knows them and their department
            await SignInAsync(page, handler, Roles.Handler, perItem, "规划科");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台", Level = 1 })).ToBeVisibleAsync();
            await CleanAsync(page, "worklist (handler)");
            await SignOutAsync(page);

            // 登记申请: the clerk types the application in
            await SignInAsync(page, $"clerk.zhou-{at}", Roles.Intake, perItem);
            await page.GetByRole(AriaRole.Link, new() { Name = "登记申请" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登记申请", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("收到日期", new() { Exact = true })).ToHaveValueAsync(today);
            await Expect(page.GetByText("格式：年-月-日，如 2026-03-03").First).ToBeVisibleAsync();
            await page.GetByLabel("收到方式").SelectOptionAsync(new SelectOptionValue { Label = Label(Channels.All, "in_person") });
            await page.GetByLabel("申请人类别").SelectOptionAsync(new SelectOptionValue { Label = Label(ApplicantCategories.All, ApplicantCategories.NaturalPerson) });
            await page.GetByLabel("姓名或名称").FillAsync("周敏");
            await page.GetByLabel("证件名称").SelectOptionAsync(new SelectOptionValue { Label = Label(IdentityDocumentTypes.All, "resident_id_card") });
            await page.GetByLabel("证件号码").FillAsync("320102198807156621");
            await page.GetByLabel("联系电话").FillAsync("13951234567");
            await page.GetByLabel("所需信息的名称或内容描述").FillAsync("园区企业排污许可证第11批");
            await CleanAsync(page, "intake form");
            await Shot(page, $"person-intake-{at}");
            await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
            var number = (await page.Locator("[data-tracking-number]").TextContentAsync())!.Trim();
            Lap("intake");
            await CleanAsync(page, "intake saved");
            await SignOutAsync(page);

            // 分办: the supervisor gives it to the handler and the department, each picked from a list
            await SignInAsync(page, $"supervisor.xu-{at}", Roles.Supervisor, perItem);
            await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"申请 {number}", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("details[open]")).ToHaveCountAsync(0); // nothing unfolded: the steps are listed by name
            var assignment = await OpenStepAsync(page, "转办/分办");
            await assignment.GetByLabel("承办人", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{handler}（规划科）" });
            await assignment.GetByLabel("承办部门", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "规划科" });
            await CleanAsync(page, "case page with the 分办 form open");
            await Shot(page, $"person-assignment-{at}");
            await SendStepAsync(page, assignment, "转办/分办");
            await Expect(page.Locator("[data-assignment]")).ToHaveTextAsync($"{handler}（规划科）");
            Lap("分办");
            await SignOutAsync(page);

            // the handler finds it under 我的, and takes it through the procedure
            await SignInAsync(page, handler, Roles.Handler, perItem, "规划科");
            await page.GetByRole(AriaRole.Link, new() { Name = "我的" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();
            await CleanAsync(page, "worklist 我的");
            await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
            await CleanAsync(page, "case page (handler)");
            await Shot(page, $"person-case-{at}");

            // 征求意见 (条例第三十二条) and the third party's reply
            var consultation = await OpenStepAsync(page, "征求意见");
            await consultation.GetByLabel("征求意见的第三方或机关").FillAsync("南通某环保科技有限公司");
            await SendStepAsync(page, consultation, "征求意见");
            await Expect(NoticeRow(page, Label(NoticeKinds.All, NoticeKinds.ConsultationLetter))).ToBeVisibleAsync();
            var reply = await OpenStepAsync(page, "收到征求意见答复");
            await reply.GetByLabel("是否同意公开").SelectOptionAsync(new SelectOptionValue { Label = "是" });
            await SendStepAsync(page, reply, "收到征求意见答复");
            Lap("征求意见 and reply");

            // 收费通知 按件: the 11th application of the month in this agency costs ¥100; then 缴费
            var fee = await OpenStepAsync(page, "收费通知");
            await SendStepAsync(page, fee, "收费通知");
            await Expect(page.Locator("[data-fee]")).ToContainTextAsync($"100 元（{Label(FeeBases.All, "per_item")}");
            var payment = await OpenStepAsync(page, "缴费");
            await SendStepAsync(page, payment, "缴费");
            await Expect(page.Locator("[data-fee]")).ToContainTextAsync("已缴");
            await CleanAsync(page, "case page after the fee");
            Lap("收费通知 按件 and 缴费");

            // 答复 with its 答复书
            var decision = await OpenStepAsync(page, "答复");
            await decision.GetByLabel("办理结果").SelectOptionAsync(new SelectOptionValue { Label = Label(Outcomes.All, Outcomes.Disclosed) });
            await decision.GetByLabel("获取信息的方式、途径和时间").FillAsync("提供方式：邮寄纸质文件\n提供时间：随本答复书一并寄送");
            await SendStepAsync(page, decision, "答复");
            await Expect(page.Locator("[data-status]")).ToHaveTextAsync(Label(ApplicationStatuses.All, ApplicationStatuses.Answered));
            var answerKind = Label(NoticeKinds.All, NoticeKinds.AnswerPrefix + Outcomes.Disclosed);
            var answer = NoticeRow(page, answerKind);
            await Expect(answer).ToBeVisibleAsync();
            var answerNumber = (await answer.GetAttributeAsync("data-notice"))!;
            Lap("答复");

            // 邮寄送达: posted today with its postal number; the return receipt signed today
            var delivery = await OpenStepAsync(page, $"记录送达：{answerKind} {answerNumber}");
            await delivery.GetByLabel("送达方式").SelectOptionAsync(new SelectOptionValue { Label = Label(DeliveryMethods.All, DeliveryMethods.Post) });
            await delivery.GetByLabel("交邮日期").FillAsync(today);
            await delivery.GetByLabel("邮件号码").FillAsync("1190012345678");
            await delivery.GetByLabel("回执签收日期").FillAsync(today);
            await CleanAsync(page, "case page with the delivery form open");
            await Shot(page, $"person-delivery-{at}");
            await SendStepAsync(page, delivery, "记录送达");
            await Expect(page.Locator($"[data-notice='{answerNumber}'] [data-delivery]")).ToContainTextAsync("1190012345678");
            await CleanAsync(page, "case page answered and delivered");
            await Shot(page, $"person-delivered-{at}");
            Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), $"the case page is wider than {width} px");
            Lap("邮寄送达");

            // another agency's case, opened by this agency's handler: the console's own page, with the menu and the way back
            var refused = await page.GotoAsync($"{fixture.BaseUrl}/console/{perPage}/applications/{byPages}");
            Assert.Equal(403, refused!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" })).ToBeAttachedAsync();
            await CleanAsync(page, "another agency's case");
            await Shot(page, $"person-other-agency-{at}");
            await page.GetByRole(AriaRole.Link, new() { Name = "返回工作台" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台", Level = 1 })).ToBeVisibleAsync();
            await SignOutAsync(page);
            Lap("another agency");

            // 收费通知 按量 on the other agency's application: 60 pages, the first 30 free, then ¥10 a page (第五条)
            await SignInAsync(page, $"handler.qian-{at}", Roles.Handler, perPage);
            await page.GetByRole(AriaRole.Link, new() { Name = "全部", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = byPages }).ClickAsync();
            var byPagesFee = await OpenStepAsync(page, "收费通知");
            await byPagesFee.GetByLabel("页数（按量收费）").FillAsync("60");
            await SendStepAsync(page, byPagesFee, "收费通知");
            await Expect(page.Locator("[data-fee]")).ToContainTextAsync($"300 元（{Label(FeeBases.All, "per_page")}");
            var byPagesPayment = await OpenStepAsync(page, "缴费");
            await SendStepAsync(page, byPagesPayment, "缴费");
            await Expect(page.Locator("[data-fee]")).ToContainTextAsync("已缴");
            await CleanAsync(page, "case page 按量 paid");
            await Shot(page, $"person-fee-by-pages-{at}");
            Lap("收费通知 按量 and 缴费");
            await SignOutAsync(page);

            // 年度报告: table 三 counts the answered application; 信息处理费 shows its notice and what was paid
            await SignInAsync(page, $"stat.zhao-{at}", Roles.Statistician, perItem);
            for (var i = 0; i < 60 && await page.Locator("[data-stale]").CountAsync() > 0; i++)
            {
                await Task.Delay(500);
                await page.ReloadAsync(); // the statistics run on the async daemon
            }
            var disclosed = page.GetByRole(AriaRole.Link, new() { Name = $"{Label(Outcomes.All, Outcomes.Disclosed)}，{ReportLayout.ColumnLabels[ReportLayout.TotalColumn]}：1 件" });
            await Expect(disclosed).ToBeVisibleAsync();
            var fees = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.GetByRole(AriaRole.Columnheader, new() { Name = "收费通知（件）" }) });
            await Expect(fees.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("1");
            await Expect(fees.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("100");
            await Expect(fees.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("100");
            Lap("report fresh");
            await CleanAsync(page, "report");
            await Shot(page, $"person-report-{at}");
            await disclosed.ClickAsync();
            await Expect(page.Locator("[data-case]")).ToHaveTextAsync(number);
            await CleanAsync(page, "report drill-down");

            var took = clock.Elapsed;
            output.WriteLine($"journey at {width}×{height}: {took.TotalSeconds:0.0} s ({string.Join(", ", laps)})");
            Directory.CreateDirectory(fixture.Output);
            await File.AppendAllTextAsync(Path.Combine(fixture.Output, "journey-timings.txt"), $"{DateTime.UtcNow:O} person journey {at} {width}x{height}: {took.TotalSeconds:0.0} s; seconds at the end of each part: {string.Join(", ", laps)}\n");
        }
        catch
        {
            var failed = Path.Combine(fixture.Output, "journeys", $"person-{at}-failed.png");
            Directory.CreateDirectory(Path.GetDirectoryName(failed)!);
            await page.ScreenshotAsync(new() { Path = failed, FullPage = true });
            File.WriteAllText(Path.ChangeExtension(failed, ".log"), fixture.HostLog);
            throw;
        }
    }

    /// <summary>The demo sign-in as a person fills it: the user name, the one role ticked, the agency, the department.</summary>
    private async Task SignInAsync(IPage page, string user, string role, string agency, string? department = null)
    {
        await page.GotoAsync($"{fixture.BaseUrl}/console/sign-in");
        await page.GetByLabel("用户名").FillAsync(user);
        foreach (var r in Roles.All) await page.GetByRole(AriaRole.Checkbox, new() { Name = $"{RoleNames.Of(r)}（{r}）" }).SetCheckedAsync(r == role);
        await page.GetByLabel("机关").SelectOptionAsync(agency);
        if (department is not null) await page.GetByLabel("所在部门").FillAsync(department);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/" + Regex.Escape(agency)));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "已退出", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Opens the step whose title (and caption) reads <paramref name="title"/> by clicking it; returns the part of the page it opened.</summary>
    private static async Task<ILocator> OpenStepAsync(IPage page, string title)
    {
        var summary = page.Locator("summary").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(title) + "(：.*)?$") }).First;
        await Expect(summary).ToBeVisibleAsync();
        await summary.ClickAsync();
        var step = page.Locator("details").Filter(new() { Has = page.Locator("summary").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(title) + "(：.*)?$") }) }).Last;
        await Expect(step.GetByRole(AriaRole.Button, new() { Name = $"登记{title.Split('：')[0]}" })).ToBeVisibleAsync();
        return step;
    }

    /// <summary>Sends an opened step and waits for the page to say it was recorded.</summary>
    private static async Task SendStepAsync(IPage page, ILocator step, string title)
    {
        await step.GetByRole(AriaRole.Button, new() { Name = $"登记{title}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"已登记：{title}" })).ToBeVisibleAsync();
    }

    private static ILocator NoticeRow(IPage page, string kindLabel) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = kindLabel, Exact = true }) }).First;

    private static string Label(IReadOnlyList<Term> terms, string code) => terms.Find(code)?.Label ?? throw new InvalidOperationException($"no term {code}");

    private async Task CleanAsync(IPage page, string what) => await Accessibility.AssertCleanAsync(page, what);

    private Task Shot(IPage page, string name) => fixture.ShotAsync(page, name);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    // ── set-up through the API (the settings screens have their own journey in JourneySpecs) ───────────────────────────

    private async Task SetUpAgencyAsync(string id, string name, string method)
    {
        await ApiAsync(HttpMethod.Post, "/api/agencies", new { id, name });
        await ApiAsync(HttpMethod.Put, $"/api/agencies/{id}/settings/notices", new
        {
            agencyName = name, reconsiderationBody = "三厂镇人民政府", contactLines = new[] { "联系电话：0513-00000000" },
        });
        await ApiAsync(HttpMethod.Put, $"/api/agencies/{id}/settings/fees", new { charges = true, method, paymentInstructions = new[] { "凭本通知到政务服务窗口缴纳" } });
    }

    /// <summary>An application of 周敏 logged through the API; its tracking number.</summary>
    private async Task<string> IntakeAsync(string agency, string description, string receivedOn)
    {
        var body = await ApiAsync(HttpMethod.Post, $"/api/agencies/{agency}/applications", new
        {
            channel = "online", receivedOn, description,
            applicant = new { category = "natural_person", name = "周敏", idNumber = "320102198807156621", phone = "13951234567" },
        });
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("trackingNumber").GetString()!;
    }

    private async Task<string> ApiAsync(HttpMethod method, string url, object body)
    {
        using var api = fixture.AdminApi();
        var reply = await api.SendAsync(new HttpRequestMessage(method, url) { Content = System.Net.Http.Json.JsonContent.Create(body) });
        var text = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.IsSuccessStatusCode, $"{url}: {text}");
        return text;
    }
}
