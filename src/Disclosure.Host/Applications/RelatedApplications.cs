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
