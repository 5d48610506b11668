using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Reviews;

namespace Disclosure.Domain;

/// <summary>A reminder about a case: <c>due_soon</c> before its due date, <c>overdue</c> after it.</summary>
public sealed record DeadlineNotice(string Kind, DateOnly DueOn, string Text);

/// <summary>What the deadlines of a case make happen on a given day, and the days on which to look again.</summary>
public sealed record DeadlineOutcome(IReadOnlyList<object> Events, IReadOnlyList<DeadlineNotice> Notices);

/// <summary>
/// Deadlines that act. Pure: given a case, today and the calendar, the lapses the law defines (as events, with the
/// rule that fired) and the reminders that are due. A case that moved on yields nothing, so a scheduled check never
/// needs cancelling and running it twice adds nothing.
/// </summary>
public static class Deadlines
{
    public const string DueSoon = "due_soon";
    public const string Overdue = "overdue";

    /// <summary>
    /// What the deadlines of an application make happen today: the lapses the law defines — decided by the same rules a
    /// handler's lapse goes through (<see cref="ApplicationDecider"/>) — and the reminders that are due.
    /// </summary>
    public static DeadlineOutcome ForApplication(Application app, DateOnly today, WorkingDayCalendar calendar, int reminderDays)
    {
        if (!app.IsOpen) return new([], NewAnswerNotices(app, today, calendar, reminderDays));
        try
        {
            if (app.Correction is { ReceivedOn: null, LapsedOn: null } c && StatutoryClock.LapsesOn(StatutoryClock.CorrectionEnds(c)) is var correctionLapses
                && today >= correctionLapses)
                return new([ApplicationDecider.LapseCorrection(app, correctionLapses, today)], []);
            if (app.Fee is { PaidOn: null, LapsedOn: null } && StatutoryClock.LapsesOn(StatutoryClock.FeePaymentWindow(app, calendar).EndsOn) is var feeLapses
                && today >= feeLapses)
                return new([ApplicationDecider.LapseFee(app, feeLapses, calendar, today)], []);

            var events = new List<object>();
            foreach (var consultation in app.Consultations.Where(x => x.IsOpen))
                if (today >= StatutoryClock.LapsesOn(StatutoryClock.ConsultationReplyEnds(consultation, calendar)))
                    events.Add(ApplicationDecider.LapseConsultation(app, consultation.Id, today, calendar, today));
            // a lapsed consultation ends where the clock already assumed it would (15 working days): the due date stands
            return new(events, Notices(app.DueOn, today, calendar, reminderDays, $"政府信息公开申请 {app.TrackingNumber}"));
        }
        catch (CalendarNotAvailable)
        {
            return new([], []); // nothing can fall due in a year without a notice; loading it re-derives the dates
        }
    }

    public static DeadlineOutcome ForLetter(Letter letter, DateOnly today, WorkingDayCalendar calendar, int reminderDays)
    {
        if (!letter.AwaitingAction) return new([], []);
        try
        {
            var what = letter.PendingPetitionReview() is { } review ? (review.Stage == PetitionReviewStages.Recheck ? "复核意见" : "复查意见")
                : letter.AcceptedOn is null ? "受理决定" : "答复";
            return new([], Notices(letter.DueOn, today, calendar, reminderDays, $"市长信箱来信 {letter.TrackingNumber} 的{what}"));
        }
        catch (CalendarNotAvailable)
        {
            return new([], []);
        }
    }

    /// <summary>The days on which something about this application may fall due; a check is scheduled for each.</summary>
    public static IReadOnlyList<DateOnly> AlarmsFor(Application app, WorkingDayCalendar calendar, int reminderDays)
    {
        var days = new List<DateOnly>();
        if (app.NewAnswer is { AnsweredOn: null } redo)
            Try(() => { days.Add(RemindFrom(redo.DueOn, calendar, reminderDays)); days.Add(StatutoryClock.LapsesOn(redo.DueOn)); });
        if (!app.IsOpen) return days.Distinct().Order().ToList();
        Try(() => { if (app.DueOn is { } due) { days.Add(RemindFrom(due, calendar, reminderDays)); days.Add(StatutoryClock.LapsesOn(due)); } });
        Try(() => { if (app.Correction is { ReceivedOn: null, LapsedOn: null } c) days.Add(StatutoryClock.LapsesOn(StatutoryClock.CorrectionEnds(c))); });
        Try(() => { if (app.Fee is { PaidOn: null, LapsedOn: null }) days.Add(StatutoryClock.LapsesOn(StatutoryClock.FeePaymentWindow(app, calendar).EndsOn)); });
        foreach (var c in app.Consultations.Where(x => x.IsOpen))
            Try(() => days.Add(StatutoryClock.LapsesOn(StatutoryClock.ConsultationReplyEnds(c, calendar))));
        return days.Distinct().Order().ToList();
    }

    public static IReadOnlyList<DateOnly> AlarmsFor(Letter letter, WorkingDayCalendar calendar, int reminderDays)
    {
        var days = new List<DateOnly>();
        if (letter.AwaitingAction && letter.DueOn is { } due)
            Try(() => { days.Add(RemindFrom(due, calendar, reminderDays)); days.Add(StatutoryClock.LapsesOn(due)); });
        return days;
    }

    /// <summary>
    /// What a review case's reply deadline makes happen today: reminders only — an agency that misses it is treated as
    /// having no evidence (行政复议法第七十条), which the review body decides, not the system.
    /// </summary>
    public static DeadlineOutcome ForReview(ReviewCase review, DateOnly today, WorkingDayCalendar calendar, int reminderDays)
    {
        if (!review.AwaitingReply) return new([], []);
        try
        {
            var what = ReviewCaseKinds.IsLawsuit(review.Kind) ? "答辩状" : "书面答复";
            var kind = ReviewCaseKinds.All.Find(review.Kind)?.Label ?? review.Kind;
            return new([], Notices(review.ReplyDueOn, today, calendar, reminderDays, $"{kind} {review.TrackingNumber} 的{what}"));
        }
        catch (CalendarNotAvailable)
        {
            return new([], []);
        }
    }

    /// <summary>The days on which a review case's reply may fall due.</summary>
    public static IReadOnlyList<DateOnly> AlarmsFor(ReviewCase review, WorkingDayCalendar calendar, int reminderDays)
    {
        var days = new List<DateOnly>();
        if (review.AwaitingReply && review.ReplyDueOn is { } due)
            Try(() => { days.Add(RemindFrom(due, calendar, reminderDays)); days.Add(StatutoryClock.LapsesOn(due)); });
        return days;
    }

    /// <summary>The new answer a review decision requires (重新答复) by its date, on an application already answered once.</summary>
    private static List<DeadlineNotice> NewAnswerNotices(Application app, DateOnly today, WorkingDayCalendar calendar, int reminderDays)
    {
        if (app.NewAnswer is not { AnsweredOn: null } redo) return [];
        try
        {
            return Notices(redo.DueOn, today, calendar, reminderDays, $"政府信息公开申请 {app.TrackingNumber} 的重新答复");
        }
        catch (CalendarNotAvailable)
        {
            return [];
        }
    }

    private static List<DeadlineNotice> Notices(DateOnly? dueOn, DateOnly today, WorkingDayCalendar calendar, int reminderDays, string what)
    {
        if (dueOn is not { } due) return [];
        if (today >= StatutoryClock.LapsesOn(due)) return [new(Overdue, due, $"{what}已于 {due:yyyy-MM-dd} 到期，尚未办结，已逾期")];
        if (today >= RemindFrom(due, calendar, reminderDays)) return [new(DueSoon, due, $"{what}将于 {due:yyyy-MM-dd} 到期")];
        return [];
    }

    public const string NoticeUndelivered = "notice_undelivered";

    /// <summary>
    /// An answer notice (答复书) issued and not delivered for the agency's working days: the answer counts for the
    /// applicant only once it is delivered (送达, 国办公开办函〔2016〕235号), so the handlers are reminded — once per notice
    /// (its 文号 in the text, its reminder day as the due date). A failed delivery or returned mail leaves it undelivered.
    /// </summary>
    public static IReadOnlyList<DeadlineNotice> UndeliveredNotices(Application app, DateOnly today, WorkingDayCalendar calendar, int workingDays)
    {
        var notices = new List<DeadlineNotice>();
        foreach (var (notice, remindOn) in Undelivered(app, calendar, workingDays))
            if (today >= remindOn)
                notices.Add(new(NoticeUndelivered, remindOn,
                    $"政府信息公开申请 {app.TrackingNumber} 的答复书 {notice.Number}（{notice.IssuedOn:yyyy-MM-dd} 出具）已过 {workingDays} 个工作日尚未送达"));
        return notices;
    }

    /// <summary>The days an undelivered answer notice reminds on (a check is scheduled for each).</summary>
    public static IReadOnlyList<DateOnly> UndeliveredNoticeAlarms(Application app, WorkingDayCalendar calendar, int workingDays) =>
        [.. Undelivered(app, calendar, workingDays).Select(u => u.RemindOn)];

    private static IEnumerable<(IssuedNotice Notice, DateOnly RemindOn)> Undelivered(Application app, WorkingDayCalendar calendar, int workingDays)
    {
        if (workingDays <= 0) yield break;
        foreach (var notice in app.Notices.Where(n => n.Kind.StartsWith(Disclosure.Domain.Notices.NoticeKinds.AnswerPrefix) && n.Deliveries.Count == 0))
        {
            DateOnly remindOn;
            try { remindOn = calendar.AddWorkingDays(notice.IssuedOn, workingDays); }
            catch (CalendarNotAvailable) { continue; } // loading the year's notice re-derives and reschedules
            yield return (notice, remindOn);
        }
    }

    /// <summary>The first day of the reminder (<c>due_soon</c>) before a due date: the agency's reminder days, in working days.</summary>
    public static DateOnly RemindFrom(DateOnly due, WorkingDayCalendar calendar, int reminderDays) => calendar.SubtractWorkingDays(due, reminderDays);

    /// <summary>
    /// The last due date whose reminder (<see cref="RemindFrom"/>) has begun by <paramref name="today"/>: a case due on or
    /// before it is due soon, one due after it is not yet — the worklists' horizon, the same rule as the reminders.
    /// </summary>
    public static DateOnly DueSoonUntil(DateOnly today, WorkingDayCalendar calendar, int reminderDays) =>
        // RemindFrom counts back over working days only: the last due date it brings to today or before is the working
        // day reminderDays working days ahead; any day after it (a non-working one too) counts it among its days back
        // and begins its reminder after today (PeriodSpecs checks this inverse over whole years)
        calendar.AddWorkingDays(today, reminderDays);

    private static void Try(Action add)
    {
        try { add(); } catch (CalendarNotAvailable) { /* the sweep after the notice is loaded catches it */ }
    }
}
