using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Jobs;
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

    public static Task<CaseAnswer> Handle(CheckApplicationDeadlines check, IMessageContext bus, ILoggerFactory logs, CancellationToken ct) =>
        CheckAsync<Application>(check.Agency, check.ApplicationId, bus, logs, ct);

    public static Task<CaseAnswer> Handle(CheckLetterDeadlines check, IMessageContext bus, ILoggerFactory logs, CancellationToken ct) =>
        CheckAsync<Letter>(check.Agency, check.LetterId, bus, logs, ct);

    public static Task<CaseAnswer> Handle(CheckReviewDeadlines check, IMessageContext bus, ILoggerFactory logs, CancellationToken ct) =>
        CheckAsync<Domain.Reviews.ReviewCase>(check.Agency, check.ReviewId, bus, logs, ct);

    private static async Task<CaseAnswer> CheckAsync<TCase>(string agency, Guid id, IMessageContext bus, ILoggerFactory logs, CancellationToken ct)
        where TCase : class, Domain.ITrackedCase
    {
        var answer = await bus.CheckAsync(agency, new ApplyDeadlines<TCase> { Case = id.ToString() }, ct);
        Handled(logs, bus, CaseKind.Of<TCase>().Noun, id, answer);
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

    /// <summary>
    /// The nightly sweep (recurring, 00:05 China time): starts the sweep job of the night, once however often the recurring
    /// message is delivered (its id is the night's).
    /// </summary>
    public static Task Handle(SweepDeadlines _, IDocumentSession session, IMessageContext bus, BusinessClock clock, JobSettings settings, CancellationToken ct) =>
        JobRunner.StartOnceAsync(session, bus, Job.New(DeadlineSweepJob.KindName, null, Actor.System, clock.Now, settings,
            Job.OnceFor($"{DeadlineSweepJob.KindName}:{clock.Today:yyyy-MM-dd}")), ct);
}

/// <summary>
/// The sweep as a job: every open application and every letter awaiting action, in pages; each case gets its deadline
/// command through the write path like a scheduled check, a page's cases of one agency in one batch
/// (<see cref="JobKind.SendBatchedAsync"/>; a lost race is looked at again, <see cref="CaseBus.CheckAsync"/>).
/// </summary>
public sealed class DeadlineSweepJob(IDocumentStore store) : JobKind
{
    public const string KindName = "deadline_sweep";
    public override string Name => KindName;

    public override async Task<List<JobKey>> PlanAsync(Job job, CancellationToken ct)
    {
        return await RunningCasesAsync(store, ct);
    }

    /// <summary>Every running case of every agency, in each database that holds agencies (one, unless there are several).</summary>
    public static Task<List<JobKey>> RunningCasesAsync(IDocumentStore store, CancellationToken ct) =>
        store.InEachDatabaseAsync<JobKey>(async query => await RunningCasesAsync(query, ct));

    /// <summary>
    /// Every running case of every kind (open applications, letters awaiting action, reviews not decided), agency by agency
    /// and, within an agency, kind by kind. A page's cases of one agency and kind are one batch (one transaction and its
    /// reads, <see cref="JobKind.SendBatchedAsync"/>): listed by id alone, a page of 200 over a province's 109 agencies was
    /// ~90 batches (expected) of two or three cases each.
    /// </summary>
    public static async Task<List<JobKey>> RunningCasesAsync(IQuerySession anyTenant, CancellationToken ct)
    {
        var keys = new List<JobKey>();
        foreach (var kind in CaseKind.All) keys.AddRange(await kind.RunningAsync(anyTenant, ct));
        return [.. keys.OrderBy(k => k.Agency, StringComparer.Ordinal)]; // stable: kind by kind, by id, within an agency
    }

    public override async Task<Dictionary<Guid, JobCaseResult>> HandleAsync(Job job, IReadOnlyList<JobKey> keys, IMessageBus bus, CancellationToken ct)
    {
        // a batch per agency and kind: the cases on which nothing falls due (most, most nights) are read and left alone;
        // a case sent alone after a lost race is looked at again a few times (CheckAsync), still lost after the retries
        // the winner's step scheduled the next check, and the job lists the case
        var sent = await SendBatchedAsync(bus, keys, key => CaseKind.Named(key.Kind).ApplyDeadlines() with { Case = key.Id.ToString(), Job = job.Id },
            (key, command) => bus.CheckAsync(key.Agency, command, ct), ct);
        return sent.ToDictionary(s => s.Key, s => new JobCaseResult(Failure: s.Value.Failure));
    }
}
