using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Applications;

/// <summary>
/// 期限 end once: each period's end comes from one method (<see cref="StatutoryClock"/>, <see cref="LetterClock"/>), and the
/// clock, the deadline check (<see cref="Deadlines"/>, its alarms) and the rules (<see cref="ApplicationDecider"/>,
/// <see cref="LetterDecider"/>) agree on it: nothing lapses on the last day, everything may from the day after.
/// </summary>
public class PeriodSpecs
{
    private static readonly DateOnly Today = D("2025-12-31");
    private const int ReminderDays = 3;

    private static Refusal Refused(Action when) => Assert.Throws<Refusal>(when);

    private static IReadOnlyList<object> CheckOn(Application app, DateOnly day) => Deadlines.ForApplication(app, day, Official, ReminderDays).Events;

    [Fact]
    public void The_correction_period_ends_on_the_day_the_notice_set_and_lapses_the_day_after_for_the_check_and_the_rule()
    {
        var app = Case(Received("2025-03-03"), new CorrectionRequested(D("2025-03-05"), ["x"], D("2025-03-19")));
        var end = StatutoryClock.CorrectionEnds(app.Correction!);
        Assert.Equal(D("2025-03-19"), end);

        Assert.Empty(CheckOn(app, end));
        Assert.Equal("on", Refused(() => ApplicationDecider.LapseCorrection(app, end, Today)).Field);
        Assert.Equal(D("2025-03-20"), Assert.IsType<CorrectionLapsed>(Assert.Single(CheckOn(app, StatutoryClock.LapsesOn(end)))).On);
        Assert.Equal(D("2025-03-20"), ApplicationDecider.LapseCorrection(app, StatutoryClock.LapsesOn(end), Today).On);
        Assert.Contains(StatutoryClock.LapsesOn(end), Deadlines.AlarmsFor(app, Official, ReminderDays));
        Assert.Contains(end.ToString("yyyy-MM-dd"), Assert.Single(app.Deadline!.Steps, s => s.Rule == "correction_pending").Text);
    }

    [Fact]
    public void The_payment_window_ends_once_for_the_payment_the_lapse_the_check_and_the_alarm()
    {
        var app = Case(Received("2025-03-03"), new FeeNoticeSent(D("2025-03-05"), 100m, "per_item"));
        var end = StatutoryClock.FeePaymentWindow(app, Official).EndsOn;
        Assert.Equal(D("2025-04-02"), end); // 20 working days from the day after 2025-03-05

        Assert.Equal(end, ApplicationDecider.PayFee(app, end, Today, Official).PaidOn);
        Assert.Equal("paidOn", Refused(() => ApplicationDecider.PayFee(app, StatutoryClock.LapsesOn(end), Today, Official)).Field);
        Assert.Equal("on", Refused(() => ApplicationDecider.LapseFee(app, end, Official, Today)).Field);
        Assert.Empty(CheckOn(app, end));
        Assert.Equal(StatutoryClock.LapsesOn(end), Assert.IsType<FeeLapsed>(Assert.Single(CheckOn(app, StatutoryClock.LapsesOn(end)))).On);
        Assert.Contains(StatutoryClock.LapsesOn(end), Deadlines.AlarmsFor(app, Official, ReminderDays));
    }

    [Fact]
    public void A_payment_is_in_time_without_the_calendar_until_as_many_calendar_days_as_working_days()
    {
        var app = Case(Received("2025-03-03"), new FeeNoticeSent(D("2025-03-05"), 100m, "per_item"));
        Assert.Equal(D("2025-03-25"), StatutoryClock.FeePaymentSurelyOpenUntil(app));
        Assert.True(StatutoryClock.FeePaymentSurelyOpenUntil(app) <= StatutoryClock.FeePaymentWindow(app, Official).EndsOn);
    }

    [Fact]
    public void The_consultation_reply_period_lapses_the_day_after_its_fifteenth_working_day_for_the_check_and_the_rule()
    {
        var id = Guid.Parse("0195a6a0-0000-7000-8000-0000000000c1");
        var app = Case(Received("2025-03-03"), new ConsultationSent(id, D("2025-03-10"), "第三方公司"));
        var end = StatutoryClock.ConsultationReplyEnds(app.Consultations[0], Official);
        Assert.Equal(D("2025-03-31"), end);

        Assert.Empty(CheckOn(app, end));
        Assert.Equal("on", Refused(() => ApplicationDecider.LapseConsultation(app, id, end, Official, Today)).Field);
        var lapsed = Assert.IsType<ConsultationLapsed>(Assert.Single(CheckOn(app, StatutoryClock.LapsesOn(end))));
        Assert.Equal(end, lapsed.On); // it ends on the last day of the period, recorded the day after
        Assert.Equal(end, ApplicationDecider.LapseConsultation(app, id, StatutoryClock.LapsesOn(end), Official, Today).On);
        Assert.Contains(StatutoryClock.LapsesOn(end), Deadlines.AlarmsFor(app, Official, ReminderDays));
    }

    [Fact]
    public void The_answer_period_and_the_extension_end_where_the_clock_says_and_the_reminders_follow_it()
    {
        var app = Case(Received("2025-03-03"));
        var due = StatutoryClock.AnswerPeriodEnds(D("2025-03-03"), Official);
        Assert.Equal((D("2025-03-31"), (DateOnly?)due), (due, app.DueOn));
        var extended = Case(Received("2025-03-03"), new ExtensionApproved(D("2025-03-20"), "主任", 10, "r"));
        Assert.Equal(StatutoryClock.Extended(due, 10, Official), extended.DueOn);

        var remind = Deadlines.RemindFrom(due, Official, ReminderDays);
        Assert.Equal(D("2025-03-26"), remind);
        Assert.Empty(Deadlines.ForApplication(app, remind.AddDays(-1), Official, ReminderDays).Notices);
        Assert.Equal(Deadlines.DueSoon, Assert.Single(Deadlines.ForApplication(app, remind, Official, ReminderDays).Notices).Kind);
        Assert.Equal(Deadlines.DueSoon, Assert.Single(Deadlines.ForApplication(app, due, Official, ReminderDays).Notices).Kind);
        Assert.Equal(Deadlines.Overdue, Assert.Single(Deadlines.ForApplication(app, StatutoryClock.LapsesOn(due), Official, ReminderDays).Notices).Kind);
        Assert.Equal([remind, StatutoryClock.LapsesOn(due)], Deadlines.AlarmsFor(app, Official, ReminderDays));
    }

    [Fact]
    public void A_worklist_shows_as_due_soon_exactly_the_cases_whose_reminder_has_begun()
    {
        // the worklists' horizon is the reminder rule read backwards: due on or before it, the reminder has begun today
        for (var today = D("2025-01-01"); today <= D("2026-10-31"); today = today.AddDays(1))
            foreach (var days in new[] { 0, 1, 3, 5, 20 })
            {
                var until = Deadlines.DueSoonUntil(today, Official, days);
                Assert.True(Deadlines.RemindFrom(until, Official, days) <= today, $"{today} +{days}: due {until} not reminded yet");
                for (var later = until.AddDays(1); later <= until.AddDays(12); later = later.AddDays(1))
                    Assert.True(Deadlines.RemindFrom(later, Official, days) > today, $"{today} +{days}: due {later} reminded already");
            }
    }

    [Fact]
    public void The_correction_notice_is_late_after_seven_working_days()
    {
        var app = Case(Received("2025-03-03"));
        var limit = StatutoryClock.CorrectionNoticeEnds(app, Official);
        Assert.Equal(D("2025-03-12"), limit);
        Assert.DoesNotContain(Compliance.Check(Case(Received("2025-03-03"), new CorrectionRequested(limit, ["x"], D("2025-03-30"))), Official, ClockSettings.Default),
            w => w.Code == "correction_notice_late");
        Assert.Contains(Compliance.Check(Case(Received("2025-03-03"), new CorrectionRequested(limit.AddDays(1), ["x"], D("2025-03-30"))), Official, ClockSettings.Default),
            w => w.Code == "correction_notice_late");
    }

    [Fact]
    public void A_letter_s_limits_end_once_for_its_clock_and_its_rules()
    {
        var received = new LetterReceived(Guid.NewGuid(), "sanchang-park", "SP-M2025-00001", "h", "online", "complaint", "噪音", "b",
            new Writer("赵六", null, null), D("2025-06-03"), false, 3);
        var waiting = Letter.From([received], Official);
        Assert.Equal(LetterClock.AcceptanceEnds(waiting, Official), waiting.DueOn);
        Assert.Equal(D("2025-06-06"), waiting.DueOn);

        var accepted = Letter.From([received, new LetterAccepted(D("2025-06-04"), 15)], Official);
        Assert.Equal(LetterClock.ReplyEnds(D("2025-06-04"), 15, Official), accepted.DueOn);

        var assigned = Letter.From([received, new LetterAccepted(D("2025-06-04"), 15), new LetterAssigned("环保局", D("2025-06-04"))], Official);
        var returnBy = LetterClock.ReturnEnds(D("2025-06-04"), Official);
        Assert.Equal(D("2025-06-11"), returnBy);
        Assert.Equal(returnBy, LetterDecider.Return(assigned, returnBy, "不属本部门", Official, Today).On);
        Assert.Equal(RefusalKind.Conflict, Refused(() => LetterDecider.Return(assigned, StatutoryClock.LapsesOn(returnBy), "不属本部门", Official, Today)).Kind);
    }
}
