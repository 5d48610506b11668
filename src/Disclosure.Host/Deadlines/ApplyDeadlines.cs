using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;

namespace Disclosure.Host.Deadlines;

/// <summary>
/// What a check sends: the lapses the law defines and the reminders due today (<see cref="Domain.Deadlines"/>), recorded by
/// the system. A case that moved on yields nothing, so a check never needs cancelling and running it twice adds nothing.
/// </summary>
[NoStep("the deadline checks apply the statutory clock")]
public sealed record ApplyApplicationDeadlines : ApplicationCommand
{
    public override bool BySystem => true;
    public override bool SchedulesNextAlarm => true;

    public override IEnumerable<object> Decide(Application current, CaseContext context)
    {
        var outcome = Domain.Deadlines.ForApplication(current, context.Today, context.Calendar, context.ReminderDays);
        // an answer notice left undelivered reminds too, after the agency's working days (also on an answered case)
        return [.. outcome.Events, .. outcome.Notices,
            .. Domain.Deadlines.UndeliveredNotices(current, context.Today, context.Calendar, context.UndeliveredNoticeDays)];
    }
}

[NoStep("the deadline checks apply the letter time limits")]
public sealed record ApplyLetterDeadlines : LetterCommand
{
    public override bool BySystem => true;
    public override bool SchedulesNextAlarm => true;

    public override IEnumerable<object> Decide(Letter current, CaseContext context)
    {
        var outcome = Domain.Deadlines.ForLetter(current, context.Today, context.Calendar, context.ReminderDays);
        return [.. outcome.Events, .. outcome.Notices];
    }
}
