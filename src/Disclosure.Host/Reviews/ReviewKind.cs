using System.Linq.Expressions;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Reviews;
using Disclosure.Host.Cases;
using Disclosure.Host.Deadlines;
using Disclosure.Host.Privacy;
using JasperFx.Events;

namespace Disclosure.Host.Reviews;

/// <summary>
/// A review case (复议, 诉讼, 上诉) on the one write path (<see cref="CaseWrites"/>): it is opened by the application's
/// 行政复议或诉讼 step (<see cref="Applications.FileReview"/>, in the application's transaction) and changed only by
/// commands on it (<see cref="CaseCommand{ReviewCase}"/>) sent through <see cref="CaseBus"/>. One of <see cref="CaseKind.All"/>:
/// the deadline sweep, the re-derivation after a holiday notice and the erasure go over it like the other kinds.
/// </summary>
public sealed class ReviewKind : CaseKind<ReviewCase>
{
    public static readonly ReviewKind Instance = new();

    public override string Noun => "review";
    public override Type EventMarker => typeof(IReviewEvent);

    public override ReviewCase Fold(IEnumerable<object> events, long version, CaseContext context)
    {
        var review = ReviewCase.From(events, context.Calendar);
        review.Version = version;
        return review;
    }

    public override ReviewCase FoldFacts(IEnumerable<object> events) => ReviewCase.From(events);

    public override IReadOnlyList<DateOnly> AlarmDays(ReviewCase state, CaseContext context) =>
        Domain.Deadlines.AlarmsFor(state, context.Calendar, context.ReminderDays);

    public override object Check(ReviewCase state, DateTimeOffset due) => new CheckReviewDeadlines(state.Agency, state.Id, due);

    public override object View(ReviewCase state, DateOnly today, IReadOnlyList<IEvent> history) => ReviewView.From(state, today, history);

    public override Type OpeningEvent => typeof(ReviewReceived);

    public override ReviewCase Evolve(ReviewCase? snapshot, IEvent e, WorkingDayCalendar calendar, ClockSettings settings)
    {
        snapshot ??= new ReviewCase();
        snapshot.Fold(e.Data);
        snapshot.Version = e.Version;
        snapshot.Refresh(calendar);
        return snapshot;
    }

    // running until decided: a review whose reply is filed still waits for its decision (and the sweep finds nothing due on it)
    public override Expression<Func<ReviewCase, bool>> Running => r => r.IsOpen;

    public override Expression<Func<ReviewCase, bool>> Closed => r => !r.IsOpen;

    public override ErasureCheck ErasureCheck(ReviewCase state, DateOnly today, int retention, DateOnly? closedBefore) =>
        PersonalData.Check(state, today, retention, closedBefore);

    /// <summary>The review's clock as <see cref="ReviewCase.Refresh"/> keeps it: the reply due date while the reply is owed.</summary>
    public override DateOnly? Derive(ReviewCase state, WorkingDayCalendar calendar, ClockSettings settings)
    {
        if (!state.AwaitingReply || state.Kind.Length == 0) return null;
        try
        {
            return ReviewClock.ReplyDue(state.Kind, state.Procedure, state.ReceivedOn, calendar);
        }
        catch (CalendarNotAvailable)
        {
            return null;
        }
    }

    public override Domain.DeadlineOutcome Deadlines(ReviewCase state, CaseContext context) =>
        Domain.Deadlines.ForReview(state, context.Today, context.Calendar, context.ReminderDays);

    public override object? Rederive(ReviewCase state, DateOnly? storedDueOn, string reason, DateOnly today) =>
        ReviewDecider.Rederive(state, storedDueOn, reason, today);

    public override object Erase(ReviewCase state, CaseContext context, DateOnly? closedBefore) =>
        PersonalData.Erase(state, context.Today, context.Agency.EffectiveRetentionYears, closedBefore);
}

/// <summary>A clerk's step on an existing review case: a pure decision on the case as it stands (routed as <see cref="CaseCommand{ReviewCase}"/>).</summary>
public abstract record ReviewCommand : CaseCommand<ReviewCase>;
