using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Applications;

/// <summary>
/// The fee clock (国办函〔2020〕109号): the notice within the answer period, the 缴费期限 from the day after the applicant
/// received it, payment and lapse decided by business dates. Dates are literal and checked against the 2026 holiday notice.
/// </summary>
public class FeeClockSpecs
{
    private static readonly DateOnly Today = D("2026-12-31");
    private const string FeeNumber = "SP公开费〔2026〕1号";

    private static Refusal Refused(Action when) => Assert.Throws<Refusal>(when);

    // received 2026-10-12 (Mon): 20 working days → 2026-11-09
    private static ApplicationReceived October12() => Received("2026-10-12");

    private static object[] FeeSentOctober19(params object[] more) =>
        [October12(), new FeeNoticeSent(D("2026-10-19"), 10m, "per_item"), new NoticeIssued(NoticeKinds.FeeNotice, FeeNumber, D("2026-10-19"), "v", "h"), .. more];

    private static NoticeDelivered Signed(string on) => new(FeeNumber, DeliveryMethods.Direct, D(on), null, null, null, null, null);

    [Fact]
    public void A_fee_notice_after_the_answer_period_is_refused_and_the_due_date_does_not_move()
    {
        var app = Case(October12());
        Assert.Equal(D("2026-11-09"), app.DueOn);

        var refusal = Refused(() => ApplicationDecider.SendFeeNotice(app, D("2026-11-16"), 10m, "per_item", Today, Official, ClockSettings.Default));
        Assert.Equal(("sentOn", RefusalKind.Invalid), (refusal.Field, refusal.Kind));
        Assert.Contains("2026-11-09", refusal.Message);

        // on the last day of the period it is still in time
        var onTime = ApplicationDecider.SendFeeNotice(app, D("2026-11-09"), 10m, "per_item", Today, Official, ClockSettings.Default);
        Assert.Equal(D("2026-11-09"), onTime.SentOn);
        Assert.True(Case(October12()).IsOverdue(D("2026-11-16")));
    }

    [Fact]
    public void Until_the_fee_notice_is_received_the_window_counts_provisionally_from_sending()
    {
        var app = Case(FeeSentOctober19());
        var window = StatutoryClock.FeePaymentWindow(app, Official);
        Assert.Equal((D("2026-11-16"), true), (window.EndsOn, window.Provisional));
        Assert.Contains(app.Deadline!.Steps, s => s.Rule == "fee_waiting" && s.Text.Contains("暂按缴费期限届满日 2026-11-16") && s.Text.Contains("暂自 2026-10-19"));
    }

    [Fact]
    public void Once_the_fee_notice_is_signed_for_the_window_counts_from_the_day_after_receipt()
    {
        var app = Case(FeeSentOctober19(Signed("2026-10-23")));
        var window = StatutoryClock.FeePaymentWindow(app, Official);
        Assert.Equal((D("2026-11-20"), false, D("2026-10-23")), (window.EndsOn, window.Provisional, window.ReceivedOn));
        Assert.Contains(app.Deadline!.Steps, s => s.Rule == "fee_waiting" && s.Date == D("2026-11-20") && s.Text.Contains("2026-10-23 收到收费通知"));
    }

    [Theory]
    [InlineData("post", "2026-10-19", "2026-10-23", "2026-11-20")] // 交邮 does not start the applicant's window; the return receipt does
    [InlineData("post", "2026-10-19", null, "2026-11-16")]
    [InlineData("electronic", null, null, "2026-11-17")] // arrived 2026-10-20 00:30 Beijing time
    public void Post_counts_from_the_return_receipt_and_electronic_delivery_from_arrival(string method, string? postedOn, string? receipt, string ends)
    {
        var delivery = method == "post"
            ? new NoticeDelivered(FeeNumber, DeliveryMethods.Post, null, null, D(postedOn!), "EMS1", null, null, receipt is null ? null : D(receipt))
            : new NoticeDelivered(FeeNumber, DeliveryMethods.Electronic, null, null, null, null, "申请表勾选", new DateTimeOffset(2026, 10, 19, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal(D(ends), StatutoryClock.FeePaymentWindow(Case(FeeSentOctober19(delivery)), Official).EndsOn);
    }

    [Fact]
    public void A_payment_after_the_window_is_refused_whether_or_not_the_lapse_was_recorded()
    {
        var app = Case(FeeSentOctober19());
        var refusal = Refused(() => ApplicationDecider.PayFee(app, D("2026-11-18"), Today, Official));
        Assert.Equal(("paidOn", RefusalKind.Invalid), (refusal.Field, refusal.Kind));
        Assert.Contains("2026-11-16", refusal.Message);
        Assert.Equal(D("2026-11-16"), ApplicationDecider.PayFee(app, D("2026-11-16"), Today, Official).PaidOn);
        // the same day is in time once the receipt of 2026-10-23 is known
        Assert.Equal(D("2026-11-18"), ApplicationDecider.PayFee(Case(FeeSentOctober19(Signed("2026-10-23"))), D("2026-11-18"), Today, Official).PaidOn);
    }

    [Fact]
    public void The_lapse_is_refused_while_the_window_runs_and_the_deadline_check_applies_the_same_window()
    {
        var app = Case(FeeSentOctober19(Signed("2026-10-23")));
        Assert.Equal("on", Refused(() => ApplicationDecider.LapseFee(app, D("2026-11-20"), Official, Today)).Field);
        var lapsed = ApplicationDecider.LapseFee(app, D("2026-11-21"), Official, Today);
        Assert.Equal(Outcomes.OtherFeeUnpaid, Case(FeeSentOctober19(Signed("2026-10-23"), lapsed)).Answer!.Outcome);

        Assert.Empty(Deadlines.ForApplication(app, D("2026-11-20"), Official, 3).Events);
        var check = Assert.IsType<FeeLapsed>(Assert.Single(Deadlines.ForApplication(app, D("2026-11-23"), Official, 3).Events));
        Assert.Equal(D("2026-11-21"), check.On);
        Assert.Contains(D("2026-11-21"), Deadlines.AlarmsFor(app, Official, 3));
    }

    [Fact]
    public void A_window_running_into_a_year_without_a_holiday_notice_accepts_what_is_surely_in_time_and_refuses_to_guess_the_rest()
    {
        // the shipped calendar ends with 2026: a window from 2026-12-10 cannot be counted to its end
        var app = Case(Received("2026-12-01"), new FeeNoticeSent(D("2026-12-10"), 10m, "per_item"));
        var today = D("2027-01-15");
        Assert.Equal(D("2026-12-28"), ApplicationDecider.PayFee(app, D("2026-12-28"), today, Official).PaidOn); // within 20 calendar days
        var unknown = Refused(() => ApplicationDecider.PayFee(app, D("2027-01-05"), today, Official));
        Assert.Equal(RefusalKind.Conflict, unknown.Kind);
        Assert.Contains("2027", unknown.Message);
        Assert.Equal(RefusalKind.Conflict, Refused(() => ApplicationDecider.LapseFee(app, D("2027-01-14"), Official, today)).Kind);
    }
}
