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

namespace Disclosure.Host.Privacy;

/// <summary>
/// Run the retention rule (<see cref="PersonalData.Check(Application, DateOnly, int, DateOnly?)"/>). <c>closedBefore</c>
/// narrows it to cases closed before a day (it never shortens the agency's retention period); <c>dryRun</c> only lists;
/// an erasure names in <c>expectedCount</c> how many cases the dry run listed, and nothing is erased if that is no longer so.
/// </summary>
public sealed record ErasePersonalData(DateOnly? ClosedBefore, bool? DryRun = null, int? ExpectedCount = null);

/// <summary>One case the rule looked at: erasable, or kept with every reason.</summary>
public sealed record ErasureCase(string Kind, Guid Id, string TrackingNumber, DateOnly? ClosedOn, DateOnly? ErasableFrom, IReadOnlyList<KeptBecause> Kept);

/// <summary>
/// What the rule found (a dry run) or did: <c>applications</c> and <c>letters</c> count what was (or, in a dry run, would be)
/// erased; <c>erasable</c> lists those cases, <c>kept</c> every other closed case with its reasons.
/// </summary>
public sealed record ErasureResult(DateOnly? ClosedBefore, int RetentionYears, bool DryRun, int Count, int Applications, int Letters,
    IReadOnlyList<ErasureCase> Erasable, IReadOnlyList<ErasureCase> Kept);

/// <summary>One application's erasure (<see cref="PersonalData"/>): the write path masks its stored events in the same transaction.</summary>
[NoStep("erasure has its own page and rule (retention)")]
public sealed record EraseApplicationPersonalData(DateOnly? ClosedBefore) : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [PersonalData.Erase(current, context.Today, context.Agency.EffectiveRetentionYears, ClosedBefore)];
}

[NoStep("erasure has its own page and rule (retention)")]
public sealed record EraseLetterPersonalData(DateOnly? ClosedBefore) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [PersonalData.Erase(current, context.Today, context.Agency.EffectiveRetentionYears, ClosedBefore)];
}

public static class ErasePersonalDataEndpoint
{
    /// <summary>
    /// Erases the personal fields of every case of the agency the retention rule allows on today's date: each erasable case
    /// gets its erasure through the write path, which decides again (a review filed meanwhile keeps the case). The
    /// statistics do not change: categories, dates and outcomes are kept. A dry run lists what would be erased and why
    /// every other closed case is kept.
    /// </summary>
    [WolverinePost("/api/agencies/{agency}/personal-data/erasure", OperationId = "erasePersonalData", Summary = "删除保存期满的个人信息 · Erase personal data after retention")]
    [Authorize(Roles = Roles.Administering), Tags("Privacy")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<ErasureResult>(200)]
    public static async Task<IResult> Post(string agency, ErasePersonalData? cmd, IDocumentStore store, BusinessClock clock, AgencyDirectory agencies,
        IMessageBus bus, ILogger<ErasureResult> log, CancellationToken ct)
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

        var erased = new List<ErasureCase>();
        foreach (var c in erasable)
        {
            CaseCommand command = c.Kind == "application"
                ? new EraseApplicationPersonalData(cmd.ClosedBefore) { Case = c.Id.ToString() }
                : new EraseLetterPersonalData(cmd.ClosedBefore) { Case = c.Id.ToString() };
            var answer = await bus.SendAsync(agency, command, ct);
            if (answer.Outcome == CaseOutcome.Changed) erased.Add(c);
            else kept.Add(c with { Kept = [new KeptBecause("changed", answer.Message ?? "案件在核对后发生变化，未删除", null)] });
        }
        log.LogInformation("Personal data erased for {Applications} application(s) and {Letters} letter(s) of {Agency}; {Kept} closed case(s) kept",
            erased.Count(c => c.Kind == "application"), erased.Count(c => c.Kind == "letter"), agency, kept.Count);
        return Results.Ok(Result(cmd.ClosedBefore, retention, false, erased, kept));
    }

    private static ErasureResult Result(DateOnly? closedBefore, int retention, bool dryRun, List<ErasureCase> erasable, List<ErasureCase> kept) =>
        new(closedBefore, retention, dryRun, erasable.Count, erasable.Count(c => c.Kind == "application"), erasable.Count(c => c.Kind == "letter"), erasable, kept);

    /// <summary>Every closed case of the agency not yet erased, judged by the Domain's rule on <paramref name="today"/>.</summary>
    private static async Task<(List<ErasureCase> Erasable, List<ErasureCase> Kept)> SurveyAsync(IDocumentStore store, string agency, DateOnly today,
        int retention, DateOnly? closedBefore, CancellationToken ct)
    {
        var checks = new List<ErasureCase>();
        await using (var query = store.QuerySession(agency))
        {
            var applications = await query.Query<Application>().Where(a => !a.IsOpen && a.PersonalDataErasedOn == null).ToListAsync(ct);
            foreach (var a in applications)
            {
                var check = PersonalData.Check(a, today, retention, closedBefore);
                checks.Add(new("application", a.Id, a.TrackingNumber, check.ClosedOn, check.Erasable ? today : check.ErasableFrom, check.Kept));
            }
            var letters = await query.Query<Letter>().Where(l => l.PersonalDataErasedOn == null && !l.AwaitingAction).ToListAsync(ct);
            foreach (var l in letters)
            {
                var check = PersonalData.Check(l, today, retention, closedBefore);
                checks.Add(new("letter", l.Id, l.TrackingNumber, check.ClosedOn, check.Erasable ? today : check.ErasableFrom, check.Kept));
            }
        }
        var ordered = checks.OrderBy(c => c.ClosedOn).ThenBy(c => c.TrackingNumber, StringComparer.Ordinal).ToList();
        return (ordered.Where(c => c.Kept.Count == 0).ToList(), ordered.Where(c => c.Kept.Count > 0).ToList());
    }
}
