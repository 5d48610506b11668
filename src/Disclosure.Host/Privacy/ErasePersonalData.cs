using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Privacy;

/// <summary>Run the retention rule; <c>closedBefore</c> defaults to today minus <c>Retention:ErasePersonalDataAfterDays</c>.</summary>
public sealed record ErasePersonalData(DateOnly? ClosedBefore);

public sealed record ErasureResult(DateOnly ClosedBefore, int Applications, int Letters);

public static class ErasePersonalDataEndpoint
{
    public const int DefaultRetentionDays = 3650;

    /// <summary>
    /// Erases the personal fields of every case of the agency closed before the cut-off: the event data is masked in
    /// place (Marten protected information) and a <c>personal_data_erased</c> event makes the case forget it. The
    /// statistics do not change: categories, dates and outcomes are kept.
    /// </summary>
    [NonTransactional]
    [WolverinePost("/api/agencies/{agency}/personal-data/erasure"), Authorize(Roles = Roles.Administering), Tags("Privacy")]
    public static async Task<IResult> Post(string agency, ErasePersonalData? cmd, IDocumentStore store, BusinessClock clock,
        IConfiguration config, HttpContext http, ILogger<ErasureResult> log, CancellationToken ct)
    {
        var cutoff = cmd?.ClosedBefore ?? clock.Today.AddDays(-config.GetValue("Retention:ErasePersonalDataAfterDays", DefaultRetentionDays));
        if (cutoff > clock.Today)
            return Problems.ValidationResult(new Dictionary<string, string[]> { ["closedBefore"] = ["Only cases closed in the past can be erased."] });

        await using var session = store.LightweightSession(agency);
        var applications = await session.Query<Application>()
            .Where(a => !a.IsOpen && a.PersonalDataErasedOn == null && a.Answer != null && a.Answer.DecidedOn < cutoff)
            .Select(a => a.Id).ToListAsync(ct);
        var letters = (await session.Query<Letter>()
                .Where(l => l.PersonalDataErasedOn == null && (l.Status == LetterStatuses.Closed || l.Status == LetterStatuses.Rejected || l.Status == LetterStatuses.Reclassified))
                .ToListAsync(ct))
            .Where(l => (l.ClosedOn ?? l.RejectedOn) < cutoff).Select(l => l.Id).ToList();

        var ids = applications.Concat(letters).ToList();
        if (ids.Count > 0)
        {
            await store.Advanced.ApplyEventDataMasking(m =>
            {
                m.ForTenant(agency);
                foreach (var id in ids) m.IncludeStream(id);
            }, ct);
            session.LastModifiedBy = Actor.Of(http.User);
            var rule = $"保存期限届满（结案早于 {cutoff:yyyy-MM-dd}），删除个人信息（个人信息保护法第四十七条）";
            foreach (var id in ids) session.Events.Append(id, new PersonalDataErased(clock.Today, rule));
            await session.SaveChangesAsync(ct);
        }
        log.LogInformation("Personal data erased for {Applications} application(s) and {Letters} letter(s) of {Agency}", applications.Count, letters.Count, agency);
        return Results.Ok(new ErasureResult(cutoff, applications.Count, letters.Count));
    }
}
