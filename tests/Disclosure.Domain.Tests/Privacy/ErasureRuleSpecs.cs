using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Notices;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Privacy;

/// <summary>
/// Which case's personal data may be erased on a day (个人信息保护法第四十七条), and why every other one is kept: open reviews,
/// the applicant's remedy windows (行政复议法第二十条, 行政诉讼法第四十六条, 行诉解释第六十四条), a letter's window, the agency's
/// retention period. Dates are literal; the retention period is one year unless a spec says otherwise, so the windows show.
/// </summary>
public class ErasureRuleSpecs
{
    private static readonly DecisionRecorded Decided = new(D("2025-03-20"), Outcomes.Disclosed, "已向张三提供", "natural_person");
    private static readonly NoticeIssued AnswerNotice = new(NoticeKinds.AnswerTo(Outcomes.Disclosed), "三园公开答〔2025〕1号", D("2025-03-20"), "v", "h");

    private static ErasureCheck Check(string today, int years, params object[] events) => PersonalData.Check(Case([Received(), .. events]), D(today), years);

    private static string[] Codes(ErasureCheck check) => check.Kept.Select(k => k.Code).ToArray();

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, value.GetType(),
        new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public void An_answer_signed_for_keeps_the_case_six_months_and_the_filing_margin_from_the_signing()
    {
        // signed 2025-03-25: 诉讼 until 2025-09-25, and 30 days for the court's or 复议机关's notice: erasable from 2025-10-25
        object[] facts = [Decided, AnswerNotice, Delivery.Direct(AnswerNotice, D("2025-03-25"), "张三", D("2025-03-25"))];

        var kept = Check("2025-10-24", 0, facts);
        Assert.Equal(["remedy_window"], Codes(kept));
        Assert.Equal(D("2025-10-25"), kept.Kept.Single().Until);
        Assert.Contains("2025-03-25", kept.Kept.Single().Text);
        Assert.True(Check("2025-10-25", 0, facts).Erasable);
        // with a retention period of one year, that decides: closed 2025-03-20, erasable from 2026-03-20
        Assert.Equal(["retention"], Codes(Check("2025-10-25", 1, facts)));
        Assert.False(Check("2026-03-19", 1, facts).Erasable);
        Assert.True(Check("2026-03-20", 1, facts).Erasable);
    }

    [Fact]
    public void The_window_counts_from_the_delivery_not_from_the_decision()
    {
        // decided 2025-03-20 but signed for only on 2025-09-01: the window runs to 2026-03-01 (+30 days)
        object[] facts = [Decided, AnswerNotice, Delivery.Direct(AnswerNotice, D("2025-09-01"), null, D("2025-09-01"))];

        Assert.Equal(["remedy_window"], Codes(Check("2026-03-20", 1, facts)));
        Assert.Equal(D("2026-03-31"), Check("2026-03-20", 1, facts).ErasableFrom);
        Assert.True(Check("2026-03-31", 1, facts).Erasable);
    }

    [Fact]
    public void Without_a_recorded_delivery_the_window_counts_from_the_decision_plus_a_margin()
    {
        // decided 2025-03-20, no delivery: receipt taken as 2025-04-19; six months → 2025-10-19; +30 → 2025-11-18
        var kept = Check("2025-11-17", 0, Decided, AnswerNotice);
        Assert.Equal(["remedy_window"], Codes(kept));
        Assert.Contains("未记录送达", kept.Kept.Single().Text);
        Assert.True(Check("2025-11-18", 0, Decided, AnswerNotice).Erasable);
    }

    [Fact]
    public void A_posted_answer_counts_from_the_posting_plus_the_margin_and_returned_mail_is_no_delivery()
    {
        var posted = Delivery.ByPost(AnswerNotice, D("2025-03-21"), "1178", D("2025-03-21"));
        // received taken as 2025-04-20 → 2025-10-20 → +30 → 2025-11-19
        Assert.Equal(D("2025-11-19"), Check("2025-06-30", 0, Decided, AnswerNotice, posted).ErasableFrom);
        // the mail came back on 2025-05-10: not delivered; from the return plus the margin → 2025-06-09 → 2025-12-09 → 2026-01-08
        var returned = ReturnedMail(posted, D("2025-05-10"), "查无此人", D("2025-05-10"));
        Assert.Equal(D("2026-01-08"), Check("2025-06-30", 0, Decided, AnswerNotice, posted, returned).ErasableFrom);
    }

    [Fact]
    public void An_answer_that_did_not_state_the_remedies_keeps_the_case_one_year()
    {
        // no answer notice issued (the agency had no notice settings): 行诉解释第六十四条, one year from receipt
        // decided 2025-03-20, receipt taken as 2025-04-19 → 2026-04-19 → +30 → 2026-05-19
        var kept = Check("2026-05-18", 0, Decided);
        Assert.Equal(["remedy_window"], Codes(kept));
        Assert.Contains("第六十四条", kept.Kept.Single().Text);
        Assert.True(Check("2026-05-19", 0, Decided).Erasable);
    }

    [Fact]
    public void A_review_not_concluded_keeps_the_case_whatever_the_date()
    {
        var review = Guid.Parse("0195a6a0-0000-7000-8000-0000000000aa");
        object[] facts = [Decided, AnswerNotice, Delivery.Direct(AnswerNotice, D("2025-03-25"), null, D("2025-03-25")), new ReviewFiled(review, "reconsideration", D("2025-05-01"))];

        var kept = Check("2040-01-01", 10, facts);
        Assert.Equal(["review_pending"], Codes(kept));
        Assert.Contains("行政复议", kept.Kept.Single().Text);
        Assert.Null(kept.ErasableFrom);

        // concluded 2025-07-01: six months for a lawsuit, an appeal or 再审 → 2026-01-01
        object[] concluded = [.. facts, new ReviewConcluded(review, D("2025-07-01"), "upheld", "reconsideration", D("2025-05-01"))];
        Assert.Equal(["review_concluded_recently"], Codes(Check("2025-12-31", 0, concluded)));
        Assert.True(Check("2026-01-01", 0, concluded).Erasable);
    }

    [Fact]
    public void The_retention_period_keeps_the_case_even_when_an_explicit_cut_off_says_otherwise()
    {
        object[] facts = [Decided, AnswerNotice, Delivery.Direct(AnswerNotice, D("2025-03-25"), null, D("2025-03-25"))];

        var kept = PersonalData.Check(Case([Received(), .. facts]), D("2030-06-30"), 10, closedBefore: D("2030-06-30"));
        Assert.Equal(["retention"], Codes(kept));
        Assert.Equal(D("2035-03-20"), kept.ErasableFrom);
        Assert.Contains("10 年", kept.Kept.Single().Text);
        Assert.True(PersonalData.Check(Case([Received(), .. facts]), D("2035-03-20"), 10).Erasable);
        Assert.Equal(["closed_after_cutoff"], Codes(PersonalData.Check(Case([Received(), .. facts]), D("2035-03-20"), 10, closedBefore: D("2025-03-20"))));
    }

    [Fact]
    public void An_open_or_already_erased_case_is_not_erased()
    {
        Assert.Equal(["open"], Codes(Check("2040-01-01", 1)));
        Assert.Equal(["already_erased"], Codes(Check("2040-01-01", 1, Decided, new PersonalDataErased(D("2036-01-01"), "r"))));
        var refusal = Assert.Throws<Refusal>(() => PersonalData.Erase(Case(Received(), Decided), D("2025-06-30"), 1));
        Assert.Contains("保存期限", refusal.Message);
    }

    [Fact]
    public void A_refused_or_closed_letter_is_kept_six_months_then_the_retention_period()
    {
        var received = new LetterReceived(Guid.NewGuid(), "sanchang-park", "SP-M2025-00001", "h", "online", "complaint", "噪音", "联系电话13900001111",
            new Writer("赵六", "13812345678", null), D("2025-06-01"), false, 3);
        var refused = Letter.From([received, new LetterRejected(D("2025-06-25"), "other", "另行处理")]);

        var kept = PersonalData.Check(refused, D("2025-06-30"), 0);
        Assert.Equal(["letter_window"], Codes(kept));
        Assert.Equal(D("2025-12-25"), kept.ErasableFrom);
        Assert.True(PersonalData.Check(refused, D("2025-12-25"), 0).Erasable);
        Assert.Equal(["retention"], Codes(PersonalData.Check(refused, D("2025-12-25"), 10)));
        Assert.Equal(["open"], Codes(PersonalData.Check(Letter.From([received]), D("2040-01-01"), 0)));
    }

    [Fact]
    public void Erasure_blanks_every_free_text_of_the_case_in_the_events_and_in_the_case()
    {
        var issued = new NoticeIssued(NoticeKinds.Correction, "三园公开补〔2025〕1号", D("2025-03-04"), "v", "h");
        var posted = Delivery.ByPost(issued, D("2025-03-04"), "1178", D("2025-03-04"));
        object[] events =
        [
            Received(), new CorrectionRequested(D("2025-03-04"), ["张三的身份证复印件"], D("2025-03-14")), issued, posted,
            ReturnedMail(posted, D("2025-03-08"), "张三已搬离海门市测试路88号", D("2025-03-08")),
            Delivery.Failed(issued, D("2025-03-09"), "张三拒绝签收", D("2025-03-09")), new CorrectionReceived(D("2025-03-10")),
            new ExtensionApproved(D("2025-03-20"), "主任", 10, "需征求张三邻居意见"), Decided,
            new DecisionCorrected(D("2025-03-25"), Outcomes.Disclosed, D("2025-03-20"), Outcomes.PartiallyDisclosed, D("2025-03-20"), "张三来电指出", "natural_person"),
        ];
        foreach (var e in events)
            Assert.DoesNotContain("张三", Json(PersonalData.Masked(e) ?? e));

        var app = Case([.. events, new PersonalDataErased(D("2036-01-01"), "r")]);
        Assert.DoesNotContain("张三", Json(app));

        var letter = Letter.From([
            new LetterReceived(Guid.NewGuid(), "sanchang-park", "SP-M2025-00001", "h", "online", "complaint", "噪音", "b", new Writer("赵六", null, null), D("2025-06-01"), false, 3),
            new LetterAccepted(D("2025-06-02"), 15), new LetterAssigned("环保局", D("2025-06-02")), new LetterReturned("环保局", D("2025-06-03"), "赵六不在本辖区"),
            new LetterExtensionApproved(D("2025-06-04"), 5, "等待赵六补充材料"), new PersonalDataErased(D("2036-01-01"), "r")]);
        Assert.DoesNotContain("赵六", Json(letter));
        Assert.Equal(PersonalDataErased.Placeholder, ((LetterReturned)PersonalData.Masked(new LetterReturned("环保局", D("2025-06-03"), "赵六"))!).Reason);
    }
}
