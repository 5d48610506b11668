using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Marten;

namespace Disclosure.Host.Applications;

/// <summary>
/// What a link or a 不予处理（重复申请） needs to know of the agency's other applications, read by the front door through the
/// agency's own session (another agency's case is never found) and handed to the command, whose decision stays pure.
/// </summary>
public static class RelatedApplications
{
    /// <summary>
    /// The command as the write path needs it: with the applications it names or the case links, when it is a link, an answer
    /// 不予处理（重复申请） or one naming <c>relatedTo</c>, or a correction to 不予处理（重复申请）. Every front door sends it through
    /// here (the API's endpoints, the console's step forms); other commands pass unchanged.
    /// </summary>
    public static async Task<ApplicationCommand> CompleteAsync(IQuerySession session, ApplicationCommand command, CancellationToken ct) => command switch
    {
        RelateApplication relate => relate with { Related = await FindAsync(session, relate.RelatedTo, ct) },
        RecordDecision decision when decision.Outcome == Outcomes.NotProcessedDuplicate || !string.IsNullOrWhiteSpace(decision.RelatedTo) =>
            decision with { Related = await FindAsync(session, decision.RelatedTo, ct), Linked = await LinkedAsync(session, command.Case, ct) },
        CorrectDecision correction when correction.Outcome == Outcomes.NotProcessedDuplicate => correction with { Linked = await LinkedAsync(session, command.Case, ct) },
        _ => command,
    };

    /// <summary>The application an id or tracking number names in this agency, or null.</summary>
    public static async Task<Application?> FindAsync(IQuerySession session, string? idOrNumber, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(idOrNumber) || await CaseWrites.ResolveAsync<Application>(session, idOrNumber.Trim(), ct) is not { } id
            ? null : await session.LoadAsync<Application>(id, ct);

    /// <summary>The applications a case already links, as they stand now.</summary>
    public static async Task<IReadOnlyList<Application>> LinkedAsync(IQuerySession session, string idOrNumber, CancellationToken ct)
    {
        if (await FindAsync(session, idOrNumber, ct) is not { Relations.Count: > 0 } app) return [];
        return await session.LoadManyAsync<Application>(ct, app.Relations.Select(r => r.CaseId).Distinct());
    }
}
