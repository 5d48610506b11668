using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Privacy;

/// <summary>Run the retention rule; <c>closedBefore</c> defaults to today minus <c>Retention:ErasePersonalDataAfterDays</c>.</summary>
public sealed record ErasePersonalData(DateOnly? ClosedBefore);

public sealed record ErasureResult(DateOnly ClosedBefore, int Applications, int Letters);

/// <summary>One application's erasure (<see cref="PersonalData"/>): the write path masks its stored events in the same transaction.</summary>
public sealed record EraseApplicationPersonalData(DateOnly ClosedBefore) : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) => [PersonalData.Erase(current, ClosedBefore, context.Today)];
}

public sealed record EraseLetterPersonalData(DateOnly ClosedBefore) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) => [PersonalData.Erase(current, ClosedBefore, context.Today)];
}

public static class ErasePersonalDataEndpoint
{
    public const int DefaultRetentionDays = 3650;

    /// <summary>
    /// Erases the personal fields of every case of the agency closed before the cut-off: each eligible case gets its
    /// erasure through the write path. The statistics do not change: categories, dates and outcomes are kept.
    /// </summary>
    [WolverinePost("/api/agencies/{agency}/personal-data/erasure", OperationId = "erasePersonalData", Summary = "删除保存期满的个人信息 · Erase personal data after retention")]
    [Authorize(Roles = Roles.Administering), Tags("Privacy")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<ErasureResult>(200)]
    public static async Task<IResult> Post(string agency, ErasePersonalData? cmd, IDocumentStore store, BusinessClock clock,
        IConfiguration config, IMessageBus bus, ILogger<ErasureResult> log, CancellationToken ct)
    {
        var cutoff = cmd?.ClosedBefore ?? clock.Today.AddDays(-config.GetValue("Retention:ErasePersonalDataAfterDays", DefaultRetentionDays));
        if (cutoff > clock.Today)
            return Problems.ValidationResult(new Dictionary<string, string[]> { ["closedBefore"] = ["Only cases closed in the past can be erased."] });

        List<Guid> applications, letters;
        await using (var query = store.QuerySession(agency))
        {
            // candidates: the rule itself (PersonalData.Erase) decides on each case
            applications = (await query.Query<Application>().Where(a => !a.IsOpen && a.PersonalDataErasedOn == null && a.Answer != null && a.Answer.DecidedOn < cutoff)
                .Select(a => a.Id).ToListAsync(ct)).ToList();
            letters = (await query.Query<Letter>().Where(l => l.PersonalDataErasedOn == null && !l.AwaitingAction).Select(l => l.Id).ToListAsync(ct)).ToList();
        }
        var erasedApplications = 0;
        foreach (var id in applications)
            if ((await bus.SendAsync(agency, new EraseApplicationPersonalData(cutoff) { Case = id.ToString() }, ct)).Outcome == CaseOutcome.Changed) erasedApplications++;
        var erasedLetters = 0;
        foreach (var id in letters)
            if ((await bus.SendAsync(agency, new EraseLetterPersonalData(cutoff) { Case = id.ToString() }, ct)).Outcome == CaseOutcome.Changed) erasedLetters++;
        log.LogInformation("Personal data erased for {Applications} application(s) and {Letters} letter(s) of {Agency}", erasedApplications, erasedLetters, agency);
        return Results.Ok(new ErasureResult(cutoff, erasedApplications, erasedLetters));
    }
}
