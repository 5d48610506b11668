using Disclosure.Domain.Applications;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Applications;

public class StatutoryClockSpecs
{
    [Fact]
    public void Twenty_working_days_after_receipt_across_national_day()
    {
        var app = Case(Received("2024-09-27"));
        Assert.Equal(D("2024-10-30"), app.DueOn);
        Assert.Equal(["received", "answer_period", "due"], app.Deadline!.Steps.Select(s => s.Rule));
    }

    [Fact]
    public void Twenty_working_days_across_spring_festival()
    {
        Assert.Equal(D("2025-02-21"), Case(Received("2025-01-20")).DueOn);
    }

    [Fact]
    public void While_a_correction_is_awaited_there_is_no_due_date_yet()
    {
        var app = Case(Received("2025-01-20"), new CorrectionRequested(D("2025-01-22"), ["写明所需信息的名称"], D("2025-02-14")));
        Assert.Null(app.DueOn);
        Assert.Equal("correction_pending", app.Deadline!.Steps[^1].Rule);
        Assert.Equal(ApplicationStatuses.AwaitingCorrection, app.Status);
    }

    [Fact]
    public void A_correction_restarts_the_clock_on_the_day_it_arrives()
    {
        var app = Case(Received("2025-01-20"), new CorrectionRequested(D("2025-01-22"), ["x"], D("2025-02-14")),
            new CorrectionReceived(D("2025-02-10")));
        Assert.Equal(D("2025-03-10"), app.DueOn);
        Assert.Contains(app.Deadline!.Steps, s => s.Rule == "correction_restart" && s.Date == D("2025-02-10"));
    }

    [Fact]
    public void An_extension_is_counted_on_from_the_original_due_date()
    {
        var app = Case(Received("2025-01-20"), new ExtensionApproved(D("2025-02-18"), "办公室主任", 10, "需调取档案"));
        Assert.Equal(D("2025-03-07"), app.DueOn);
    }

    [Fact]
    public void A_consultation_pauses_the_clock_from_the_day_after_sending_to_the_reply()
    {
        var consultation = Guid.NewGuid();
        var app = Case(Received("2025-03-03"), new ConsultationSent(consultation, D("2025-03-03"), "第三方公司"),
            new ConsultationReplied(consultation, D("2025-03-10"), true));
        Assert.Equal(D("2025-04-08"), app.DueOn); // 20 + 5 excluded working days
        Assert.Contains(app.Deadline!.Steps, s => s.Rule == "consultation" && s.WorkingDays == 5);
        Assert.False(app.Deadline.Provisional);
    }

    [Fact]
    public void An_unanswered_consultation_is_assumed_to_run_its_fifteen_days_and_the_date_is_provisional()
    {
        var app = Case(Received("2025-03-03"), new ConsultationSent(Guid.NewGuid(), D("2025-03-03"), "市自然资源局"));
        Assert.True(app.Deadline!.Provisional);
        Assert.Equal(D("2025-04-22") /* 35 working days after receipt, counted independently */, app.DueOn);
        Assert.Equal(ApplicationStatuses.InConsultation, app.Status);
    }

    [Fact]
    public void Overlapping_exclusions_count_once()
    {
        var consultation = Guid.NewGuid();
        var app = Case(Received("2025-03-03"),
            new ConsultationSent(consultation, D("2025-03-03"), "第三方"), new ConsultationReplied(consultation, D("2025-03-10"), false),
            new FeeNoticeSent(D("2025-03-05"), 200m, "per_page"), new FeePaid(D("2025-03-12")));
        Assert.Equal(D("2025-04-10"), app.DueOn); // 5 + 5 working days, 3 shared: 7
        Assert.Contains(app.Deadline!.Steps, s => s.Rule == "overlap" && s.WorkingDays == 7);
    }

    [Fact]
    public void Fee_waiting_is_not_excluded_when_the_setting_says_so()
    {
        var app = Application.From([Received("2025-03-03"), new FeeNoticeSent(D("2025-03-05"), 200m, "per_page"), new FeePaid(D("2025-03-12"))],
            Official, new ClockSettings(ExcludeFeeWaiting: false));
        Assert.Equal(D("2025-03-31"), app.DueOn);
    }

    [Fact]
    public void A_due_date_in_a_year_without_a_notice_is_unknown_and_says_which_year()
    {
        var app = Case(Received("2026-12-10"));
        Assert.Null(app.DueOn);
        Assert.Equal(2027, app.Deadline!.CalendarGapYear);
        Assert.Contains("2027", app.Deadline.Steps[^1].Text);
    }

    [Fact]
    public void A_late_correction_notice_is_recorded_and_flagged()
    {
        var app = Case(Received("2025-01-20"), new CorrectionRequested(D("2025-02-06"), ["x"], D("2025-02-20")));
        var warning = Assert.Single(app.Warnings);
        Assert.Equal("correction_notice_late", warning.Code);
        Assert.Contains("2025-02-05", warning.Text); // the 7th working day
    }

    [Fact]
    public void A_correction_notice_on_the_seventh_working_day_is_in_time()
    {
        var app = Case(Received("2025-01-20"), new CorrectionRequested(D("2025-02-05"), ["x"], D("2025-02-20")));
        Assert.Empty(app.Warnings);
    }

    [Fact]
    public void An_answer_after_the_due_date_is_recorded_and_flagged_on_the_due_date_it_is_not()
    {
        Assert.Empty(Case(Received("2024-09-27"), new DecisionRecorded(D("2024-10-30"), "disclosed", null, "natural_person")).Warnings);
        var late = Case(Received("2024-09-27"), new DecisionRecorded(D("2024-10-31"), "disclosed", null, "natural_person"));
        Assert.Equal("answered_late", Assert.Single(late.Warnings).Code);
    }

    [Fact]
    public void The_same_history_always_gives_the_same_date_and_explanation()
    {
        object[] history = [Received("2025-01-20"), new ExtensionApproved(D("2025-02-18"), "主任", 5, "r")];
        var a = Case(history);
        var b = Case(history);
        Assert.Equal(a.DueOn, b.DueOn);
        Assert.Equal(a.Deadline!.Steps, b.Deadline!.Steps);
    }
}
