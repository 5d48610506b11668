using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Domain.Reporting;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Notices;

/// <summary>What the host relies on: erasure of kept documents, delivery warnings on the case, fee figures of the report, the setup.</summary>
public class KeptNoticeSpecs
{
    [Fact]
    public void Erasure_blanks_the_personal_data_of_a_kept_notice_and_keeps_its_number_and_legal_words()
    {
        var before = Sample.Decided(Outcomes.Disclosed);
        var html = Sample.Render(Sample.AnswerModel(Outcomes.Disclosed));

        var masked = KeptNoticeErasure.Mask(html, KeptNoticeErasure.PersonalTexts(before));

        Assert.Contains("张三", html);
        Assert.DoesNotContain("张三", masked);
        Assert.DoesNotContain("园区规划许可", masked);
        Assert.Contains("（已删除）：", masked);
        Assert.Contains("示规资公复〔2025〕12号", masked);
        Assert.Contains(AnswerCatalogue.Basis(Outcomes.Disclosed), masked);
    }

    [Fact]
    public void A_single_character_is_never_blanked_across_the_document()
    {
        var app = Case(Received() with { Applicant = new Applicant("natural_person", "局", null, null, null, null) });
        Assert.DoesNotContain("局", KeptNoticeErasure.PersonalTexts(app));
    }

    [Fact]
    public void An_answer_decided_in_time_but_delivered_late_is_a_warning_of_the_case()
    {
        // received 2025-03-03, due 2025-03-31, decided on the last day, signed for three days later
        var issued = new NoticeIssued(NoticeKinds.AnswerTo(Outcomes.Disclosed), "A1", D("2025-03-31"), "v", "h");
        var app = Case(Received(), new DecisionRecorded(D("2025-03-31"), Outcomes.Disclosed, null, "natural_person"), issued,
            Delivery.Direct(issued, D("2025-04-03"), "张三", D("2025-06-30")));

        var warning = Assert.Single(app.Warnings);
        Assert.Equal(DeliveryCompliance.DeliveredLate, warning.Code);
    }

    [Fact]
    public void A_posted_answer_counts_from_the_posting_day()
    {
        var issued = new NoticeIssued(NoticeKinds.AnswerTo(Outcomes.Disclosed), "A1", D("2025-03-31"), "v", "h");
        var app = Case(Received(), new DecisionRecorded(D("2025-03-31"), Outcomes.Disclosed, null, "natural_person"), issued,
            Delivery.ByPost(issued, D("2025-03-31"), "1178", D("2025-06-30")));

        Assert.Empty(app.Warnings);
    }

    [Fact]
    public void The_year_counts_fee_notices_and_payments_for_section_six()
    {
        var tally = new YearTally { Year = 2025 };
        foreach (var e in new object[] { new FeeNoticeSent(D("2025-03-05"), 610m, "per_page"), new FeeNoticeSent(D("2025-03-06"), 100m, "per_page"), new FeePaid(D("2025-03-10"), 610m) })
            if (YearTally.YearsOf(e).Contains(2025)) tally.Count(e);

        Assert.Equal("本年度发出信息处理费收费通知2件，金额共计710元；实际收取信息处理费610元。", tally.Fees.Sentence());
        Assert.Equal("本年度未收取信息处理费。", new YearTally { Year = 2024 }.Fees.Sentence());
    }

    [Fact]
    public void A_payment_carries_the_amount_of_its_notice()
    {
        var app = Case(Received(), new FeeNoticeSent(D("2025-03-05"), 610m, "per_page"));
        Assert.Equal(610m, ApplicationDecider.PayFee(app, D("2025-03-10"), D("2025-06-30"), Official).AmountYuan);
    }

    [Fact]
    public void An_agency_template_serves_its_kind_and_the_answer_template_every_answer_until_reset()
    {
        var setup = new NoticeSetup();
        setup.Fold(new NoticeTemplateSet("sp", NoticeKinds.AnswerTemplate, "v1", "…", DateTimeOffset.UnixEpoch));
        Assert.Equal(NoticeKinds.AnswerTemplate, setup.TemplateKeyFor(NoticeKinds.AnswerTo(Outcomes.Disclosed)));
        Assert.Null(setup.TemplateKeyFor(NoticeKinds.Correction));

        setup.Fold(new NoticeTemplateReset("sp", NoticeKinds.AnswerTemplate, DateTimeOffset.UnixEpoch));
        Assert.Null(setup.TemplateKeyFor(NoticeKinds.AnswerTo(Outcomes.Disclosed)));
        Assert.Equal([("answer", "v1"), ("answer", (string?)null)], setup.History.Select(h => (h.Key, h.Version)));
        Assert.False(setup.IssuesNotices);
        Assert.Throws<Refusal>(() => setup.RequireSettings());
    }
}
