using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Letters;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Deadlines;
using Disclosure.Host.Letters;
using Disclosure.Host.Privacy;
using System.Linq.Expressions;
using JasperFx.Events;
using Marten;

namespace Disclosure.Host.Cases;

/// <summary>
/// A kind of case as the jobs that run over every case see it (the deadline sweep, the re-derivation after a holiday
/// notice, erasure): its name, its cases, and the system's commands of it — one generic command each
/// (<see cref="ApplyDeadlines{TCase}"/>, <see cref="RederiveDueDate{TCase}"/>, <see cref="EraseCasePersonalData{TCase}"/>).
/// </summary>
public abstract class CaseKind
{
    /// <summary>"application", "letter" or "review": for messages, and the kind of a job's case.</summary>
    public abstract string Noun { get; }

    /// <summary>Every case of every agency still running (open, awaiting action), for a job's plan.</summary>
    public abstract Task<List<Jobs.JobKey>> RunningAsync(IQuerySession anyTenant, CancellationToken ct);

    /// <summary>The agency's closed cases whose personal data is not erased yet, judged by the retention rule.</summary>
    public abstract Task<List<ErasureCase>> ErasureChecksAsync(IQuerySession agency, DateOnly today, int retention, DateOnly? closedBefore, CancellationToken ct);

    public abstract CaseCommand ApplyDeadlines();

    public abstract CaseCommand Erase(DateOnly? closedBefore);

    /// <summary>Commands of this kind of case as one <see cref="CaseBatch{TCase}"/> (a page of a job, one agency).</summary>
    public abstract object Batch(IEnumerable<CaseCommand> commands);

    /// <summary>The kinds of case, and the one a job's case names.</summary>
    public static readonly IReadOnlyList<CaseKind> All = [ApplicationKind.Instance, LetterKind.Instance, Reviews.ReviewKind.Instance];

    public static CaseKind Named(string noun) => All.Single(k => k.Noun == noun);

    public static CaseKind<TCase> Of<TCase>() where TCase : class, ITrackedCase =>
        ApplicationKind.Instance as CaseKind<TCase> ?? LetterKind.Instance as CaseKind<TCase> ?? Reviews.ReviewKind.Instance as CaseKind<TCase>
        ?? throw new InvalidOperationException($"{typeof(TCase).Name} is no kind of case.");
}

/// <summary>What the one write path needs to know about a kind of case: how it folds, which events are its own, its alarms, its view.</summary>
public abstract class CaseKind<TCase> : CaseKind where TCase : class, ITrackedCase
{

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
    public abstract IReadOnlyList<DateOnly> AlarmDays(TCase state, CaseContext context);

    /// <summary>The durable message that checks the case on an alarm day.</summary>
    public abstract object Check(TCase state, DateTimeOffset due);

    /// <summary>The answer of a step and of a read: the case with its history.</summary>
    public abstract object View(TCase state, DateOnly today, IReadOnlyList<IEvent> history);

    /// <summary>
    /// The event every stream of this kind opens with. An event the kinds share (personal_data_erased) reaches every kind's
    /// projection; on another kind's stream it opens no case of this one (<see cref="CaseProjection{TCase}"/>).
    /// </summary>
    public abstract Type OpeningEvent { get; }

    /// <summary>One stored event folded into the case as its inline projection keeps it: the fact, the version, the clock with the calendar in force.</summary>
    public abstract TCase Evolve(TCase? snapshot, IEvent e, WorkingDayCalendar calendar, ClockSettings settings);

    /// <summary>Still running: an application open, a letter awaiting action, a review not decided.</summary>
    public abstract Expression<Func<TCase, bool>> Running { get; }

    /// <summary>Closed: its personal data may be erased once the retention rule allows.</summary>
    public abstract Expression<Func<TCase, bool>> Closed { get; }

    public bool IsRunning(TCase state) => running.Value(state);

    /// <summary>Overdue on <paramref name="today"/> (running, and due before it), or with <paramref name="overdue"/> false not: what a list filters on.</summary>
    public Expression<Func<TCase, bool>> OverdueOn(DateOnly today, bool overdue = true)
    {
        var running = Running; // read once: each read of the property is a new lambda with a parameter of its own
        Expression<Func<TCase, bool>> late = c => c.DueOn != null && c.DueOn < today;
        var both = Expression.AndAlso(running.Body, new Rebind(late.Parameters[0], running.Parameters[0]).Visit(late.Body));
        return Expression.Lambda<Func<TCase, bool>>(overdue ? both : Expression.Not(both), running.Parameters);
    }

    /// <summary>One lambda's parameter read as another's, so two conditions on the case make one.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    private readonly Lazy<Func<TCase, bool>> running;

    protected CaseKind() => running = new(() => Running.Compile());

    /// <summary>The retention rule on the case (<see cref="PersonalData"/>).</summary>
    public abstract ErasureCheck ErasureCheck(TCase state, DateOnly today, int retention, DateOnly? closedBefore);

    public override async Task<List<Jobs.JobKey>> RunningAsync(IQuerySession anyTenant, CancellationToken ct) =>
        [.. (await anyTenant.Query<TCase>().Where(c => c.AnyTenant()).Where(Running).OrderBy(c => c.Id)
            .Select(c => new { c.Agency, c.Id, c.TrackingNumber }).ToListAsync(ct)).Select(c => new Jobs.JobKey(c.Agency, Noun, c.Id, c.TrackingNumber))];

    /// <summary>The agency's cases of the ids, read in any tenant (a job's page).</summary>
    public async Task<IReadOnlyList<TCase>> LoadAsync(IQuerySession anyTenant, Guid[] ids, CancellationToken ct) =>
        ids.Length == 0 ? [] : await anyTenant.Query<TCase>().Where(c => c.AnyTenant() && c.Id.IsOneOf(ids)).ToListAsync(ct);

    public override async Task<List<ErasureCase>> ErasureChecksAsync(IQuerySession agency, DateOnly today, int retention, DateOnly? closedBefore, CancellationToken ct) =>
        [.. (await agency.Query<TCase>().Where(Closed).Where(c => c.PersonalDataErasedOn == null).ToListAsync(ct))
            .Select(c => ErasureCase.Of(Noun, c, ErasureCheck(c, today, retention, closedBefore), today))];

    /// <summary>The case's clock with the calendar in force: its due date, whatever is stored.</summary>
    public abstract DateOnly? Derive(TCase state, WorkingDayCalendar calendar, ClockSettings settings);

    /// <summary>The lapses the law defines and the reminders due today (<see cref="Domain.Deadlines"/>).</summary>
    public abstract Domain.DeadlineOutcome Deadlines(TCase state, CaseContext context);

    /// <summary>The new due date the calendar in force gives the case, against the stored one; null when it did not move.</summary>
    public abstract object? Rederive(TCase state, DateOnly? storedDueOn, string reason, DateOnly today);

    /// <summary>The erasure of the case's personal data (<see cref="PersonalData"/>); refuses a case the rule keeps.</summary>
    public abstract object Erase(TCase state, CaseContext context, DateOnly? closedBefore);

    public override CaseCommand ApplyDeadlines() => new ApplyDeadlines<TCase>();

    public override CaseCommand Erase(DateOnly? closedBefore) => new EraseCasePersonalData<TCase>(closedBefore);

    public override object Batch(IEnumerable<CaseCommand> commands) => new CaseBatch<TCase>([.. commands.Cast<CaseCommand<TCase>>()]);

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

    // an answer notice left undelivered reminds too, after the agency's working days (also on an answered case)
    public override IReadOnlyList<DateOnly> AlarmDays(Application state, CaseContext context) =>
        [.. Domain.Deadlines.AlarmsFor(state, context.Calendar, context.ReminderDays),
            .. Domain.Deadlines.UndeliveredNoticeAlarms(state, context.Calendar, context.UndeliveredNoticeDays)];

    public override object Check(Application state, DateTimeOffset due) => new CheckApplicationDeadlines(state.Agency, state.Id, due);

    public override object View(Application state, DateOnly today, IReadOnlyList<IEvent> history) => ApplicationView.From(state, today, history);

    public override Type OpeningEvent => typeof(ApplicationReceived);

    public override Application Evolve(Application? snapshot, IEvent e, WorkingDayCalendar calendar, ClockSettings settings)
    {
        snapshot ??= new Application();
        snapshot.Fold(e.Data);
        snapshot.Version = e.Version;
        snapshot.Refresh(calendar, settings);
        return snapshot;
    }

    public override Expression<Func<Application, bool>> Running => a => a.IsOpen;

    /// <summary>
    /// The open applications, and those answered that owe the new answer a review decision required (重新答复): the jobs
    /// look at its reminder too. Not <see cref="Running"/> itself: an answered case keeps its old statutory due date, which
    /// no list may show as overdue, and there is no clock to re-derive.
    /// </summary>
    public override async Task<List<Jobs.JobKey>> RunningAsync(IQuerySession anyTenant, CancellationToken ct) =>
    [
        .. await base.RunningAsync(anyTenant, ct),
        .. (await anyTenant.Query<Application>().Where(a => a.AnyTenant() && !a.IsOpen && a.NewAnswer != null && a.NewAnswer.AnsweredOn == null)
            .OrderBy(a => a.Id).Select(a => new { a.Agency, a.Id, a.TrackingNumber }).ToListAsync(ct))
            .Select(a => new Jobs.JobKey(a.Agency, Noun, a.Id, a.TrackingNumber)),
    ];

    public override Expression<Func<Application, bool>> Closed => a => !a.IsOpen;

    public override ErasureCheck ErasureCheck(Application state, DateOnly today, int retention, DateOnly? closedBefore) =>
        PersonalData.Check(state, today, retention, closedBefore);

    public override DateOnly? Derive(Application state, WorkingDayCalendar calendar, ClockSettings settings) => StatutoryClock.Derive(state, calendar, settings).DueOn;

    public override Domain.DeadlineOutcome Deadlines(Application state, CaseContext context)
    {
        var outcome = Domain.Deadlines.ForApplication(state, context.Today, context.Calendar, context.ReminderDays);
        // an answer notice left undelivered reminds too, after the agency's working days (also on an answered case)
        return outcome with { Notices = [.. outcome.Notices, .. Domain.Deadlines.UndeliveredNotices(state, context.Today, context.Calendar, context.UndeliveredNoticeDays)] };
    }

    public override object? Rederive(Application state, DateOnly? storedDueOn, string reason, DateOnly today) =>
        ApplicationDecider.Rederive(state, storedDueOn, reason, today);

    public override object Erase(Application state, CaseContext context, DateOnly? closedBefore) =>
        PersonalData.Erase(state, context.Today, context.Agency.EffectiveRetentionYears, closedBefore);

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

    public override IReadOnlyList<DateOnly> AlarmDays(Letter state, CaseContext context) =>
        Domain.Deadlines.AlarmsFor(state, context.Calendar, context.ReminderDays);

    public override object Check(Letter state, DateTimeOffset due) => new CheckLetterDeadlines(state.Agency, state.Id, due);

    public override object View(Letter state, DateOnly today, IReadOnlyList<IEvent> history) => LetterView.From(state, today, history);

    public override Type OpeningEvent => typeof(LetterReceived);

    public override Letter Evolve(Letter? snapshot, IEvent e, WorkingDayCalendar calendar, ClockSettings settings)
    {
        snapshot ??= new Letter();
        snapshot.Fold(e.Data);
        snapshot.Version = e.Version;
        snapshot.Refresh(calendar);
        return snapshot;
    }

    public override Expression<Func<Letter, bool>> Running => l => l.AwaitingAction;

    public override Expression<Func<Letter, bool>> Closed => l => !l.AwaitingAction;

    public override ErasureCheck ErasureCheck(Letter state, DateOnly today, int retention, DateOnly? closedBefore) =>
        PersonalData.Check(state, today, retention, closedBefore);

    public override DateOnly? Derive(Letter state, WorkingDayCalendar calendar, ClockSettings settings) => LetterClock.Derive(state, calendar).DueOn;

    public override Domain.DeadlineOutcome Deadlines(Letter state, CaseContext context) =>
        Domain.Deadlines.ForLetter(state, context.Today, context.Calendar, context.ReminderDays);

    public override object? Rederive(Letter state, DateOnly? storedDueOn, string reason, DateOnly today) =>
        LetterDecider.Rederive(state, storedDueOn, reason, today);

    public override object Erase(Letter state, CaseContext context, DateOnly? closedBefore) =>
        PersonalData.Erase(state, context.Today, context.Agency.EffectiveRetentionYears, closedBefore);

}
