using System.Text.Json;
using Disclosure.Host.Notices;
using Disclosure.Host.Security;
using Disclosure.Host.Tests.Notices;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Page spec of the notice, delivery and fee steps on the console (issue 27, items 1, 7 and 8): what the 答复 form asks
/// where no notice is issued, the 设置 screens for the notice settings and the fee policy, issuing a notice later (one per
/// consultation), a failed delivery, e-mail delivery, a date-time field, the 查询码 shown once, and a day off remarked.
/// </summary>
public class NoticeStepsSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private const string Base = $"/api/agencies/{Agency}/applications";

    private async Task<(Guid Id, string Number)> Received(string? email = null)
    {
        var reply = (await Post(Base, new
        {
            channel = "online", receivedOn = "2025-06-02", description = "2024年园区建设工程规划许可证发放情况",
            applicant = new { category = "natural_person", name = "张三", idNumber = "110101199003071234", phone = "13812345678", email },
        })).ShouldBe(201);
        return (Guid.Parse(reply.Str("id")), reply.Str("trackingNumber"));
    }

    private async Task NoticeSettings() =>
        (await Put($"/api/agencies/{Agency}/settings/notices", new
        {
            agencyName = "三厂工业园区管理委员会", reconsiderationBody = "三厂镇人民政府",
            numberPatterns = new Dictionary<string, string> { ["answer"] = "三园公开答〔{year}〕{n}号" },
        })).ShouldBe(200);

    private async Task<List<(string Type, JsonElement Data)>> History(Guid id) =>
        [.. (await Get($"{Base}/{id}")).ShouldBe(200).Json.GetProperty("history").EnumerateArray()
            .Select(h => (h.GetProperty("type").GetString()!, h.GetProperty("data").Clone()))];

    private static List<string> Names(Page page, string form) =>
        [.. page.Document.QuerySelectorAll($"{form} [name]").Select(e => e.GetAttribute("name")!).Distinct()];

    // ── item 1: nothing typed for a notice that is not issued ───────────────────────────────────────────────────────

    [Fact]
    public async Task Where_no_notice_is_issued_the_answer_form_asks_nothing_for_one_and_says_where_to_set_the_notices_up()
    {
        var (_, number) = await Received();
        var supervisor = Browser(Roles.Supervisor);

        var page = await supervisor.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.DoesNotContain(Names(page, "form[data-step=decision]"), n => n.StartsWith("notice."));
        var remark = page.Document.QuerySelector("#step-decision [data-remark=no-notice]");
        Assert.NotNull(remark);
        Assert.Contains("尚未完成告知书设置", remark.TextContent);
        Assert.Equal($"/console/{Agency}/settings#notices-heading", remark.QuerySelector("a")?.GetAttribute("href"));
        // the consultation's notice-only fields likewise
        Assert.DoesNotContain("information", Names(page, "form[data-step=consultation]"));

        await NoticeSettings();
        page = await supervisor.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Contains("notice.provision", Names(page, "form[data-step=decision]"));
        Assert.Null(page.Document.QuerySelector("[data-remark=no-notice]"));
    }

    [Fact]
    public async Task Text_given_for_a_notice_that_is_not_issued_is_refused_on_its_field_and_nothing_is_recorded()
    {
        var (id, number) = await Received();
        var before = await StreamVersion(Agency, id);

        var api = (await Post($"{Base}/{id}/decision", new
        {
            decidedOn = Today, outcome = "disclosed", notice = new { provision = new[] { "提供方式：电子邮件" } },
        })).ShouldBe(400);
        Assert.Contains("notice.provision", api.Body);

        // a form posted with the field anyway (an old page): the message next to it, in Chinese
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        var refused = await handler.SubmitAsync(page, new Dictionary<string, string>
        {
            ["decidedOn"] = Today, ["outcome"] = "disclosed", ["notice.findings"] = "经查，该信息由本机关制作。",
        }, "form[data-step=decision]");
        Assert.Equal(400, refused.Status);
        Assert.Contains("尚未完成告知书设置", refused.Html);
        Assert.Equal(before, await StreamVersion(Agency, id));

        // without it the answer is recorded, as before
        var answered = await handler.SubmitAsync(page, new Dictionary<string, string> { ["decidedOn"] = Today, ["outcome"] = "disclosed" }, "form[data-step=decision]");
        Assert.True(answered.Status == 302, answered.ToString());
    }

    // ── item 8: the notice settings and the fee policy in 设置 ─────────────────────────────────────────────────────

    [Fact]
    public async Task A_supervisor_sets_the_notice_settings_and_a_per_item_fee_policy_in_the_settings()
    {
        var supervisor = Browser(Roles.Supervisor);
        var page = await supervisor.GetAsync($"/console/{Agency}/settings");
        Assert.NotNull(page.Document.QuerySelector("[data-unconfigured]"));
        Assert.Contains("SP公开答", page.Document.QuerySelector("form[action='?handler=Notices'] [name=numberPatterns]")!.TextContent);

        var refused = await supervisor.SubmitAsync(page, new Dictionary<string, string>
        {
            ["reconsiderationBody"] = "三厂镇人民政府", ["numberPatterns"] = "answer 三园公开答",
        }, "form[action='?handler=Notices']");
        Assert.Equal(400, refused.Status);
        Assert.Contains("类别=内容", refused.ErrorOf("numberPatterns"));

        var saved = await supervisor.SubmitAsync(page, new Dictionary<string, string>
        {
            ["agencyName"] = "三厂工业园区管理委员会", ["reconsiderationBody"] = "三厂镇人民政府",
            ["numberPatterns"] = "answer=三园公开答〔{year}〕{n}号\nreceipt=三园公开收〔{year}〕{n}号", ["contactLines"] = "联系电话：0513-00000000\n地址：三厂镇园区路1号",
        }, "form[action='?handler=Notices']");
        Assert.True(saved.Status == 302, saved.ToString());
        var notices = (await Get($"/api/agencies/{Agency}/settings/notices")).ShouldBe(200).Json;
        Assert.True(notices.GetProperty("configured").GetBoolean());
        Assert.Equal("三园公开答〔{year}〕{n}号", notices.GetProperty("numberPatterns").GetProperty("answer").GetString());
        Assert.Equal(2, notices.GetProperty("contactLines").GetArrayLength());

        // 按件 with two waived categories (check boxes: one name, two values); charging without 缴纳方式 is refused first
        page = await supervisor.GetAsync($"/console/{Agency}/settings");
        Assert.NotNull(page.Document.QuerySelector("[data-configured]"));
        var fees = "form[action='?handler=Fees']";
        Assert.Equal(ApplicantCount(), page.Document.QuerySelectorAll($"{fees} input[type=checkbox][name=waivedCategories]").Length);
        var noWay = await supervisor.PostAsync(page.Url + "?handler=Fees", Form(page, fees, ("charges", "true"), ("method", "per_item")));
        Assert.Equal(400, noWay.Status);
        Assert.NotNull(noWay.ErrorOf("paymentInstructions"));
        var set = await supervisor.PostAsync(page.Url + "?handler=Fees", Form(page, fees, ("charges", "true"), ("method", "per_item"),
            ("waivedCategories", "commercial_enterprise"), ("waivedCategories", "research_institution"), ("personsAreSameBy", "id_number"),
            ("paymentInstructions", "凭本通知到政务服务窗口缴纳")));
        Assert.True(set.Status == 302, set.ToString());
        var policy = (await Get($"/api/agencies/{Agency}/settings/fees")).ShouldBe(200).Json.GetProperty("policy");
        Assert.Equal("per_item", policy.GetProperty("method").GetString());
        Assert.Equal(["commercial_enterprise", "research_institution"], policy.GetProperty("waivedCategories").EnumerateArray().Select(e => e.GetString()));

        // shown as set: the boxes ticked
        page = await supervisor.GetAsync($"/console/{Agency}/settings");
        Assert.Equal(["commercial_enterprise", "research_institution"],
            page.Document.QuerySelectorAll($"{fees} input[name=waivedCategories][checked]").Select(e => e.GetAttribute("value")));
    }

    private static int ApplicantCount() => Disclosure.Domain.Applications.ApplicantCategories.All.Count;

    /// <summary>A form's hidden values (the antiforgery token) and the pairs given, a name possibly several times.</summary>
    private static List<KeyValuePair<string, string>> Form(Page page, string form, params (string Name, string Value)[] values) =>
        [.. page.Document.QuerySelector(form)!.QuerySelectorAll("input[type=hidden]").Select(h => new KeyValuePair<string, string>(h.GetAttribute("name")!, h.GetAttribute("value") ?? "")),
         .. values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value))];

    // ── item 8: a notice issued later, a failed delivery, e-mail, a moment ────────────────────────────────────────

    [Fact]
    public async Task The_notices_of_steps_recorded_before_the_settings_are_issued_later_from_the_case_page_one_per_consultation()
    {
        var (id, number) = await Received();
        (await Post($"{Base}/{id}/consultations", new { sentOn = "2025-06-03", party = "南通某建设有限公司" })).ShouldBe(200);
        (await Post($"{Base}/{id}/decision", new { decidedOn = Today, outcome = "disclosed" })).ShouldBe(200);
        var handler = Browser(Roles.Handler);
        Assert.Empty((await handler.GetAsync($"/console/{Agency}/applications/{number}")).Document.QuerySelectorAll("form[data-step=notice]"));

        await NoticeSettings();
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        var forms = page.Document.QuerySelectorAll("form[data-step=notice]").Select(f => f.QuerySelector("input[name=kind]")!.GetAttribute("value")).ToList();
        Assert.Equal(["receipt", "consultation_letter", "consultation_notice", "answer_disclosed"], forms);
        Assert.Contains("南通某建设有限公司", page.Document.QuerySelectorAll("details.step summary").Select(s => s.TextContent).First(t => t.Contains("征求意见书")));
        // each form asks what its notice prints: the answer's wording, not a correction's guidance
        var answerForm = page.Document.QuerySelectorAll("form[data-step=notice]").Single(f => f.QuerySelector("input[name=kind]")!.GetAttribute("value") == "answer_disclosed");
        var asked = answerForm.QuerySelectorAll("[name]").Select(e => e.GetAttribute("name")).ToList();
        Assert.Contains("notice.provision", asked);
        Assert.DoesNotContain("guidance", asked);

        var issued = await handler.SubmitAsync(page, new Dictionary<string, string> { ["notice.provision"] = "提供方式：电子邮件" },
            "form[data-step=notice][action*='answer_disclosed']");
        Assert.True(issued.Status == 302, issued.ToString());
        page = await handler.GetAsync($"/console/{Agency}/applications/{number}"); // the case moved on: a form of its new version
        var letter = await handler.SubmitAsync(page, new Dictionary<string, string> { ["information"] = "该公司的建设工程规划许可证" },
            "form[data-step=notice][action*='consultation_letter']");
        Assert.True(letter.Status == 302, letter.ToString());

        var history = await History(id);
        Assert.Equal(["answer_disclosed", "consultation_letter"],
            history.Where(h => h.Type == "notice_issued").Select(h => h.Data.GetProperty("kind").GetString()).Order());
        Assert.Contains(history, h => h.Type == "notice_issued" && h.Data.GetProperty("number").GetString()!.StartsWith("三园公开答〔2025〕"));
        // the answer's notice is issued once: its form is gone
        page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Empty(page.Document.QuerySelectorAll("form[data-step=notice][action*='answer_disclosed']"));
    }

    [Fact]
    public async Task A_failed_delivery_and_an_electronic_delivery_at_a_moment_are_recorded_from_the_case_page()
    {
        await NoticeSettings();
        var (id, number) = await Received();
        (await Post($"{Base}/{id}/decision", new { decidedOn = Today, outcome = "disclosed", notice = new { provision = new[] { "提供方式：电子邮件" } } })).ShouldBe(200);
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");

        var failed = await handler.SubmitAsync(page, new Dictionary<string, string> { ["on"] = Today, ["reason"] = "申请人拒绝签收" }, "form[data-step=delivery-failure]");
        Assert.True(failed.Status == 302, failed.ToString());
        page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Contains("送达未成功", page.Text("[data-delivery]"));

        var field = page.Document.QuerySelector("form[data-step=delivery] [name=arrivedAt]")!;
        Assert.Equal("datetime-local", field.GetAttribute("type"));
        var wrong = await handler.SubmitAsync(page, new Dictionary<string, string> { ["method"] = "electronic", ["consent"] = "申请表勾选电子送达", ["arrivedAt"] = "30.06.2025" }, "form[data-step=delivery]");
        Assert.Equal(400, wrong.Status);
        Assert.Contains("时:分", wrong.ErrorOf("arrivedAt"));
        var delivered = await handler.SubmitAsync(page, new Dictionary<string, string> { ["method"] = "electronic", ["consent"] = "申请表勾选电子送达", ["arrivedAt"] = "2025-06-30T09:30" }, "form[data-step=delivery]");
        Assert.True(delivered.Status == 302, delivered.ToString());
        var arrival = (await History(id)).Single(h => h.Type == "notice_delivered").Data.GetProperty("arrivedAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2025, 6, 30, 9, 30, 0, TimeSpan.FromHours(8)), arrival);
    }

    [Fact]
    public async Task A_notice_is_sent_by_e_mail_from_the_case_page_and_its_arrival_recorded_and_a_missing_address_is_refused_on_its_field()
    {
        await NoticeSettings();
        var (id, number) = await Received();
        (await Post($"{Base}/{id}/decision", new { decidedOn = Today, outcome = "disclosed", notice = new { provision = new[] { "提供方式：电子邮件" } } })).ShouldBe(200);
        var handler = Browser(Roles.Handler);
        Assert.NotNull((await handler.GetAsync($"/console/{Agency}/applications/{number}")).Document.QuerySelector("[data-mail-off]"));

        var smtp = Host.Services.GetRequiredService<SmtpSettings>();
        await using var mailbox = new Mailbox();
        (smtp.Host, smtp.Port, smtp.Security, smtp.From) = ("127.0.0.1", mailbox.Port, MailKit.Security.SecureSocketOptions.None, "gongkai@sanchang.example.cn");
        try
        {
            var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
            var form = "[data-email-notice] form";
            // the applicant left no address: the page asks for one, next to the field
            var refused = await handler.SubmitAsync(page, new Dictionary<string, string> { ["consent"] = "申请人电话同意（2025-06-30）" }, form);
            Assert.Equal(400, refused.Status);
            Assert.NotNull(refused.ErrorOf("to"));
            Assert.Equal("", (await History(id)).Where(h => h.Type == "notice_delivered").Select(h => h.Type).FirstOrDefault() ?? "");

            var queued = await handler.SubmitAsync(page, new Dictionary<string, string> { ["consent"] = "申请人电话同意（2025-06-30）", ["to"] = "zhang@example.cn" }, form);
            Assert.True(queued.Status == 302, queued.ToString());
            Assert.Contains("已安排以电子邮件送达", (await handler.GetAsync(queued.Location!)).Text("[data-emailed]"));
            for (var i = 0; i < 300 && !(await History(id)).Any(h => h.Type == "notice_delivered"); i++) await Task.Delay(100);
            Assert.Equal("electronic", (await History(id)).Single(h => h.Type == "notice_delivered").Data.GetProperty("method").GetString());
            Assert.Single(mailbox.Received);
        }
        finally
        {
            smtp.Host = null;
        }
    }

    // ── item 7: the 查询码 once, a day off remarked ─────────────────────────────────────────────────────────────────

    [Fact]
    public async Task The_query_code_is_shown_once_and_not_again_when_the_form_is_sent_again_by_a_reload()
    {
        var clerk = Browser(Roles.Intake);
        var form = await clerk.GetAsync($"/console/{Agency}/applications/new");
        var first = await clerk.SubmitAsync(form, ApplicationForm());
        Assert.Equal(201, first.Status);
        Assert.Matches("^[A-Z0-9]{4,}", first.Text("[data-query-code]"));

        var again = await clerk.SubmitAsync(form, ApplicationForm()); // what a reload of the answer sends: the same form, its key
        Assert.Equal(first.Text("[data-tracking-number]"), again.Text("[data-tracking-number]"));
        Assert.Null(again.Document.QuerySelector("[data-query-code]"));
        Assert.DoesNotContain(first.Text("[data-query-code]"), again.Html);
        Assert.Contains("不再显示", again.Text("[data-query-code-withheld]"));
    }

    [Fact]
    public async Task A_date_defaulting_to_today_on_a_saturday_or_a_holiday_says_it_is_no_working_day()
    {
        var (_, number) = await Received();
        var handler = Browser(Roles.Handler);
        Assert.Null((await handler.GetAsync($"/console/{Agency}/applications/{number}")).Document.QuerySelector("[data-remark=day-off]"));

        Clock.Now = new DateTimeOffset(2025, 7, 5, 10, 0, 0, TimeSpan.FromHours(8)); // a Saturday
        handler = Browser(Roles.Handler); // signed in again: a session ends after ten hours
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Equal("2025-07-05", page.Document.QuerySelector("form[data-step=decision] [name=decidedOn]")!.GetAttribute("value"));
        Assert.Contains("星期六", page.Text("#step-decision [data-remark=day-off]"));

        Clock.Now = new DateTimeOffset(2025, 10, 1, 10, 0, 0, TimeSpan.FromHours(8)); // 国庆节, a Wednesday
        handler = Browser(Roles.Handler);
        Assert.Contains("法定节假日", (await handler.GetAsync($"/console/{Agency}/applications/{number}")).Text("#step-decision [data-remark=day-off]"));
    }
}
