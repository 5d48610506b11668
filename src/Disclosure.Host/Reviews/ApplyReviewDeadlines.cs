using Disclosure.Domain;
using Disclosure.Domain.Reviews;
using Disclosure.Host.Cases;

namespace Disclosure.Host.Reviews;

/// <summary>What a check of a review case sends: the reply reminders due today (<see cref="Domain.Deadlines.ForReview"/>), recorded by the system.</summary>
[NoStep("the deadline checks apply the review's reply period")]
public sealed record ApplyReviewDeadlines : ReviewCommand
{
    public override bool BySystem => true;
    public override bool SchedulesNextAlarm => true;

    public override IEnumerable<object> Decide(ReviewCase current, CaseContext context)
    {
        var outcome = Domain.Deadlines.ForReview(current, context.Today, context.Calendar, context.ReminderDays);
        return [.. outcome.Events, .. outcome.Notices];
    }
}
