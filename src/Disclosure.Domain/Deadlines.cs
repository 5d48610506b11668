using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Letters;

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
        if (!app.IsOpen) return new([], []);
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
            var what = letter.AcceptedOn is null ? "受理决定" : "答复";
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
        if (!app.IsOpen) return days;
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

    private static List<DeadlineNotice> Notices(DateOnly? dueOn, DateOnly today, WorkingDayCalendar calendar, int reminderDays, string what)
    {
        if (dueOn is not { } due) return [];
        if (today >= StatutoryClock.LapsesOn(due)) return [new(Overdue, due, $"{what}已于 {due:yyyy-MM-dd} 到期，尚未办结，已逾期")];
        if (today >= RemindFrom(due, calendar, reminderDays)) return [new(DueSoon, due, $"{what}将于 {due:yyyy-MM-dd} 到期")];
        return [];
    }

    /// <summary>The first day of the reminder (<c>due_soon</c>) before a due date: the agency's reminder days, in working days.</summary>
    public static DateOnly RemindFrom(DateOnly due, WorkingDayCalendar calendar, int reminderDays) => calendar.SubtractWorkingDays(due, reminderDays);

    /// <summary>
    /// The last due date that is due soon on <paramref name="today"/>: a case not yet overdue is due soon exactly when its due
    /// date is on or before it — the day the reminder above starts (<see cref="RemindFrom"/>) has come. The worklist's
    /// 到期 window is this, so it counts what the reminders remind of. Throws <see cref="CalendarNotAvailable"/> where the
    /// window runs into a year with no holiday notice.
    /// </summary>
    public static DateOnly DueSoonUntil(DateOnly today, WorkingDayCalendar calendar, int reminderDays)
    {
        // RemindFrom never decreases as the due date moves on: walk forward while the next day's reminder has started
        var until = today;
        while (RemindFrom(until.AddDays(1), calendar, reminderDays) <= today) until = until.AddDays(1);
        return until;
    }

    private static void Try(Action add)
    {
        try { add(); } catch (CalendarNotAvailable) { /* the sweep after the notice is loaded catches it */ }
    }
}
