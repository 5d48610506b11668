using Disclosure.Domain;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Letters;
using Marten;
using Disclosure.Host.Infrastructure;

namespace Disclosure.Host.Calendar;

/// <summary>
/// The holiday calendar changed: the case, folded with the calendar now in force, gets its new due date recorded with
/// the reason (<c>due_date_rederived</c>, <c>letter_due_date_rederived</c>, <c>review_reply_due_rederived</c>); the write path schedules its alarms anew.
/// </summary>
[NoStep("a holiday notice loaded re-derives the due date")]
public sealed record RederiveDueDate<TCase>(string Reason) : CaseCommand<TCase> where TCase : class, ITrackedCase
{
    public override bool BySystem => true;

    public override IEnumerable<object> Decide(TCase current, CaseContext context) =>
        CaseKind.Of<TCase>().Rederive(current, ((TCase)context.Stored!).DueOn, Reason, context.Today) is { } moved ? [moved] : [];
}

/// <summary>
/// A re-derivation over every open application, letter and review (its reply due date), as a job (after a holiday notice is loaded or corrected): the
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
        return await Deadlines.DeadlineSweepJob.RunningCasesAsync(store, ct);
    }

    public override async Task<Dictionary<Guid, Jobs.JobCaseResult>> HandleAsync(Jobs.Job job, IReadOnlyList<Jobs.JobKey> keys, Wolverine.IMessageBus bus, CancellationToken ct)
    {
        var results = new Dictionary<Guid, Jobs.JobCaseResult>();
        await RederiveAsync(ApplicationKind.Instance, job, keys, bus, results, ct);
        await RederiveAsync(LetterKind.Instance, job, keys, bus, results, ct);
        await RederiveAsync(Reviews.ReviewKind.Instance, job, keys, bus, results, ct);
        return results;
    }

    private async Task RederiveAsync<TCase>(CaseKind<TCase> kind, Jobs.Job job, IReadOnlyList<Jobs.JobKey> keys, Wolverine.IMessageBus bus,
        Dictionary<Guid, Jobs.JobCaseResult> results, CancellationToken ct) where TCase : class, ITrackedCase
    {
        var ids = keys.Where(k => k.Kind == kind.Noun).Select(k => k.Id).ToArray();
        IReadOnlyList<TCase> cases;
        cases = await store.InEachDatabaseAsync<TCase>(async query => await kind.LoadAsync(query, ids, ct));
        var reason = job.Reason ?? "";
        // still running (the page may run after a step closed it) and moved by the calendar in force: a batch per agency
        var moved = cases.Where(c => kind.IsRunning(c) && kind.Derive(c, calendars.Current, calendars.Settings) != c.DueOn).ToDictionary(c => c.Id);
        var sent = await SendBatchedAsync(bus, [.. keys.Where(k => moved.ContainsKey(k.Id))],
            key => new RederiveDueDate<TCase>(reason) { Case = key.Id.ToString(), Job = job.Id }, (key, command) => bus.SendAsync(key.Agency, command, ct), ct);
        foreach (var (id, (answer, failure)) in sent)
        {
            var c = moved[id];
            results[id] = answer is { Outcome: CaseOutcome.Changed }
                ? new(new Jobs.JobCase(c.Agency, kind.Noun, c.Id, c.TrackingNumber, Day(c.DueOn), Day(DueOn(answer.View()))))
                : new(Failure: failure);
        }
    }

    private static DateOnly? DueOn(object view) => view switch { ApplicationView a => a.DueOn, LetterView l => l.DueOn, Reviews.ReviewView r => r.AwaitingReply ? r.ReplyDueOn : null, _ => null };

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd");
}
