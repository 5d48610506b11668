using Disclosure.Domain;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Reviews;
using Disclosure.Host.Cases;
using Disclosure.Host.Deadlines;
using JasperFx.Events;

namespace Disclosure.Host.Reviews;

/// <summary>
/// A review case (复议, 诉讼, 上诉) on the one write path (<see cref="CaseWrites"/>): it is opened by the application's
/// 行政复议或诉讼 step (<see cref="Applications.FileReview"/>, in the application's transaction) and changed only by
/// <see cref="ReviewCommand"/>s sent through <see cref="CaseBus"/>.
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

    public override IReadOnlyList<DateOnly> AlarmDays(ReviewCase state, WorkingDayCalendar calendar, int reminderDays) =>
        Domain.Deadlines.AlarmsFor(state, calendar, reminderDays);

    public override object Check(ReviewCase state, DateTimeOffset due) => new CheckReviewDeadlines(state.Agency, state.Id, due);

    public override object View(ReviewCase state, DateOnly today, IReadOnlyList<IEvent> history) => ReviewView.From(state, today, history);
}

/// <summary>A change to an existing review case: a pure decision on the case as it stands.</summary>
public abstract record ReviewCommand : CaseCommand<ReviewCase>;
