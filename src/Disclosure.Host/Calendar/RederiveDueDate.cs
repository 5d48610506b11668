using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;

namespace Disclosure.Host.Calendar;

/// <summary>
/// The holiday calendar changed: the case, folded with the calendar now in force, gets its new due date recorded with
/// the reason (<c>due_date_rederived</c>); the write path schedules its alarms anew.
/// </summary>
[NoStep("a holiday notice loaded re-derives the due date")]
public sealed record RederiveApplicationDueDate(string Reason) : ApplicationCommand
{
    public override bool BySystem => true;

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        ApplicationDecider.Rederive(current, ((Application)context.Stored!).DueOn, Reason, context.Today) is { } moved ? [moved] : [];
}

[NoStep("a holiday notice loaded re-derives the due date")]
public sealed record RederiveLetterDueDate(string Reason) : LetterCommand
{
    public override bool BySystem => true;

    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        LetterDecider.Rederive(current, ((Letter)context.Stored!).DueOn, Reason, context.Today) is { } moved ? [moved] : [];
}
