using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Disclosure.Host.Deadlines;

/// <summary>
/// The scheduled checks and the nightly sweep: each builds the deadline command of a case and sends it to the write
/// path for the case's agency through <see cref="CaseBus"/>, like every other front door; a check that loses a race with
/// a step on the same case looks again (<see cref="CaseBus.CheckAsync"/>).
/// </summary>
public static class DeadlineHandler
{
    /// <summary>
    /// A check that met the database going away (a restart, or the primary lost and its standby being promoted: README,
    /// "A primary that can die") is tried again — after 1, 2 and 5 s in place, then scheduled after 10 s, 30 s, 1 and
    /// 5 minutes — instead of going to the error queue, where its reminder would wait for a person. A check is safe to
    /// run again even when the failed attempt did commit: it looks at the case as it is, and a reminder already
    /// recorded is not recorded twice.
    /// </summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException(DatabaseUnavailable.Is, "the database is unavailable")
            .RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

    public static async Task<CaseAnswer> Handle(CheckApplicationDeadlines check, IMessageContext bus, ILoggerFactory logs, CancellationToken ct)
    {
        var answer = await bus.CheckAsync(check.Agency, new ApplyApplicationDeadlines { Case = check.ApplicationId.ToString() }, ct);
        Handled(logs, bus, "application", check.ApplicationId, answer);
        return answer;
    }

    public static async Task<CaseAnswer> Handle(CheckLetterDeadlines check, IMessageContext bus, ILoggerFactory logs, CancellationToken ct)
    {
        var answer = await bus.CheckAsync(check.Agency, new ApplyLetterDeadlines { Case = check.LetterId.ToString() }, ct);
        Handled(logs, bus, "letter", check.LetterId, answer);
        return answer;
    }

    /// <summary>
    /// One line per check that ran to its end, with the id of the scheduled message: with several nodes polling the same
    /// schedule, a check handled twice shows as two lines with one id (ops/chaos --nodes counts them; ClusterSpecs too).
    /// </summary>
    private static void Handled(ILoggerFactory logs, IMessageContext bus, string kind, Guid id, CaseAnswer answer) =>
        logs.CreateLogger(typeof(DeadlineHandler).FullName!).LogInformation(
            "Deadline check {CheckId} of {CaseKind} {CaseId} handled: {Recorded} event(s), {Notified} reminder(s)",
            bus.Envelope?.Id, kind, id, answer.Recorded, answer.Notified);

    /// <summary>Every open case of every agency, checked now.</summary>
    public static async Task<SweepResult> Handle(SweepDeadlines _, IDocumentStore store, IMessageBus bus, CancellationToken ct)
    {
        List<(string Agency, Guid Id)> applications, letters;
        await using (var query = store.QuerySession())
        {
            applications = (await query.Query<Application>().Where(a => a.AnyTenant() && a.IsOpen).Select(a => new { a.Agency, a.Id }).ToListAsync(ct))
                .Select(x => (x.Agency, x.Id)).ToList();
            letters = (await query.Query<Letter>().Where(l => l.AnyTenant() && l.AwaitingAction).Select(l => new { l.Agency, l.Id }).ToListAsync(ct))
                .Select(x => (x.Agency, x.Id)).ToList();
        }
        var actions = 0;
        foreach (var (agency, id) in applications) actions += await CheckAsync(bus, agency, new ApplyApplicationDeadlines { Case = id.ToString() }, ct);
        foreach (var (agency, id) in letters) actions += await CheckAsync(bus, agency, new ApplyLetterDeadlines { Case = id.ToString() }, ct);
        return new SweepResult(applications.Count + letters.Count, actions);
    }

    private static async Task<int> CheckAsync(IMessageBus bus, string agency, CaseCommand command, CancellationToken ct)
    {
        var answer = await bus.CheckAsync(agency, command, ct);
        return answer.Recorded + answer.Notified; // still lost after the retries: the winner's step scheduled the next check
    }
}
