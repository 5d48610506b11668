using Disclosure.Domain;
using Disclosure.Host.Cases;

namespace Disclosure.Host.Deadlines;

/// <summary>
/// What a check sends: the lapses the law defines and the reminders due today (<see cref="Domain.Deadlines"/>: the
/// statutory clock of an application, the time limits of a letter), recorded by the system. A case that moved on yields
/// nothing, so a check never needs cancelling and running it twice adds nothing.
/// </summary>
[NoStep("the deadline checks apply the statutory clock and the letter time limits")]
public sealed record ApplyDeadlines<TCase> : CaseCommand<TCase> where TCase : class, ITrackedCase
{
    public override bool BySystem => true;
    public override bool SchedulesNextAlarm => true;

    public override IEnumerable<object> Decide(TCase current, CaseContext context)
    {
        var outcome = CaseKind.Of<TCase>().Deadlines(current, context);
        return [.. outcome.Events, .. outcome.Notices];
    }
}
