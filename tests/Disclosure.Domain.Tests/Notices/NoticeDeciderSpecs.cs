using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Notices;

/// <summary>Given a case's events, when a notice is issued, delivered, returned or fails, then events or a refusal.</summary>
public class NoticeDeciderSpecs
{
    private static readonly DateOnly Today = D("2025-06-30");
    private static readonly NoticeSetup Set = new() { Id = "sanchang-park", Settings = Sample.Settings };
    private static readonly DecisionRecorded Disclosed = new(D("2025-03-20"), Outcomes.Disclosed, null, "natural_person");
    private static readonly NoticeIssued AnswerNotice = new(NoticeKinds.AnswerTo(Outcomes.Disclosed), "复〔2025〕1号", D("2025-03-20"), "v", "h");
    private static readonly NoticeIssued ReceiptNotice = new(NoticeKinds.Receipt, "收〔2025〕1号", D("2025-03-03"), "v", "h");

    private static Refusal Refused(Action when) => Assert.Throws<Refusal>(when);

    // ── text for a notice that is not issued (issue 27, item 1) ────────────────────────────────────────────────────

    [Fact]
    public void Text_given_for_a_notice_is_refused_on_its_field_where_no_notice_is_issued_and_accepted_where_one_is()
    {
        var r = Refused(() => NoticeDecider.NoNoticeTextLost(NoticeSetup.None, ["notice.findings", "notice.provision"]));
        Assert.Equal((RefusalKind.Invalid, "notice.findings"), (r.Kind, r.Field));
        Assert.Contains("would be lost", r.Message);
        NoticeDecider.NoNoticeTextLost(NoticeSetup.None, []); // nothing given: nothing lost
        NoticeDecider.NoNoticeTextLost(Set, ["notice.findings"]); // printed on the notice the step issues
    }

    // ── issuing a notice on its own ─────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void A_notice_needs_the_agency_s_notice_settings() =>
        Assert.Contains("has not set its notice settings", Refused(() => NoticeDecider.Issue(Case(Received()), NoticeSetup.None, NoticeKinds.Receipt, null)).Message);

    [Fact]
    public void A_receipt_is_issued_once_per_case()
    {
        Assert.Equal(NoticeKinds.Receipt, NoticeDecider.Issue(Case(Received()), Set, NoticeKinds.Receipt, null).Code);
        var r = Refused(() => NoticeDecider.Issue(Case(Received(), ReceiptNotice), Set, NoticeKinds.Receipt, null));
        Assert.Equal(RefusalKind.Conflict, r.Kind);
        Assert.Equal("The 登记回执 of this application was issued already: 收〔2025〕1号 (2025-03-03).", r.Message);
    }

    [Fact]
    public void A_fee_notice_is_issued_only_by_sending_the_fee_notice() =>
        Assert.Equal(RefusalKind.Conflict, Refused(() => NoticeDecider.Issue(Case(Received()), Set, NoticeKinds.FeeNotice, null)).Kind);

    [Fact]
    public void An_unknown_kind_is_refused_by_its_field() =>
        Assert.Equal("kind", Refused(() => NoticeDecider.Issue(Case(Received()), Set, "postcard", null)).Field);

    [Fact]
    public void An_answer_notice_needs_an_answer_and_matches_the_answer_in_force()
    {
        Assert.Equal("No answer has been recorded on this application.",
            Refused(() => NoticeDecider.Issue(Case(Received()), Set, NoticeKinds.AnswerTo(Outcomes.Disclosed), null)).Message);
        var wrong = Refused(() => NoticeDecider.Issue(Case(Received(), Disclosed), Set, NoticeKinds.AnswerTo(Outcomes.PartiallyDisclosed), null));
        Assert.Equal((RefusalKind.Invalid, "kind"), (wrong.Kind, wrong.Field));
        Assert.Equal(NoticeKinds.AnswerTo(Outcomes.Disclosed), NoticeDecider.Issue(Case(Received(), Disclosed), Set, NoticeKinds.AnswerTo(Outcomes.Disclosed), null).Code);
    }

    [Fact]
    public void The_answer_notice_of_a_decision_is_issued_once_but_a_corrected_decision_has_its_own()
    {
        var issued = Case(Received(), Disclosed, AnswerNotice);
        Assert.Equal(RefusalKind.Conflict, Refused(() => NoticeDecider.Issue(issued, Set, AnswerNotice.Kind, null)).Kind);
        var corrected = Case(Received(), Disclosed, AnswerNotice,
            new DecisionCorrected(D("2025-04-01"), Outcomes.Disclosed, D("2025-03-20"), Outcomes.Disclosed, D("2025-04-01"), "日期更正", "natural_person"));
        Assert.Equal(AnswerNotice.Kind, NoticeDecider.Issue(corrected, Set, AnswerNotice.Kind, null).Code);
    }

    [Fact]
    public void A_consultation_notice_names_its_consultation() =>
        Assert.Equal("consultationId", Refused(() => NoticeDecider.Issue(Case(Received()), Set, NoticeKinds.ConsultationLetter, null)).Field);

    // ── delivery ────────────────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void A_delivery_is_recorded_by_its_method_and_the_same_delivery_again_adds_nothing()
    {
        var app = Case(Received(), Disclosed, AnswerNotice);
        var posted = Assert.Single(NoticeDecider.Deliver(app, AnswerNotice.Number, DeliveryMethods.Post, Today, postedOn: D("2025-03-21"), postalTrackingNumber: " 1178 "));
        Assert.Equal((DeliveryMethods.Post, D("2025-03-21"), "1178"), (posted.Method, posted.PostedOn, posted.PostalTrackingNumber));
        Assert.Empty(NoticeDecider.Deliver(Case(Received(), Disclosed, AnswerNotice, posted), AnswerNotice.Number, DeliveryMethods.Post, Today,
            postedOn: D("2025-03-21"), postalTrackingNumber: "1178"));
        var arrived = new DateTimeOffset(2025, 3, 21, 10, 0, 0, TimeSpan.FromHours(8));
        var mailed = Assert.Single(NoticeDecider.Deliver(app, AnswerNotice.Number, DeliveryMethods.Electronic, Today, consent: "申请表勾选", arrivedAt: arrived));
        Assert.Empty(NoticeDecider.Deliver(Case(Received(), Disclosed, AnswerNotice, mailed), AnswerNotice.Number, DeliveryMethods.Electronic, Today,
            consent: "申请表勾选", arrivedAt: arrived)); // a retried e-mail
        Assert.Equal(DeliveryMethods.Delegated,
            Assert.Single(NoticeDecider.Deliver(app, AnswerNotice.Number, DeliveryMethods.Delegated, Today, signedOn: D("2025-03-22"))).Method);
    }

    [Theory]
    [InlineData(DeliveryMethods.Direct, "signedOn")]
    [InlineData(DeliveryMethods.Delegated, "signedOn")]
    [InlineData(DeliveryMethods.Post, "postedOn")]
    [InlineData(DeliveryMethods.Electronic, "arrivedAt")]
    public void Each_method_needs_the_date_that_counts_for_it(string method, string field)
    {
        var r = Refused(() => NoticeDecider.Deliver(Case(Received(), Disclosed, AnswerNotice), AnswerNotice.Number, method, Today, consent: "同意"));
        Assert.Equal((RefusalKind.Invalid, field), (r.Kind, r.Field));
        Assert.EndsWith(": it is the date that counts for this method of delivery.", r.Message);
    }

    [Fact]
    public void An_unknown_method_is_refused_not_taken_for_direct_delivery() =>
        Assert.Equal("method", Refused(() => NoticeDecider.Deliver(Case(Received(), Disclosed, AnswerNotice), AnswerNotice.Number, "pigeon", Today, signedOn: D("2025-03-21"))).Field);

    [Fact]
    public void A_notice_the_case_does_not_have_is_not_found()
    {
        var app = Case(Received(), Disclosed, AnswerNotice);
        var r = Refused(() => NoticeDecider.Deliver(app, "无此文号", DeliveryMethods.Direct, Today, signedOn: D("2025-03-21")));
        Assert.Equal((RefusalKind.NotFound, "number", "The application has no notice '无此文号'."), (r.Kind, r.Field, r.Message));
        Assert.Equal(RefusalKind.NotFound, Refused(() => NoticeDecider.FailDelivery(app, "无此文号", D("2025-03-21"), "拒签", Today)).Kind);
        Assert.Equal(RefusalKind.NotFound, Refused(() => NoticeDecider.ReturnMail(app, "无此文号", D("2025-03-21"), null, Today)).Kind);
    }

    [Fact]
    public void A_failed_delivery_is_dated_after_the_notice_and_says_why()
    {
        var app = Case(Received(), Disclosed, AnswerNotice);
        Assert.Equal(new DeliveryFailed(AnswerNotice.Number, D("2025-03-22"), "拒绝签收"), NoticeDecider.FailDelivery(app, AnswerNotice.Number, D("2025-03-22"), " 拒绝签收 ", Today));
        Assert.Equal("on", Refused(() => NoticeDecider.FailDelivery(app, AnswerNotice.Number, D("2025-03-19"), "拒绝签收", Today)).Field);
        Assert.Equal("reason", Refused(() => NoticeDecider.FailDelivery(app, AnswerNotice.Number, D("2025-03-22"), " ", Today)).Field);
    }

    // ── returned mail (退件) ─────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void Posted_mail_comes_back_with_its_tracking_number()
    {
        var posted = Delivery.ByPost(AnswerNotice, D("2025-03-21"), "1178", Today);
        var returned = NoticeDecider.ReturnMail(Case(Received(), Disclosed, AnswerNotice, posted), AnswerNotice.Number, D("2025-03-28"), null, Today);
        Assert.Equal(new MailReturned(AnswerNotice.Number, D("2025-03-28"), "1178", "退件"), returned);
    }

    [Fact]
    public void A_notice_delivered_otherwise_does_not_come_back_by_post()
    {
        var signed = Delivery.Direct(AnswerNotice, D("2025-03-21"), "张三", Today);
        var r = Refused(() => NoticeDecider.ReturnMail(Case(Received(), Disclosed, AnswerNotice, signed), AnswerNotice.Number, D("2025-03-28"), null, Today));
        Assert.Equal(RefusalKind.Conflict, r.Kind);
        Assert.Equal("Only a posted notice can come back by post; 复〔2025〕1号 was delivered 直接送达.", r.Message);
    }

    [Fact]
    public void A_notice_not_delivered_at_all_does_not_come_back_either() =>
        Assert.Equal("Notice 复〔2025〕1号 was not recorded as posted; only posted mail comes back.",
            Refused(() => NoticeDecider.ReturnMail(Case(Received(), Disclosed, AnswerNotice), AnswerNotice.Number, D("2025-03-28"), null, Today)).Message);

    [Fact]
    public void The_mail_that_comes_back_is_the_last_posting_and_not_before_it()
    {
        var first = Delivery.ByPost(AnswerNotice, D("2025-03-21"), "1178", Today);
        var again = Delivery.ByPost(AnswerNotice, D("2025-04-01"), "2290", Today);
        var app = Case(Received(), Disclosed, AnswerNotice, first, again, Delivery.Direct(AnswerNotice, D("2025-04-02"), null, Today));
        Assert.Equal("2290", NoticeDecider.ReturnMail(app, AnswerNotice.Number, D("2025-04-08"), "查无此人", Today).PostalTrackingNumber);
        Assert.Equal("returnedOn", Refused(() => NoticeDecider.ReturnMail(app, AnswerNotice.Number, D("2025-03-30"), null, Today)).Field);
        Assert.Equal("returnedOn", Refused(() => NoticeDecider.ReturnMail(app, AnswerNotice.Number, Today.AddDays(1), null, Today)).Field);
    }
}
