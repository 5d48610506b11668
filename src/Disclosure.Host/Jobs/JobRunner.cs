using Disclosure.Host.Infrastructure;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace Disclosure.Host.Jobs;

/// <summary>What one case of a page came to, as the job's kind saw it (the write path's own record is the <see cref="JobMark"/>).</summary>
public sealed record JobCaseResult(JobCase? Changed = null, string? Failure = null);

/// <summary>
/// One kind of job: which cases it covers (listed once, when it is planned), what it sends each case of a page through
/// <see cref="Cases.CaseBus"/> (each command carrying the job's id, so the write path marks the case handled in the case's
/// own transaction), and what it does once every page is done.
/// </summary>
public abstract class JobKind
{
    public abstract string Name { get; }

    /// <summary>The cases, in a stable order.</summary>
    public abstract Task<List<JobKey>> PlanAsync(Job job, CancellationToken ct);

    /// <summary>
    /// Sends the command of each of <paramref name="keys"/> (those of the page without a mark yet). A case it decides needs
    /// nothing may be left out of the answer.
    /// </summary>
    public abstract Task<Dictionary<Guid, JobCaseResult>> HandleAsync(Job job, IReadOnlyList<JobKey> keys, IMessageBus bus, CancellationToken ct);

    /// <summary>The job's last step, committed with the job marked finished (<paramref name="session"/> from <see cref="SessionFor"/>).</summary>
    public virtual Task FinishAsync(Job job, IDocumentSession session, CancellationToken ct) => Task.CompletedTask;

    public virtual IDocumentSession SessionFor(Job job, IDocumentStore store) => store.LightweightSession();

    /// <summary>After the job's end is committed (a cache to forget).</summary>
    public virtual void Finished(Job job) { }

    /// <summary>
    /// The page's commands through the write path a batch at a time — one <see cref="Cases.CaseBatch{TCase}"/> per agency and
    /// kind of case, each one transaction in which a case the command would change nothing on is not written at all
    /// (<see cref="Cases.CaseWrites.ExecuteManyAsync{TCase}"/>). A batch that lost a race on one of its cases (or failed)
    /// rolled back whole: its commands are sent again one by one through <paramref name="one"/>, as a page did before #25,
    /// so a failure is still told per case; a command answered with a conflict inside a batch is sent again so too.
    /// Per case: the write path's answer (null: left alone, nothing to record) and the failure.
    /// </summary>
    protected static async Task<Dictionary<Guid, (Cases.CaseAnswer? Answer, string? Failure)>> SendBatchedAsync(IMessageBus bus, IReadOnlyList<JobKey> keys,
        Func<JobKey, Cases.CaseCommand> command, Func<JobKey, Cases.CaseCommand, Task<Cases.CaseAnswer>> one, CancellationToken ct)
    {
        var results = new Dictionary<Guid, (Cases.CaseAnswer?, string?)>();
        foreach (var group in keys.GroupBy(k => (k.Agency, k.Kind)))
        {
            var commands = group.Select(k => (Key: k, Command: command(k))).ToList();
            Cases.CaseBatchAnswer? batch;
            try
            {
                batch = await Cases.CaseBus.SendBatchAsync(bus, group.Key.Agency, Cases.CaseKind.Named(group.Key.Kind).Batch(commands.Select(c => c.Command)), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                batch = null; // told per case below, each sent alone
            }
            for (var i = 0; i < commands.Count; i++)
            {
                var (key, sent) = commands[i];
                var answer = batch?.Answers[i];
                results[key.Id] = batch is not null && answer?.Outcome != Cases.CaseOutcome.Conflict
                    ? (answer, null)
                    : await TryAsync(() => one(key, sent));
            }
        }
        return results;
    }

    /// <summary>A case's command failed outright (not a refusal): the job goes on, the case is listed with what kind of failure it was.</summary>
    protected static async Task<(Cases.CaseAnswer? Answer, string? Failure)> TryAsync(Func<Task<Cases.CaseAnswer>> send)
    {
        try
        {
            var answer = await send();
            return answer.Outcome == Cases.CaseOutcome.Conflict ? (answer, answer.Message ?? "案件正被他人修改，未能处理") : (answer, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, e.GetType().Name); // no message text: it may carry personal data
        }
    }
}

public sealed class JobKinds(IEnumerable<JobKind> kinds)
{
    private readonly Dictionary<string, JobKind> _kinds = kinds.ToDictionary(k => k.Name);
    public JobKind this[string name] => _kinds[name];
}

/// <summary>List the job's cases and cut the pages.</summary>
public sealed record PlanJob(Guid Job);

/// <summary>Handle one page of a job.</summary>
public sealed record RunJobPage(Guid Job, int Page);

/// <summary>Every page done: the job's last step, and the job marked finished.</summary>
public sealed record FinishJob(Guid Job);

public static class JobRunner
{
    /// <summary>
    /// Starts a job from an endpoint or a console page: the job and its first message are committed together (Wolverine's
    /// Marten outbox), so a job exists only with the message that will run it. Answers the job as stored.
    /// </summary>
    public static async Task<Job> StartAsync(IDocumentStore store, IMartenOutbox outbox, Job job, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        outbox.Enroll(session);
        session.Insert(job);
        await outbox.PublishAsync(new PlanJob(job.Id));
        await session.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>Starts a job from a handler, in the handler's transaction; a job with this id already started is left alone.</summary>
    public static async Task StartOnceAsync(IDocumentSession session, IMessageContext bus, Job job, CancellationToken ct)
    {
        if (await session.LoadAsync<Job>(job.Id, ct) is not null) return;
        session.Insert(job);
        await bus.PublishAsync(new PlanJob(job.Id));
    }

    /// <summary>202 with the job's location and the job as it stands.</summary>
    public static IResult Accepted(Job job) => Results.Accepted(job.Location, job);
}

/// <summary>
/// The job's messages, each on Wolverine's durable local queue (a row in the inbox until handled: a node that dies leaves
/// them to the next). Pages run one after another: each page's transaction records its progress and publishes the next.
/// </summary>
public static class JobHandler
{
    /// <summary>
    /// Another writer moved the job first (a page delivered twice at once): look again, it will be skipped. Anything else (the
    /// database restarting, a time-out) is tried again later rather than dropped: a page handles nothing twice.
    /// </summary>
    public static void Configure(HandlerChain chain)
    {
        chain.OnException(e => StorageConflict.Is(e)).RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));
        chain.OnAnyException().RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));
    }

    public static async Task Handle(PlanJob message, IDocumentSession session, IMessageContext bus, JobKinds kinds, ILogger<Job> log, CancellationToken ct)
    {
        var job = await session.LoadAsync<Job>(message.Job, ct);
        if (job is null || job.Planned) return; // delivered again after it was planned
        var keys = await kinds[job.Kind].PlanAsync(job, ct);
        var pages = keys.Chunk(Math.Max(1, job.PageSize)).ToList();
        for (var i = 0; i < pages.Count; i++)
            session.Store(new JobPlan { Id = JobPlan.IdFor(job.Id, i), Job = job.Id, Page = i, Keys = [.. pages[i]] });
        job.Planned = true;
        job.Cases = keys.Count;
        job.Pages = pages.Count;
        session.Store(job);
        if (pages.Count > 0) await bus.PublishAsync(new RunJobPage(job.Id, 0));
        else await bus.PublishAsync(new FinishJob(job.Id));
        log.LogInformation("Job {JobId} ({Kind}) planned: {Cases} case(s) in {Pages} page(s) of {PageSize}", job.Id, job.Kind, job.Cases, job.Pages, job.PageSize);
    }

    public static async Task Handle(RunJobPage message, IDocumentSession session, IMessageContext bus, JobKinds kinds, CancellationToken ct)
    {
        var job = await session.LoadAsync<Job>(message.Job, ct);
        if (job is null || job.FinishedAt is not null || job.PagesDone != message.Page) return; // this page is done: a redelivery
        var plan = await session.LoadAsync<JobPlan>(JobPlan.IdFor(job.Id, message.Page), ct)
            ?? throw new InvalidOperationException($"Job {job.Id} has no page {message.Page}.");
        var before = (await MarksAsync(session, job.Id, plan.Keys, ct)).Select(m => m.Case).ToHashSet();
        // cases handled before a crash keep their mark: only the others are sent
        var results = await kinds[job.Kind].HandleAsync(job, plan.Keys.Where(k => !before.Contains(k.Id)).ToList(), bus, ct);
        var marks = (await MarksAsync(session, job.Id, plan.Keys, ct)).ToDictionary(m => m.Case);
        foreach (var key in plan.Keys)
        {
            job.Handled++;
            results.TryGetValue(key.Id, out var result);
            if (marks.TryGetValue(key.Id, out var mark))
            {
                if (mark.Changed)
                {
                    job.Changed++;
                    if (job.Details.Count < Job.MaxListed) job.Details.Add(result?.Changed ?? new JobCase(key.Agency, key.Kind, key.Id, key.TrackingNumber));
                }
                else if (mark.Outcome is nameof(Cases.CaseOutcome.Refused) or nameof(Cases.CaseOutcome.NotFound))
                    Fail(job, key, mark.Message ?? mark.Outcome);
            }
            else if (result?.Failure is { } failure) Fail(job, key, failure);
        }
        job.PagesDone++;
        // the marks there are (a case left alone by a batch has none: no delete sent for it); several databases: at the job's end (ForgetMarksAsync)
        if (!Several(session)) foreach (var mark in marks.Values) session.Delete<JobMark>(mark.Id);
        session.Delete<JobPlan>(plan.Id);
        session.Store(job);
        if (job.PagesDone < job.Pages) await bus.PublishAsync(new RunJobPage(job.Id, job.PagesDone));
        else await bus.PublishAsync(new FinishJob(job.Id));
    }

    private static bool Several(IQuerySession session) =>
        session.DocumentStore.Options.Tenancy.Cardinality != JasperFx.Descriptors.DatabaseCardinality.Single;

    /// <summary>
    /// The marks the write path left on the page's cases. A mark is stored with the case's events, so with several databases
    /// it is in the database of the case's agency, not in the master that holds the job: read there, one read per database.
    /// </summary>
    private static async Task<IReadOnlyList<JobMark>> MarksAsync(IDocumentSession session, Guid job, IReadOnlyList<JobKey> keys, CancellationToken ct)
    {
        if (!Several(session)) return await session.LoadManyAsync<JobMark>(ct, keys.Select(k => JobMark.IdFor(job, k.Id)).ToArray());
        var store = session.DocumentStore;
        var marks = new List<JobMark>();
        foreach (var inDatabase in keys.GroupBy(k => store.Options.Tenancy.GetTenant(k.Agency).Database))
        {
            await using var query = store.QuerySession(Marten.Services.SessionOptions.ForDatabase(inDatabase.Key));
            marks.AddRange(await query.LoadManyAsync<JobMark>(ct, inDatabase.Select(k => JobMark.IdFor(job, k.Id)).ToArray()));
        }
        return marks;
    }

    /// <summary>With several databases, the job's marks are deleted in each database once it is finished (they are no longer read).</summary>
    private static async Task ForgetMarksAsync(IDocumentStore store, Guid job, CancellationToken ct)
    {
        foreach (var database in (await store.Storage.AllDatabases()).OfType<Marten.Storage.IMartenDatabase>())
        {
            await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForDatabase(database));
            session.DeleteWhere<JobMark>(m => m.Job == job);
            await session.SaveChangesAsync(ct);
        }
    }

    private static void Fail(Job job, JobKey key, string message)
    {
        job.Failed++;
        if (job.Failures.Count < Job.MaxListed) job.Failures.Add(new JobFailure(key.Agency, key.Kind, key.Id, key.TrackingNumber, message));
    }

    public static async Task Handle(FinishJob message, IDocumentStore store, JobKinds kinds, JobSettings settings, BusinessClock clock, ILogger<Job> log, CancellationToken ct)
    {
        Job? job;
        await using (var query = store.QuerySession()) job = await query.LoadAsync<Job>(message.Job, ct);
        if (job is null || job.FinishedAt is not null) return;
        var kind = kinds[job.Kind];
        await using var kindSession = kind.SessionFor(job, store);
        var session = kindSession;
        // several databases: a kind finishing in an agency's session (the year-end close records year_closed there) commits
        // in that agency's database, and the job, which is the master's, in a second commit after it. Delivered again after a
        // crash between the two, the kind's last step runs again: year_closed is idempotent (ReportFile keeps the first)
        IDocumentSession? master = null;
        if (Several(kindSession) && kindSession.TenantId != JasperFx.StorageConstants.DefaultTenantId)
        {
            await kind.FinishAsync(job, kindSession, ct);
            await kindSession.SaveChangesAsync(ct);
            session = master = store.LightweightSession();
        }
        await using var _ = master;
        job = await session.LoadAsync<Job>(message.Job, ct); // its version, for the concurrency check
        if (job is null || job.FinishedAt is not null) return;
        if (master is null) await kind.FinishAsync(job, session, ct);
        job.FinishedAt = clock.Now;
        session.Store(job);
        // each job's end clears the jobs finished beyond the kept period: the table stays the size of that period, whatever
        // the years behind it (a running job, however old, is never dropped)
        var keptFrom = clock.Now.AddDays(-settings.KeepFinishedDays);
        session.DeleteWhere<Job>(j => j.FinishedAt != null && j.FinishedAt < keptFrom);
        await session.SaveChangesAsync(ct);
        if (Several(session)) await ForgetMarksAsync(store, job.Id, ct);
        kind.Finished(job);
        log.LogInformation("Job {JobId} ({Kind}) finished: {Handled} case(s) handled, {Changed} changed, {Failed} failed in {Pages} page(s)",
            job.Id, job.Kind, job.Handled, job.Changed, job.Failed, job.Pages);
    }
}
