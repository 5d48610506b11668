using Disclosure.Domain.Applications;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Applications;

/// <summary>Given past events, when a command, then events or a refusal.</summary>
public class ApplicationDeciderSpecs
{
    private static readonly DateOnly Today = D("2025-06-30");

    private static Refusal Refused(Action when) => Assert.Throws<Refusal>(when);

    [Fact]
    public void Intake_records_the_legal_receipt_date()
    {
        var e = ApplicationDecider.Receive(Id, "a", "A-2025-00001", "in_person", new Applicant("research_institution", " 某研究所 ", null, null, null, null),
            "资料", D("2025-03-01"), D("2025-03-03"), Today);
        Assert.Equal(D("2025-03-03"), e.ReceivedOn);
        Assert.Equal("某研究所", e.Applicant.Name);
    }

    [Theory]
    [InlineData("pigeon", "natural_person", "channel")]
    [InlineData("online", "alien", "applicant.category")]
    public void Intake_refuses_unknown_codes_and_lists_the_allowed_ones(string channel, string category, string field)
    {
        var r = Refused(() => ApplicationDecider.Receive(Id, "a", "", channel, new Applicant(category, "n", null, null, null, null), "d", null, D("2025-03-03"), Today));
        Assert.Equal(RefusalKind.Invalid, r.Kind);
        Assert.Equal(field, r.Field);
        Assert.Contains("Allowed:", r.Message);
    }

    [Fact]
    public void Intake_refuses_a_receipt_date_in_the_future() =>
        Assert.Equal("receivedOn", Refused(() => ApplicationDecider.Receive(Id, "a", "", "online",
            new Applicant("natural_person", "n", null, null, null, null), "d", null, Today.AddDays(1), Today)).Field);

    [Fact]
    public void Deciding_twice_is_a_conflict()
    {
        var app = Case(Received(), new DecisionRecorded(D("2025-03-20"), "disclosed", null, "natural_person"));
        Assert.Equal(RefusalKind.Conflict, Refused(() => ApplicationDecider.RecordDecision(app, D("2025-03-21"), "disclosed", null, Today)).Kind);
    }

    [Fact]
    public void A_step_dated_before_receipt_is_invalid()
    {
        var r = Refused(() => ApplicationDecider.RecordDecision(Case(Received()), D("2025-03-02"), "disclosed", null, Today));
        Assert.Equal((RefusalKind.Invalid, "decidedOn"), (r.Kind, r.Field));
    }

    [Fact]
    public void A_step_dated_in_the_future_is_invalid() =>
        Assert.Equal(RefusalKind.Invalid, Refused(() => ApplicationDecider.RecordDecision(Case(Received()), Today.AddDays(1), "disclosed", null, Today)).Kind);

    [Fact]
    public void A_correction_request_after_a_decision_is_a_conflict()
    {
        var app = Case(Received(), new DecisionRecorded(D("2025-03-20"), "disclosed", null, "natural_person"));
        Assert.Equal(RefusalKind.Conflict, Refused(() => ApplicationDecider.RequestCorrection(app, D("2025-03-21"), ["x"], D("2025-04-01"), Today)).Kind);
    }

    [Fact]
    public void Only_one_correction_request()
    {
        var app = Case(Received(), new CorrectionRequested(D("2025-03-04"), ["x"], D("2025-03-14")));
        Assert.Equal(RefusalKind.Conflict, Refused(() => ApplicationDecider.RequestCorrection(app, D("2025-03-05"), ["y"], D("2025-03-15"), Today)).Kind);
    }

    [Fact]
    public void Only_one_extension()
    {
        var app = Case(Received(), new ExtensionApproved(D("2025-03-20"), "主任", 5, "r"));
        Assert.Equal(RefusalKind.Conflict, Refused(() => ApplicationDecider.ApproveExtension(app, D("2025-03-21"), "主任", 5, "r", Today)).Kind);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(0)]
    public void An_extension_is_one_to_twenty_working_days(int days) =>
        Assert.Equal("workingDays", Refused(() => ApplicationDecider.ApproveExtension(Case(Received()), D("2025-03-20"), "主任", days, "r", Today)).Field);

    [Fact]
    public void Unknown_outcome_lists_all_21_codes()
    {
        var r = Refused(() => ApplicationDecider.RecordDecision(Case(Received()), D("2025-03-20"), "approved", null, Today));
        Assert.All(Outcomes.All, o => Assert.Contains(o.Code, r.Message));
        Assert.Equal(21, Outcomes.All.Count);
    }

    [Fact]
    public void A_correction_cannot_be_received_unless_requested() =>
        Assert.Equal(RefusalKind.Conflict, Refused(() => ApplicationDecider.ReceiveCorrection(Case(Received()), D("2025-03-10"), Today)).Kind);

    [Fact]
    public void A_correction_lapses_only_after_the_date_set_and_closes_the_case_as_other_no_correction()
    {
        var app = Case(Received(), new CorrectionRequested(D("2025-03-04"), ["x"], D("2025-03-14")));
        Assert.Equal("on", Refused(() => ApplicationDecider.LapseCorrection(app, D("2025-03-14"), Today)).Field);
        var lapsed = ApplicationDecider.LapseCorrection(app, D("2025-03-17"), Today);
        var closed = Case(Received(), new CorrectionRequested(D("2025-03-04"), ["x"], D("2025-03-14")), lapsed);
        Assert.Equal((ApplicationStatuses.Abandoned, Outcomes.OtherNoCorrection), (closed.Status, closed.Answer!.Outcome));
    }

    [Fact]
    public void A_fee_lapses_after_twenty_working_days_unpaid_as_other_fee_unpaid()
    {
        var app = Case(Received(), new FeeNoticeSent(D("2025-03-05"), 300m, "per_item"));
        var end = D("2025-04-02"); // 20 working days after the notice, counted independently
        Assert.Equal("on", Refused(() => ApplicationDecider.LapseFee(app, end, Official, Today)).Field);
        var lapsed = ApplicationDecider.LapseFee(app, end.AddDays(1), Official, Today);
        Assert.Equal(Outcomes.OtherFeeUnpaid, Case(Received(), new FeeNoticeSent(D("2025-03-05"), 300m, "per_item"), lapsed).Answer!.Outcome);
    }

    [Fact]
    public void Withdrawal_closes_the_case_as_other()
    {
        var app = Case(Received(), ApplicationDecider.Withdraw(Case(Received()), D("2025-03-06"), "不再需要", Today));
        Assert.Equal((ApplicationStatuses.Withdrawn, Outcomes.OtherOther), (app.Status, app.Answer!.Outcome));
    }

    [Fact]
    public void A_consultation_reply_to_an_unknown_consultation_is_not_found() =>
        Assert.Equal(RefusalKind.NotFound, Refused(() => ApplicationDecider.ReceiveConsultationReply(Case(Received()), Guid.NewGuid(), D("2025-03-05"), true, Today)).Kind);

    [Fact]
    public void A_corrected_decision_keeps_the_old_one_in_history()
    {
        var app = Case(Received(), new DecisionRecorded(D("2025-03-20"), "disclosed", null, "natural_person"));
        var corrected = ApplicationDecider.CorrectDecision(app, D("2025-03-25"), "partially_disclosed", null, "部分信息涉及第三方", Today);
        Assert.Equal(("disclosed", D("2025-03-20"), "partially_disclosed"), (corrected.PreviousOutcome, corrected.PreviousDecidedOn, corrected.Outcome));
        var after = Case(Received(), new DecisionRecorded(D("2025-03-20"), "disclosed", null, "natural_person"), corrected);
        Assert.Equal("partially_disclosed", after.Answer!.Outcome);
        Assert.Equal("disclosed", Assert.Single(after.SupersededAnswers).Outcome);
    }

    [Fact]
    public void There_is_nothing_to_correct_before_a_decision() =>
        Assert.Equal(RefusalKind.Conflict, Refused(() => ApplicationDecider.CorrectDecision(Case(Received()), D("2025-03-25"), "disclosed", null, "r", Today)).Kind);

    [Fact]
    public void Reviews_are_filed_and_concluded_once()
    {
        var review = Guid.NewGuid();
        var filed = ApplicationDecider.FileReview(Case(Received()), review, "reconsideration", D("2025-04-01"), Today);
        var concluded = ApplicationDecider.ConcludeReview(Case(Received(), filed), review, D("2025-05-01"), "upheld", Today);
        var app = Case(Received(), filed, concluded);
        Assert.Equal("upheld", Assert.Single(app.Reviews).Result);
        Assert.Equal(RefusalKind.Conflict, Refused(() => ApplicationDecider.ConcludeReview(app, review, D("2025-05-02"), "corrected", Today)).Kind);
        Assert.Equal("kind", Refused(() => ApplicationDecider.FileReview(app, Guid.NewGuid(), "appeal", D("2025-04-01"), Today)).Field);
    }
}
