using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Letters;
using Disclosure.Host.Applications;
using Disclosure.Host.Deadlines;
using Disclosure.Host.Letters;
using JasperFx.Events;

namespace Disclosure.Host.Cases;

/// <summary>What the one write path needs to know about a kind of case: how it folds, which events are its own, its alarms, its view.</summary>
public abstract class CaseKind<TCase> where TCase : class, ITrackedCase
{
    /// <summary>"application" or "letter", for messages.</summary>
    public abstract string Noun { get; }

    /// <summary>The marker every event of this kind of case implements; its projection folds exactly these.</summary>
    public abstract Type EventMarker { get; }

    /// <summary>The case folded from its events exactly as its inline projection folds them, with the calendar in force.</summary>
    public abstract TCase Fold(IEnumerable<object> events, long version, CaseContext context);

    /// <summary>The facts of the case without its clock (nothing that needs the calendar).</summary>
    public abstract TCase FoldFacts(IEnumerable<object> events);

    /// <summary>
    /// Consequences every change of this kind of case carries with it (the year-end records of an application).
    /// <paramref name="after"/> folds the case with the change's events, without the clock, when needed.
    /// </summary>
    public virtual IReadOnlyList<object> Reconcile(Func<TCase> after, IReadOnlyList<object> events, CaseContext context) => events;

    /// <summary>The days on which something about the case may fall due (<see cref="Domain.Deadlines"/>).</summary>
    public abstract IReadOnlyList<DateOnly> AlarmDays(TCase state, WorkingDayCalendar calendar, int reminderDays);

    /// <summary>The durable message that checks the case on an alarm day.</summary>
    public abstract object Check(TCase state, DateTimeOffset due);

    /// <summary>The answer of a step and of a read: the case with its history.</summary>
    public abstract object View(TCase state, DateOnly today, IReadOnlyList<IEvent> history);

    public string NotFound(string id) => $"There is no {Noun} '{(id.Length > 40 ? id[..40] + "…" : id)}' in this agency.";
}

public sealed class ApplicationKind : CaseKind<Application>
{
    public static readonly ApplicationKind Instance = new();

    public override string Noun => "application";
    public override Type EventMarker => typeof(IApplicationEvent);

    public override Application Fold(IEnumerable<object> events, long version, CaseContext context)
    {
        var app = Application.From(events, context.Calendar, context.Settings);
        app.Version = version;
        return app;
    }

    // carry-forward records exist only for closed years: with none, there is nothing to reconcile (and nothing to fold)
    public override Application FoldFacts(IEnumerable<object> events) => Application.From(events);

    public override IReadOnlyList<object> Reconcile(Func<Application> after, IReadOnlyList<object> events, CaseContext context) =>
        context.ClosedYears.Count == 0 ? events : Domain.Applications.YearEnd.Reconcile(after(), events, context.ClosedYears);

    public override IReadOnlyList<DateOnly> AlarmDays(Application state, WorkingDayCalendar calendar, int reminderDays) =>
        Domain.Deadlines.AlarmsFor(state, calendar, reminderDays);

    public override object Check(Application state, DateTimeOffset due) => new CheckApplicationDeadlines(state.Agency, state.Id, due);

    public override object View(Application state, DateOnly today, IReadOnlyList<IEvent> history) => ApplicationView.From(state, today, history);
}

public sealed class LetterKind : CaseKind<Letter>
{
    public static readonly LetterKind Instance = new();

    public override string Noun => "letter";
    public override Type EventMarker => typeof(ILetterEvent);

    public override Letter Fold(IEnumerable<object> events, long version, CaseContext context)
    {
        var letter = Letter.From(events, context.Calendar);
        letter.Version = version;
        return letter;
    }

    public override Letter FoldFacts(IEnumerable<object> events) => Letter.From(events);

    public override IReadOnlyList<DateOnly> AlarmDays(Letter state, WorkingDayCalendar calendar, int reminderDays) =>
        Domain.Deadlines.AlarmsFor(state, calendar, reminderDays);

    public override object Check(Letter state, DateTimeOffset due) => new CheckLetterDeadlines(state.Agency, state.Id, due);

    public override object View(Letter state, DateOnly today, IReadOnlyList<IEvent> history) => LetterView.From(state, today, history);
}
