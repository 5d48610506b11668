using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Notices;

/// <summary>送达 (国办公开办函〔2016〕235号): which date counts per method, and whether the answer reached the applicant in time.</summary>
public class DeliverySpecs
{
    private static readonly DateOnly Today = D("2025-06-30");
    private static readonly NoticeIssued Answer = new("answer_disclosed", "复〔2025〕12号", D("2025-03-28"), "sha256:x", "h");
    private static readonly DateOnly Due = D("2025-03-31");

    private static IReadOnlyList<ComplianceWarning> Check(DateOnly decidedOn, params object[] facts) =>
        DeliveryCompliance.Check(Due, decidedOn, Answer.Number, facts);

    [Fact]
    public void Direct_delivery_counts_on_the_day_of_signing()
    {
        var d = Delivery.Direct(Answer, D("2025-04-02"), "张三", Today);
        Assert.Equal(D("2025-04-02"), Delivery.CountingDate(d));
        Assert.Equal(D("2025-04-02"), ((ICaseEvent)d).BusinessDate);
        Assert.Contains("签收之日", Delivery.Explain(d));
    }

    [Fact]
    public void Delegated_delivery_also_counts_on_the_day_of_signing() =>
        Assert.Equal((DeliveryMethods.Delegated, D("2025-04-03")),
            (Delivery.Direct(Answer, D("2025-04-03"), null, Today, delegated: true).Method, Delivery.CountingDate(Delivery.Direct(Answer, D("2025-04-03"), null, Today, delegated: true))));

    [Fact]
    public void Post_counts_on_the_day_it_is_handed_to_the_post()
    {
        var d = Delivery.ByPost(Answer, D("2025-03-31"), "1234567890123", Today);
        Assert.Equal(D("2025-03-31"), ((ICaseEvent)d).BusinessDate);
        Assert.Contains("交邮之日", Delivery.Explain(d));
    }

    [Fact]
    public void Post_needs_the_postal_tracking_number() =>
        Assert.Equal("postalTrackingNumber", Assert.Throws<Refusal>(() => Delivery.ByPost(Answer, D("2025-03-31"), " ", Today)).Field);

    [Fact]
    public void Electronic_delivery_counts_on_the_day_of_arrival_in_Beijing_time()
    {
        var d = Delivery.Electronic(Answer, "申请表勾选“同意电子送达”，2025-03-03", new DateTimeOffset(2025, 3, 31, 17, 30, 0, TimeSpan.Zero), Today);
        Assert.Equal(D("2025-04-01"), Delivery.CountingDate(d));
    }

    [Fact]
    public void Electronic_delivery_needs_the_applicant_s_recorded_consent() =>
        Assert.Equal("electronicConsent", Assert.Throws<Refusal>(() => Delivery.Electronic(Answer, null, new DateTimeOffset(2025, 3, 31, 9, 0, 0, TimeSpan.FromHours(8)), Today)).Field);

    [Fact]
    public void A_notice_is_not_delivered_before_it_was_issued_nor_after_today()
    {
        Assert.Equal("signedOn", Assert.Throws<Refusal>(() => Delivery.Direct(Answer, D("2025-03-27"), null, Today)).Field);
        Assert.Equal("postedOn", Assert.Throws<Refusal>(() => Delivery.ByPost(Answer, Today.AddDays(1), "1", Today)).Field);
    }

    [Fact]
    public void Only_posted_mail_comes_back()
    {
        var posted = Delivery.ByPost(Answer, D("2025-03-31"), "1234567890123", Today);
        Assert.Equal("1234567890123", ReturnedMail(posted, D("2025-04-08"), "查无此人", Today).PostalTrackingNumber);
        Assert.Equal("returnedOn", Assert.Throws<Refusal>(() => ReturnedMail(posted, D("2025-03-30"), "x", Today)).Field);
    }

    [Fact]
    public void Answered_in_time_and_posted_on_the_due_date_is_in_time() =>
        Assert.Empty(Check(D("2025-03-28"), Delivery.ByPost(Answer, D("2025-03-31"), "1", Today)));

    [Fact]
    public void Answered_in_time_but_signed_for_after_the_due_date_is_a_warning()
    {
        var w = Assert.Single(Check(D("2025-03-28"), Delivery.Direct(Answer, D("2025-04-02"), "张三", Today)));
        Assert.Equal((DeliveryCompliance.DeliveredLate, D("2025-04-02")), (w.Code, w.On));
        Assert.Contains("2025-03-31", w.Text);
    }

    [Fact]
    public void Answered_late_is_its_own_warning_and_not_repeated_for_delivery() =>
        Assert.Empty(DeliveryCompliance.Check(Due, D("2025-04-01"), Answer.Number, [Delivery.Direct(Answer, D("2025-04-02"), null, Today)]));

    [Fact]
    public void The_first_delivery_counts()
    {
        var facts = new object[] { Delivery.Direct(Answer, D("2025-04-03"), null, Today), Delivery.ByPost(Answer, D("2025-03-31"), "1", Today) };
        Assert.Empty(Check(D("2025-03-28"), facts));
    }

    [Fact]
    public void Undelivered_after_the_due_date_is_a_warning_once_today_is_past_it()
    {
        Assert.Empty(DeliveryCompliance.Check(Due, D("2025-03-28"), Answer.Number, [], today: D("2025-03-31")));
        Assert.Equal(DeliveryCompliance.NotDelivered, Assert.Single(DeliveryCompliance.Check(Due, D("2025-03-28"), Answer.Number, [], today: D("2025-04-01"))).Code);
    }

    [Fact]
    public void Returned_mail_still_counts_from_posting_but_asks_for_delivery_again()
    {
        var posted = Delivery.ByPost(Answer, D("2025-03-31"), "1", Today);
        var w = Assert.Single(Check(D("2025-03-28"), posted, ReturnedMail(posted, D("2025-04-07"), "地址不详", Today)));
        Assert.Equal(DeliveryCompliance.MailReturnedCode, w.Code);
    }

    [Fact]
    public void Delivering_again_after_a_return_or_a_failure_settles_it()
    {
        var posted = Delivery.ByPost(Answer, D("2025-03-31"), "1", Today);
        Assert.Empty(Check(D("2025-03-28"), posted, ReturnedMail(posted, D("2025-04-07"), "地址不详", Today), Delivery.Direct(Answer, D("2025-04-09"), null, Today)));
        var failedThenSigned = Check(D("2025-03-28"), Delivery.Failed(Answer, D("2025-03-29"), "拒绝签收", Today), Delivery.Direct(Answer, D("2025-03-31"), null, Today));
        Assert.Empty(failedThenSigned);
    }

    [Fact]
    public void A_failed_delivery_without_another_is_a_warning() =>
        Assert.Equal(DeliveryCompliance.DeliveryFailedCode, Assert.Single(Check(D("2025-03-28"), Delivery.Failed(Answer, D("2025-03-29"), "拒绝签收", Today))).Code);

    [Fact]
    public void Facts_about_other_notices_are_ignored()
    {
        var other = Answer with { Number = "补〔2025〕1号" };
        Assert.Empty(Check(D("2025-03-28"), Delivery.ByPost(Answer, D("2025-03-31"), "1", Today), Delivery.Direct(other, D("2025-04-20"), null, Today)));
    }

    [Fact]
    public void Without_a_due_date_nothing_can_be_said() =>
        Assert.Empty(DeliveryCompliance.Check(null, D("2025-03-28"), Answer.Number, [], today: D("2025-12-31")));
}
