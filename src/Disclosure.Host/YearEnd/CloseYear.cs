using Disclosure.Domain;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Agencies;
using Disclosure.Host.Cases;
using Disclosure.Host.Cluster;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Jobs;
using Disclosure.Host.Reporting;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disclosure.Host.YearEnd;

/// <summary>The year-end close of the year that just ended, for every agency (recurring: 1 January 00:00 China time).</summary>
public sealed record CloseYear;

/// <summary>结转下年度继续办理: one case's carry-forward out of <paramref name="Year"/>, by the rule in <see cref="Domain.Applications.YearEnd"/>.</summary>
[NoStep("the year-end close (结转) applies it to every open case")]
public sealed record CarryForward(int Year) : ApplicationCommand
{
    public override bool BySystem => true;

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        Domain.Applications.YearEnd.Close(current, Year) is { } carried ? [carried] : [];
}

/// <summary>
/// The close as a fact on each case, as a job (<see cref="Job"/>) per agency: every application open on 31 December gets a
/// <c>carried_forward</c> event through the write path, a page of cases per message; when every page is done the year is
/// marked closed for the agency (<c>year_closed</c>, with the count carried), in the transaction that marks the job
/// finished, from which on the write path keeps the carry-forward records true whatever is recorded later. Running it
/// twice, or after a restart, adds nothing.
/// </summary>
public sealed class YearEndWork(IDocumentStore store, AgencyDirectory agencies, BusinessClock clock, JobSettings settings, ILogger<YearEndWork> log) : JobKind
{
    public const string KindName = "year_close";
    public override string Name => KindName;

    public Job NewJob(string agency, int year, string startedBy, Guid? id = null)
    {
        var job = Job.New(KindName, agency, startedBy, clock.Now, settings, id);
        job.Year = year;
        return job;
    }

    public override async Task<List<JobKey>> PlanAsync(Job job, CancellationToken ct)
    {
        var end = new DateOnly(job.Year!.Value, 12, 31);
        await using var query = store.QuerySession(job.Agency!);
        // candidates only (received by 31 December, no answer by then): the rule itself decides on each case
        var candidates = await query.Query<Application>().Where(a => a.ReceivedOn <= end && (a.Answer == null || a.Answer.DecidedOn > end))
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.TrackingNumber }).ToListAsync(ct);
        return [.. candidates.Select(c => new JobKey(job.Agency!, "application", c.Id, c.TrackingNumber))];
    }

    public override async Task<Dictionary<Guid, JobCaseResult>> HandleAsync(Job job, IReadOnlyList<JobKey> keys, IMessageBus bus, CancellationToken ct)
    {
        // the page's cases in one batch: those already carried (a close run again) are read and left alone
        var sent = await SendBatchedAsync(bus, keys, key => new CarryForward(job.Year!.Value) { Case = key.Id.ToString(), Job = job.Id },
            (key, command) => bus.SendAsync(key.Agency, command, ct), ct);
        return sent.ToDictionary(s => s.Key, s => new JobCaseResult(Failure: s.Value.Failure));
    }

    public override IDocumentSession SessionFor(Job job, IDocumentStore documents) => documents.LightweightSession(job.Agency!);

    /// <summary>The year marked closed with the count the pages carried (a job closing a closed year again with nothing carried adds nothing).</summary>
    public override async Task FinishAsync(Job job, IDocumentSession session, CancellationToken ct)
    {
        var (agency, year, carried) = (job.Agency!, job.Year!.Value, job.Changed);
        var file = await session.LoadAsync<ReportFile>(ReportBuilder.FileId(agency, year), ct);
        if (file?.ClosedAt is null || carried > 0)
        {
            // the reference write path, enlisted in the job's last transaction: every node forgets the closed years when it commits
            ReferenceWrites.Enlist(session, ReferenceStream.OfReportFile(agency, year), Actor.System, [new YearClosed(year, carried, clock.Now)]);
        }
        log.LogInformation("Year {Year} closed for {Agency}: {Carried} application(s) carried forward, {Already} already were", year, agency, carried, job.Handled - carried);
    }

    public override void Finished(Job job) => agencies.ForgetClosedYears(job.Agency!);

    /// <summary>One close job per agency, each started once however often the recurring message is delivered.</summary>
    public async Task CloseEveryAgencyAsync(int year, IDocumentSession session, IMessageContext bus, CancellationToken ct)
    {
        var ids = await session.Query<Agency>().Select(a => a.Id).ToListAsync(ct);
        foreach (var agency in ids)
            await JobRunner.StartOnceAsync(session, bus, NewJob(agency, year, Actor.System, Job.OnceFor($"{KindName}:{agency}:{year}")), ct);
    }
}

public static class CloseYearHandler
{
    /// <summary>Runs at 00:00 on 1 January in China: the year to close is the one that just ended.</summary>
    public static Task Handle(CloseYear _, YearEndWork work, BusinessClock clock, IDocumentSession session, IMessageContext bus, CancellationToken ct) =>
        work.CloseEveryAgencyAsync(clock.Today.Year - 1, session, bus, ct);
}

public static class CloseYearEndpoint
{
    /// <summary>
    /// Runs the year-end close on demand for a past year (agencies starting mid-stream or importing history) as a job: 202
    /// with the job's location (<c>GET /api/agencies/{agency}/jobs/{id}</c>); <c>changed</c> counts the cases carried
    /// forward, the others were already.
    /// </summary>
    [WolverinePost("/api/agencies/{agency}/years/{year}/close", OperationId = "closeYear", Summary = "年末结转 · Close a year")]
    [Authorize(Roles = Roles.Administering), Tags("Reports")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<Job>(202)]
    public static async Task<IResult> Post(string agency, int year, YearEndWork work, BusinessClock clock, IDocumentStore store, IMartenOutbox outbox,
        HttpContext http, CancellationToken ct)
    {
        if (year < ReportRequest.FirstYear) return Problems.ValidationResult(new Dictionary<string, string[]> { ["year"] = [$"From {ReportRequest.FirstYear}."] });
        if (year >= clock.Today.Year) return Problems.Conflict($"{year} has not ended yet (today is {clock.Today:yyyy-MM-dd}); it is closed on 1 January {year + 1}.");
        return JobRunner.Accepted(await JobRunner.StartAsync(store, outbox, work.NewJob(agency, year, Actor.Of(http.User)), ct));
    }
}
