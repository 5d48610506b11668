using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.StaffConsole.Shared;

namespace Disclosure.Host.Tests.Console;

/// <summary>Every kind of problem the request policy reports reads in Chinese on a form.</summary>
public class ChineseMessageSpecs
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    [Fact]
    public void The_request_policys_messages_are_shown_in_Chinese()
    {
        var cmd = new ReceiveApplication("martian", new ApplicantInput(null, new string('名', 201), "1\u0007", null, null, null), "x", new DateOnly(2001, 1, 1), null);
        var problems = RequestRules.Check(cmd, Today);
        Assert.NotEmpty(problems);
        foreach (var (field, messages) in problems)
        {
            var chinese = ChineseMessages.Translate(messages[0], "x");
            Assert.DoesNotContain("不能登记", chinese); // known, not passed through
            Assert.Matches("\\p{IsCJKUnifiedIdeographs}", chinese);
            _ = field;
        }
        Assert.Equal("日期应在 2008-01-01 至 2027-06-30 之间。", ChineseMessages.Translate(problems["receivedOn"][0]));
        Assert.Equal("最多 200 个字。", ChineseMessages.Translate(problems["applicant.name"][0]));
        Assert.Equal("请从列表中选择。", ChineseMessages.Translate(problems["channel"][0]));
    }

    [Fact]
    public void The_erasure_rules_refusals_are_shown_in_Chinese()
    {
        var refusal = Assert.Throws<Disclosure.Domain.Refusal>(() => Disclosure.Domain.PersonalData.Erase(
            Disclosure.Domain.Applications.Application.From([new Disclosure.Domain.Applications.ApplicationReceived(Guid.NewGuid(), "sanchang-park", "SP-2025-00001", "online",
                    new Disclosure.Domain.Applications.Applicant("natural_person", "张三", null, null, null, null), "d", null, new DateOnly(2025, 3, 3)),
                new Disclosure.Domain.Applications.DecisionRecorded(new DateOnly(2025, 3, 20), "disclosed", null, "natural_person")]), Today, 10));
        Assert.StartsWith("个人信息暂不删除：本机关保存期限 10 年", ChineseMessages.Translate(refusal.Message, "x"));
        Assert.StartsWith("该次登记的案件已删除个人信息", ChineseMessages.Translate("The case this Idempotency-Key created has had its personal data erased; its answer is no longer kept.", "x"));
    }

    [Fact]
    public void The_refusals_of_the_template_guard_and_of_a_partial_disclosure_without_ground_read_in_Chinese()
    {
        Assert.Equal("模板缺少必备内容：收到申请日期 ({{ application.received_on }})。",
            ChineseMessages.Translate("The template leaves out required elements: 收到申请日期 ({{ application.received_on }})."));
        Assert.Equal("模板含有打印时会运行或加载外部资源的内容：<img>。",
            ChineseMessages.Translate("The template prints markup that would run or fetch when printed: <img>."));
        Assert.Equal("模板使用了告知书模板不允许的内容：<script>。", ChineseMessages.Translate("The template uses what notice templates do not allow: <script>."));
        Assert.StartsWith("请选择不予公开部分所依据的情形", ChineseMessages.Translate("Name the ground of the withheld part (条例第三十七条 and the article it is withheld under). Allowed: a."));
    }

    [Fact]
    public void A_domain_refusal_it_does_not_know_is_shown_as_it_is_with_a_Chinese_lead_in()
    {
        Assert.Equal("不能登记：Something new (条例第三十条).", ChineseMessages.Translate("Something new (条例第三十条).", "value"));
        Assert.Equal("2025-07-02 晚于今天（2025-06-30），请按实际发生的日期登记。",
            ChineseMessages.Translate("2025-07-02 is in the future (today is 2025-06-30); record steps when they happen."));
    }

    [Fact]
    public void The_returned_mail_refusals_read_in_Chinese()
    {
        static string Refusal(Action act) => Assert.Throws<Disclosure.Domain.Refusal>(act).Message;
        var today = new DateOnly(2025, 6, 30);
        var answer = new Disclosure.Domain.Notices.NoticeIssued("answer_disclosed", "复〔2025〕1号", new DateOnly(2025, 3, 20), "v", "h");
        object[] given = [new Disclosure.Domain.Applications.ApplicationReceived(Guid.NewGuid(), "a", "A-1", "online",
                new Disclosure.Domain.Applications.Applicant("natural_person", "张三", null, null, null, null), "d", null, new DateOnly(2025, 3, 3)),
            new Disclosure.Domain.Applications.DecisionRecorded(new DateOnly(2025, 3, 20), "disclosed", null, "natural_person"), answer];
        var undelivered = Disclosure.Domain.Applications.Application.From(given);
        var signed = Disclosure.Domain.Applications.Application.From([.. given, Disclosure.Domain.Notices.Delivery.Direct(answer, new DateOnly(2025, 3, 21), null, today)]);
        Assert.Equal("告知书 复〔2025〕1号 未登记邮寄送达，只有邮寄的邮件才会被退回。", ChineseMessages.Translate(Refusal(() =>
            Disclosure.Domain.Notices.NoticeDecider.ReturnMail(undelivered, answer.Number, new DateOnly(2025, 3, 28), null, today))));
        Assert.Equal("只有邮寄送达的告知书才会被退回；复〔2025〕1号 的送达方式为直接送达。", ChineseMessages.Translate(Refusal(() =>
            Disclosure.Domain.Notices.NoticeDecider.ReturnMail(signed, answer.Number, new DateOnly(2025, 3, 28), null, today))));
    }

    [Fact]
    public void The_fee_clocks_refusals_read_in_Chinese()
    {
        static string Refusal(Action act) => Assert.Throws<Disclosure.Domain.Refusal>(act).Message;
        var calendar = Disclosure.Domain.Calendar.WorkingDayCalendar.Official;
        var today = new DateOnly(2026, 12, 31);
        var received = new Disclosure.Domain.Applications.ApplicationReceived(Guid.NewGuid(), "a", "A-1", "online",
            new Disclosure.Domain.Applications.Applicant("natural_person", "张三", null, "13800000000", null, null), "d", null, new DateOnly(2026, 10, 12));
        var app = Disclosure.Domain.Applications.Application.From([received], calendar);
        var charged = Disclosure.Domain.Applications.Application.From([received, new Disclosure.Domain.Applications.FeeNoticeSent(new DateOnly(2026, 10, 19), 10m, "per_item")], calendar);
        Assert.Equal("答复期限已于 2026-11-09 届满，收费通知应在答复期限内发出（国办函〔2020〕109号）；不能登记，答复期限不变。", ChineseMessages.Translate(Refusal(() =>
            Disclosure.Domain.Applications.ApplicationDecider.SendFeeNotice(app, new DateOnly(2026, 11, 16), 10m, "per_item", today, calendar, Disclosure.Domain.Applications.ClockSettings.Default))));
        Assert.Equal("缴费期限已于 2026-11-16 届满，逾期缴费视为放弃申请（国办函〔2020〕109号），请登记逾期未缴费。", ChineseMessages.Translate(Refusal(() =>
            Disclosure.Domain.Applications.ApplicationDecider.PayFee(charged, new DateOnly(2026, 11, 18), today, calendar))));
        Assert.Equal("缴费期限至 2026-11-16，期满后方可登记逾期未缴费。", ChineseMessages.Translate(Refusal(() =>
            Disclosure.Domain.Applications.ApplicationDecider.LapseFee(charged, new DateOnly(2026, 11, 16), calendar, today))));
    }
}
