using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Calendar;
using Disclosure.Host.Cases;
using Marten;

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

/// <summary>
/// A re-derivation over every open application and letter, as a job (after a holiday notice is loaded or corrected): the
/// cases are listed by id, and each page reads its cases and sends a re-derivation to those whose due date the calendar in
/// force moves (the clock is a pure function of the facts and the calendar), which records on each the old date, the new
/// one and why, and schedules its alarms anew.
/// </summary>
public sealed class RederiveJob(IDocumentStore store, CalendarStore calendars) : Jobs.JobKind
{
    public const string KindName = "calendar_rederive";
    public override string Name => KindName;

    public override async Task<List<Jobs.JobKey>> PlanAsync(Jobs.Job job, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var applications = await query.Query<Application>().Where(a => a.AnyTenant() && a.IsOpen).OrderBy(a => a.Id)
            .Select(a => new { a.Agency, a.Id, a.TrackingNumber }).ToListAsync(ct);
        var letters = await query.Query<Letter>().Where(l => l.AnyTenant() && l.AwaitingAction).OrderBy(l => l.Id)
            .Select(l => new { l.Agency, l.Id, l.TrackingNumber }).ToListAsync(ct);
        return [.. applications.Select(a => new Jobs.JobKey(a.Agency, "application", a.Id, a.TrackingNumber)),
            .. letters.Select(l => new Jobs.JobKey(l.Agency, "letter", l.Id, l.TrackingNumber))];
    }

    public override async Task<Dictionary<Guid, Jobs.JobCaseResult>> HandleAsync(Jobs.Job job, IReadOnlyList<Jobs.JobKey> keys, Wolverine.IMessageBus bus, CancellationToken ct)
    {
        var results = new Dictionary<Guid, Jobs.JobCaseResult>();
        var applicationIds = keys.Where(k => k.Kind == "application").Select(k => k.Id).ToArray();
        var letterIds = keys.Where(k => k.Kind == "letter").Select(k => k.Id).ToArray();
        IReadOnlyList<Application> applications;
        IReadOnlyList<Letter> letters;
        await using (var query = store.QuerySession())
        {
            applications = applicationIds.Length == 0 ? [] : await query.Query<Application>().Where(a => a.AnyTenant() && a.Id.IsOneOf(applicationIds)).ToListAsync(ct);
            letters = letterIds.Length == 0 ? [] : await query.Query<Letter>().Where(l => l.AnyTenant() && l.Id.IsOneOf(letterIds)).ToListAsync(ct);
        }
        var calendar = calendars.Current;
        var reason = job.Reason ?? "";
        foreach (var app in applications.Where(a => a.IsOpen && StatutoryClock.Derive(a, calendar, calendars.Settings).DueOn != a.DueOn))
        {
            var (answer, failure) = await TryAsync(() => bus.SendAsync(app.Agency, new RederiveApplicationDueDate(reason) { Case = app.Id.ToString(), Job = job.Id }, ct));
            results[app.Id] = answer is { Outcome: CaseOutcome.Changed }
                ? new(new Jobs.JobCase(app.Agency, "application", app.Id, app.TrackingNumber, Day(app.DueOn), Day(((Applications.ApplicationView)answer.View()).DueOn)))
                : new(Failure: failure);
        }
        foreach (var letter in letters.Where(l => l.AwaitingAction && LetterClock.Derive(l, calendar).DueOn != l.DueOn))
        {
            var (answer, failure) = await TryAsync(() => bus.SendAsync(letter.Agency, new RederiveLetterDueDate(reason) { Case = letter.Id.ToString(), Job = job.Id }, ct));
            results[letter.Id] = answer is { Outcome: CaseOutcome.Changed }
                ? new(new Jobs.JobCase(letter.Agency, "letter", letter.Id, letter.TrackingNumber, Day(letter.DueOn), Day(((Letters.LetterView)answer.View()).DueOn)))
                : new(Failure: failure);
        }
        return results;
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd");
}
