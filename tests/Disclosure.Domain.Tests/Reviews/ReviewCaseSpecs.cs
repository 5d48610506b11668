using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;
using Disclosure.Domain.Reviews;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Reviews;

/// <summary>
/// A review case's reply clock and rules. The dates cross 国庆 2025 (1–8 October off; Sunday 28 September and Saturday
/// 11 October are 调休上班 working days, shared/reference/cn-holidays.json).
/// </summary>
public class ReviewCaseSpecs
{
    private static readonly Guid ReviewId = Guid.Parse("0195a6a0-0000-7000-8000-0000000000f1");
    private static readonly DateOnly Today = D("2025-12-31");

    private static ReviewReceived Copy(string kind, string procedure, string receivedOn, string filedOn = "2025-09-20") =>
        ReviewDecider.Receive(Case(Received("2025-03-03"), new DecisionRecorded(D("2025-03-20"), "not_disclosed_state_secret", null, "natural_person")),
            ReviewId, "SP-F2025-00001", kind, procedure, D(filedOn), D(receivedOn), Today);

    private static ReviewCase Review(params object[] events) => ReviewCase.From(events, Official);

    [Theory]
    // 复议, ordinary: 10 working days (行政复议法第四十八条, 第八十八条): 26, 28(调休), 29, 30 Sep, then 9, 10, 11(调休), 13, 14, 15 Oct
    [InlineData("reconsideration", "ordinary", "2025-09-25", "2025-10-15")]
    // 复议, simplified: 5 working days (第五十四条): 26, 28(调休), 29, 30 Sep, 9 Oct
    [InlineData("reconsideration", "simplified", "2025-09-25", "2025-10-09")]
    // ordinary, received on the last working day before the break: 9, 10, 11(调休), 13–17, 20, 21 Oct — the eight days off do not count
    [InlineData("reconsideration", "ordinary", "2025-09-30", "2025-10-21")]
    // 诉讼: 15 calendar days (行政诉讼法第六十七条); 5 Oct is a holiday, so the period ends on the first working day after it
    [InlineData("lawsuit_direct", "ordinary", "2025-09-20", "2025-10-09")]
    // 诉讼: 15 calendar days ending on a working day stay where they end — holidays inside the period count
    [InlineData("lawsuit_after_reconsideration", "ordinary", "2025-09-25", "2025-10-10")]
    // the simplified procedure of 行政诉讼法第八十二条 shortens the trial, not the defendant's 15 days
    [InlineData("lawsuit_direct", "simplified", "2025-09-25", "2025-10-10")]
    // 上诉: the same 15 days (行政诉讼法第一百零一条)
    [InlineData("appeal", "ordinary", "2025-09-25", "2025-10-10")]
    public void The_reply_is_due_by_the_rule_of_its_kind_and_procedure(string kind, string procedure, string receivedOn, string due)
    {
        var review = Review(Copy(kind, procedure, receivedOn));
        Assert.Equal(D(due), review.ReplyDueOn);
        Assert.Equal(D(due), review.DueOn);
        Assert.True(review.AwaitingReply);
    }

    [Fact]
    public void A_missed_reply_shows_as_overdue_from_the_day_after_it_was_due()
    {
        var review = Review(Copy("reconsideration", "ordinary", "2025-09-25"));
        Assert.False(review.IsOverdue(D("2025-10-15")));
        Assert.True(review.IsOverdue(D("2025-10-16")));

        // the reminders: due soon from 3 working days before (14, 13, then Saturday 11 Oct, a 调休 working day), overdue from 16 Oct
        Assert.Empty(Deadlines.ForReview(review, D("2025-10-10"), Official, 3).Notices);
        Assert.Equal(Deadlines.DueSoon, Assert.Single(Deadlines.ForReview(review, D("2025-10-11"), Official, 3).Notices).Kind);
        var overdue = Assert.Single(Deadlines.ForReview(review, D("2025-10-16"), Official, 3).Notices);
        Assert.Equal((Deadlines.Overdue, D("2025-10-15")), (overdue.Kind, overdue.DueOn));
        Assert.Contains("SP-F2025-00001", overdue.Text);
        Assert.Equal([D("2025-10-11"), D("2025-10-16")], Deadlines.AlarmsFor(review, Official, 3));
    }

    [Fact]
    public void A_reply_filed_ends_the_clock_and_says_whether_it_was_late()
    {
        var review = Review(Copy("reconsideration", "simplified", "2025-09-25"));
        var onTime = ReviewDecider.FileReply(review, D("2025-10-09"), ["政府信息公开申请答复书", " ", "送达回证"], Official, Today);
        Assert.Equal(new ReviewReplyFiled(D("2025-10-09"), onTime.Evidence, D("2025-10-09"), false), onTime);
        Assert.Equal(["政府信息公开申请答复书", "送达回证"], onTime.Evidence);
        var late = ReviewDecider.FileReply(review, D("2025-10-10"), ["答复书"], Official, Today);
        Assert.True(late.Late);

        var replied = Review(Copy("reconsideration", "simplified", "2025-09-25"), onTime);
        Assert.False(replied.AwaitingReply);
        Assert.Null(replied.DueOn);
        Assert.False(replied.IsOverdue(D("2025-12-01")));
        Assert.Empty(Deadlines.ForReview(replied, D("2025-12-01"), Official, 3).Notices);
        Assert.Equal(Refusal.Conflict("x").Kind, Assert.Throws<Refusal>(() => ReviewDecider.FileReply(replied, D("2025-10-10"), ["x"], Official, Today)).Kind);
    }

    [Fact]
    public void A_reply_needs_its_evidence_and_cannot_precede_the_copy()
    {
        var review = Review(Copy("reconsideration", "ordinary", "2025-09-25"));
        Assert.Equal("evidence", Assert.Throws<Refusal>(() => ReviewDecider.FileReply(review, D("2025-10-09"), [" "], Official, Today)).Field);
        Assert.Equal("evidence", Assert.Throws<Refusal>(() => ReviewDecider.FileReply(review, D("2025-10-09"), null, Official, Today)).Field);
        Assert.Equal("filedOn", Assert.Throws<Refusal>(() => ReviewDecider.FileReply(review, D("2025-09-24"), ["x"], Official, Today)).Field);
    }

    [Fact]
    public void The_copy_is_received_on_or_after_filing_and_the_kind_and_procedure_are_known()
    {
        Assert.Equal("receivedOn", Assert.Throws<Refusal>(() => Copy("reconsideration", "ordinary", "2025-09-19")).Field);
        Assert.Equal("kind", Assert.Throws<Refusal>(() => Copy("petition", "ordinary", "2025-09-25")).Field);
        Assert.Equal("procedure", Assert.Throws<Refusal>(() => Copy("reconsideration", "summary", "2025-09-25")).Field);
        Assert.Equal("filedOn", Assert.Throws<Refusal>(() => Copy("reconsideration", "ordinary", "2025-09-25", filedOn: "2025-03-01")).Field);
        var defaults = ReviewDecider.Receive(Case(Received()), ReviewId, "n", "reconsideration", null, D("2025-04-01"), null, Today);
        Assert.Equal(("ordinary", D("2025-04-01")), (defaults.Procedure, defaults.ReceivedOn));
    }

    [Theory]
    [InlineData("upheld", "upheld")]
    [InlineData("varied", "corrected")]
    [InlineData("revoked", "corrected")]
    [InlineData("declared_unlawful", "corrected")]
    [InlineData("ordered_to_perform", "corrected")]
    [InlineData("declared_void", "corrected")]
    [InlineData("dismissed", "other")]
    [InlineData("terminated", "other")]
    [InlineData("settled", "other")]
    public void The_outcome_falls_in_its_column_of_table_four(string outcome, string result) =>
        Assert.Equal(result, ReviewDecider.Decide(Review(Copy("reconsideration", "ordinary", "2025-09-25")), D("2025-11-20"), outcome, null, Today).Result);

    [Fact]
    public void A_decision_may_require_a_new_answer_only_when_it_sets_the_answer_aside()
    {
        var review = Review(Copy("reconsideration", "ordinary", "2025-09-25"));
        var revoked = ReviewDecider.Decide(review, D("2025-11-20"), "revoked", D("2025-12-19"), Today);
        Assert.Equal(new ReviewDecided(D("2025-11-20"), "revoked", "corrected", D("2025-12-19"), "reconsideration", D("2025-09-20")), revoked);
        Assert.Equal("newAnswerBy", Assert.Throws<Refusal>(() => ReviewDecider.Decide(review, D("2025-11-20"), "upheld", D("2025-12-19"), Today)).Field);
        Assert.Equal("newAnswerBy", Assert.Throws<Refusal>(() => ReviewDecider.Decide(review, D("2025-11-20"), "revoked", D("2025-11-20"), Today)).Field);
        Assert.Equal("decidedOn", Assert.Throws<Refusal>(() => ReviewDecider.Decide(review, D("2025-09-19"), "upheld", null, Today)).Field);

        var decided = Review(Copy("reconsideration", "ordinary", "2025-09-25"), revoked);
        Assert.False(decided.IsOpen);
        Assert.False(decided.AwaitingReply); // decided before any reply: nothing is owed any more
        Assert.False(decided.IsOverdue(D("2025-12-01")));
        Assert.Equal(RefusalKind.Conflict, Assert.Throws<Refusal>(() => ReviewDecider.Decide(decided, D("2025-11-21"), "upheld", null, Today)).Kind);
    }

    [Fact]
    public void The_application_is_reopened_for_the_new_answer_and_a_corrected_answer_gives_it()
    {
        var app = Case(Received("2025-03-03"), new DecisionRecorded(D("2025-03-20"), "not_disclosed_state_secret", null, "natural_person"),
            new ReviewOpened(ReviewId, "SP-F2025-00001", "reconsideration", D("2025-09-20"), D("2025-09-25")),
            new ReviewOutcomeRecorded(ReviewId, D("2025-11-20"), "revoked", "corrected", D("2025-12-19")));
        Assert.Equal((D("2025-12-19"), (DateOnly?)null), (app.NewAnswer!.DueOn, app.NewAnswer.AnsweredOn));
        Assert.Equal(("corrected", "revoked"), (app.Reviews.Single().Result, app.Reviews.Single().Outcome));
        // the pending new answer is reminded of and overdue like any deadline, though the application was answered once
        Assert.Equal(Deadlines.Overdue, Assert.Single(Deadlines.ForApplication(app, D("2025-12-22"), Official, 3).Notices).Kind);
        Assert.Equal([D("2025-12-16"), D("2025-12-20")], Deadlines.AlarmsFor(app, Official, 3));

        app.Fold(new DecisionCorrected(D("2025-12-10"), "not_disclosed_state_secret", D("2025-03-20"), "disclosed", D("2025-12-10"), "复议决定撤销，重新答复", "natural_person"));
        Assert.Equal(D("2025-12-10"), app.NewAnswer.AnsweredOn);
        Assert.Empty(Deadlines.ForApplication(app, D("2025-12-22"), Official, 3).Notices);
    }

    [Fact]
    public void Table_four_counts_a_review_case_like_the_reviews_recorded_before_it_and_an_appeal_not_again()
    {
        var tally = new YearTally { Year = 2025 };
        // the old facts on the application …
        tally.Count(new ReviewFiled(Guid.NewGuid(), "reconsideration", D("2025-02-10")));
        tally.Count(new ReviewConcluded(Guid.NewGuid(), D("2025-04-01"), "corrected", "reconsideration", D("2025-02-10")));
        // … and the review cases
        tally.Count(Copy("reconsideration", "ordinary", "2025-09-25"));
        tally.Count(new ReviewDecided(D("2025-11-20"), "upheld", "upheld", null, "reconsideration", D("2025-09-20")));
        tally.Count(Copy("lawsuit_direct", "ordinary", "2025-09-25"));
        tally.Count(Copy("appeal", "ordinary", "2025-09-25"));
        tally.Count(new ReviewDecided(D("2025-11-20"), "dismissed", "other", null, "appeal", D("2025-09-20")));
        // the application's link to its review case is not counted a second time
        Assert.Empty(YearTally.YearsOf(new ReviewOpened(ReviewId, "n", "reconsideration", D("2025-09-20"), D("2025-09-25"))));

        Assert.Equal([1, 1, 0, 0], tally.Reviews["reconsideration"]);
        Assert.Equal([0, 0, 0, 1], tally.Reviews["lawsuit_direct"]);
        Assert.False(tally.Reviews.ContainsKey("appeal"));
        var table = AnnualReport.Reviews(2025, [tally]);
        Assert.Equal(15, table.Values.Count);
        Assert.Equal([1, 1, 0, 0, 2], table.Values.Take(5));
    }

    [Fact]
    public void A_corrected_calendar_moves_a_reply_still_owed_and_records_why_but_not_a_reply_filed()
    {
        var received = Copy("reconsideration", "ordinary", "2025-09-25"); // due 2025-10-15
        var owed = Review(received);
        Assert.Null(ReviewDecider.Rederive(owed, D("2025-10-15"), "地方补充放假", Today)); // not moved: nothing to record
        var moved = ReviewDecider.Rederive(owed, D("2025-10-14"), "地方补充放假", Today);
        Assert.Equal((D("2025-10-14"), D("2025-10-15"), "地方补充放假"), (moved!.OldDueOn, moved.NewDueOn, moved.Reason));
        // the fold records it without moving the clock itself (the clock is the calendar's)
        Assert.Equal(D("2025-10-15"), Review(received, moved).ReplyDueOn);

        var replied = Review(received, ReviewDecider.FileReply(owed, D("2025-10-10"), ["答复书"], Official, Today));
        Assert.Null(ReviewDecider.Rederive(replied, D("2025-10-14"), "地方补充放假", Today));
    }

    [Fact]
    public void A_reviews_evidence_list_is_kept_until_decided_and_retained_then_blanked_and_its_statistics_stay()
    {
        var received = Copy("reconsideration", "ordinary", "2025-09-25");
        var reply = ReviewDecider.FileReply(Review(received), D("2025-10-10"), ["张三的申请书", "送达回证"], Official, Today);
        Assert.Equal("open", Assert.Single(PersonalData.Check(Review(received, reply), D("2040-01-01"), 10).Kept).Code);

        var decided = ReviewDecider.Decide(Review(received, reply), D("2025-12-01"), ReviewOutcomes.Upheld, null, Today);
        var closed = Review(received, reply, decided);
        var kept = Assert.Single(PersonalData.Check(closed, D("2035-11-30"), 10).Kept);
        Assert.Equal(("retention", D("2035-12-01")), (kept.Code, kept.Until));
        Assert.Throws<Refusal>(() => PersonalData.Erase(closed, D("2035-11-30"), 10));

        var erased = PersonalData.Erase(closed, D("2035-12-01"), 10);
        var masked = Assert.IsType<ReviewReplyFiled>(PersonalData.Masked(reply));
        Assert.Equal([PersonalDataErased.Placeholder, PersonalDataErased.Placeholder], masked.Evidence);
        Assert.Equal((reply.FiledOn, reply.DueOn, reply.Late), (masked.FiledOn, masked.DueOn, masked.Late));
        Assert.Null(PersonalData.Masked(received)); // kinds, dates and numbers are no personal data
        var after = Review(received, masked, decided, erased);
        Assert.Equal((D("2035-12-01"), ReviewStatuses.Decided, "upheld"), (after.PersonalDataErasedOn, after.Status, after.Result));
        Assert.DoesNotContain("张三的申请书", after.Evidence);
        Assert.Equal("already_erased", Assert.Single(PersonalData.Check(after, D("2036-01-01"), 10).Kept).Code);
    }

    [Fact]
    public void The_evidence_bundle_is_kept_once_with_the_reply_and_identified_by_its_SHA_256()
    {
        var received = Copy("reconsideration", "ordinary", "2025-09-25");
        var pdf = "%PDF-1.7 bundle"u8.ToArray();
        var at = new DateTimeOffset(2025, 10, 10, 16, 30, 0, TimeSpan.FromHours(8));
        // no reply filed: nothing to keep it with (行政复议法第四十八条: the evidence goes with the reply)
        Assert.Equal(RefusalKind.Conflict, Assert.Throws<Refusal>(() => ReviewDecider.KeepEvidence(Review(received), at, pdf, 1, D("2025-10-10"))).Kind);

        var replied = ReviewDecider.FileReply(Review(received), D("2025-10-10"), ["答复书"], Official, Today);
        var kept = ReviewDecider.KeepEvidence(Review(received, replied), at, pdf, 3, D("2025-10-10"));
        Assert.Equal((D("2025-10-10"), at, pdf.LongLength, 3), (kept.On, kept.AsOf, kept.Length, kept.Pages));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), kept.Sha256);
        var review = Review(received, replied, kept);
        Assert.Equal(kept.Sha256, review.EvidenceBundle!.Sha256);

        // never replaced
        Assert.Equal(RefusalKind.Conflict, Assert.Throws<Refusal>(() => ReviewDecider.KeepEvidence(review, at, "%PDF other"u8.ToArray(), 1, D("2025-10-11"))).Kind);
        Assert.Equal("pdf", Assert.Throws<Refusal>(() => ReviewDecider.KeepEvidence(Review(received, replied), at, [], 0, D("2025-10-10"))).Field);
    }
}
