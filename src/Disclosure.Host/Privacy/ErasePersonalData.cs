using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Agencies;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disclosure.Host.Privacy;

/// <summary>
/// Run the retention rule (<see cref="PersonalData.Check(Application, DateOnly, int, DateOnly?)"/>). <c>closedBefore</c>
/// narrows it to cases closed before a day (it never shortens the agency's retention period); <c>dryRun</c> only lists;
/// an erasure names in <c>expectedCount</c> how many cases the dry run listed, and nothing is erased if that is no longer so.
/// </summary>
public sealed record ErasePersonalData(DateOnly? ClosedBefore, bool? DryRun = null, int? ExpectedCount = null);

/// <summary>One case the rule looked at: erasable, or kept with every reason.</summary>
public sealed record ErasureCase(string Kind, Guid Id, string TrackingNumber, DateOnly? ClosedOn, DateOnly? ErasableFrom, IReadOnlyList<KeptBecause> Kept)
{
    public static ErasureCase Of(string kind, ITrackedCase c, ErasureCheck check, DateOnly today) =>
        new(kind, c.Id, c.TrackingNumber, check.ClosedOn, check.Erasable ? today : check.ErasableFrom, check.Kept);
}

/// <summary>
/// What the rule found (a dry run) or will do: <c>applications</c>, <c>letters</c> and <c>reviews</c> count what was (or, in a dry run, would be)
/// erased; <c>erasable</c> lists those cases, <c>kept</c> every other closed case with its reasons.
/// </summary>
/// <remarks>An erasure answers 202 with what it found and the <c>job</c> erasing those cases (<c>GET /api/agencies/{agency}/jobs/{id}</c>).</remarks>
public sealed record ErasureResult(DateOnly? ClosedBefore, int RetentionYears, bool DryRun, int Count, int Applications, int Letters, int Reviews,
    IReadOnlyList<ErasureCase> Erasable, IReadOnlyList<ErasureCase> Kept, Jobs.Job? Job = null);

/// <summary>One case's erasure (<see cref="PersonalData"/>): the write path masks its stored events in the same transaction.</summary>
[NoStep("erasure has its own page and rule (retention)")]
public sealed record EraseCasePersonalData<TCase>(DateOnly? ClosedBefore) : CaseCommand<TCase> where TCase : class, ITrackedCase
{
    public override IEnumerable<object> Decide(TCase current, CaseContext context) => [CaseKind.Of<TCase>().Erase(current, context, ClosedBefore)];
}

public static class ErasePersonalDataEndpoint
{
    /// <summary>
    /// Erases the personal fields of every case of the agency the retention rule allows on today's date, as a job (202 with
    /// its location): each erasable case gets its erasure through the write path, a page of cases per message, and the
    /// write path decides again (a review filed meanwhile keeps the case: the job lists it among its failures). The
    /// statistics do not change: categories, dates and outcomes are kept. A dry run lists what would be erased and why
    /// every other closed case is kept.
    /// </summary>
    [WolverinePost("/api/agencies/{agency}/personal-data/erasure", OperationId = "erasePersonalData", Summary = "删除保存期满的个人信息 · Erase personal data after retention")]
    [Authorize(Roles = Roles.Administering), Tags("Privacy")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<ErasureResult>(200)]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<ErasureResult>(202)]
    public static async Task<IResult> Post(string agency, ErasePersonalData? cmd, IDocumentStore store, BusinessClock clock, AgencyDirectory agencies,
        IMartenOutbox outbox, Jobs.JobSettings settings, HttpContext http, ILogger<ErasureResult> log, CancellationToken ct)
    {
        var today = clock.Today;
        var dryRun = cmd?.DryRun == true;
        var errors = new Dictionary<string, string[]>();
        if (cmd?.ClosedBefore > today) errors["closedBefore"] = ["Only cases closed in the past can be erased."];
        if (!dryRun && cmd?.ExpectedCount is null)
            errors["expectedCount"] = ["Name how many cases you confirm erasing (the count of a dry run, \"dryRun\": true); erasure cannot be undone."];
        if (cmd?.ExpectedCount < 0) errors["expectedCount"] = ["A count is 0 or more."];
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        var retention = (await agencies.FindAsync(agency, ct))!.EffectiveRetentionYears;
        var (erasable, kept) = await SurveyAsync(store, agency, today, retention, cmd?.ClosedBefore, ct);
        if (dryRun) return Results.Ok(Result(cmd?.ClosedBefore, retention, true, erasable, kept));
        if (cmd!.ExpectedCount != erasable.Count)
            return Problems.Conflict($"{erasable.Count} case(s) can be erased today, not {cmd.ExpectedCount}: run the dry run again and confirm its count. Nothing was erased.");

        var job = Jobs.Job.New(ErasureJob.KindName, agency, Actor.Of(http.User), clock.Now, settings);
        job.ClosedBefore = cmd.ClosedBefore;
        await Jobs.JobRunner.StartAsync(store, outbox, job, ct);
        log.LogInformation("Erasure of {Applications} application(s), {Letters} letter(s) and {Reviews} review(s) of {Agency} started as job {JobId}; {Kept} closed case(s) kept",
            erasable.Count(c => c.Kind == "application"), erasable.Count(c => c.Kind == "letter"), erasable.Count(c => c.Kind == "review"), agency, job.Id, kept.Count);
        return Results.Accepted(job.Location, Result(cmd.ClosedBefore, retention, false, erasable, kept) with { Job = job });
    }

    private static ErasureResult Result(DateOnly? closedBefore, int retention, bool dryRun, List<ErasureCase> erasable, List<ErasureCase> kept) =>
        new(closedBefore, retention, dryRun, erasable.Count, erasable.Count(c => c.Kind == "application"), erasable.Count(c => c.Kind == "letter"),
            erasable.Count(c => c.Kind == "review"), erasable, kept);

    /// <summary>Every closed case of the agency not yet erased, judged by the Domain's rule on <paramref name="today"/>.</summary>
    internal static async Task<(List<ErasureCase> Erasable, List<ErasureCase> Kept)> SurveyAsync(IDocumentStore store, string agency, DateOnly today,
        int retention, DateOnly? closedBefore, CancellationToken ct)
    {
        var checks = new List<ErasureCase>();
        await using (var query = store.QuerySession(agency))
        {
            foreach (var kind in CaseKind.All) checks.AddRange(await kind.ErasureChecksAsync(query, today, retention, closedBefore, ct));
        }
        var ordered = checks.OrderBy(c => c.ClosedOn).ThenBy(c => c.TrackingNumber, StringComparer.Ordinal).ToList();
        return (ordered.Where(c => c.Kept.Count == 0).ToList(), ordered.Where(c => c.Kept.Count > 0).ToList());
    }
}

/// <summary>
/// The erasure as a job: the cases the retention rule allows on the day each page runs (listed when the job is planned),
/// each erased through the write path, which decides again; a case it refuses (a review filed meanwhile) is listed among
/// the job's failures with the reason, and keeps its data.
/// </summary>
public sealed class ErasureJob(IDocumentStore store, BusinessClock clock, AgencyDirectory agencies) : Jobs.JobKind
{
    public const string KindName = "personal_data_erasure";
    public override string Name => KindName;

    public override async Task<List<Jobs.JobKey>> PlanAsync(Jobs.Job job, CancellationToken ct)
    {
        var retention = (await agencies.FindAsync(job.Agency!, ct))!.EffectiveRetentionYears;
        var (erasable, _) = await ErasePersonalDataEndpoint.SurveyAsync(store, job.Agency!, clock.Today, retention, job.ClosedBefore, ct);
        return [.. erasable.Select(c => new Jobs.JobKey(job.Agency!, c.Kind, c.Id, c.TrackingNumber))];
    }

    public override async Task<Dictionary<Guid, Jobs.JobCaseResult>> HandleAsync(Jobs.Job job, IReadOnlyList<Jobs.JobKey> keys, IMessageBus bus, CancellationToken ct)
    {
        var results = new Dictionary<Guid, Jobs.JobCaseResult>();
        foreach (var key in keys)
        {
            var command = CaseKind.Named(key.Kind).Erase(job.ClosedBefore) with { Case = key.Id.ToString(), Job = job.Id };
            var (_, failure) = await TryAsync(() => bus.SendAsync(key.Agency, command, ct));
            results[key.Id] = new Jobs.JobCaseResult(Failure: failure);
        }
        return results;
    }
}
