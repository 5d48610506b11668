using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Marten;

namespace Disclosure.Host.Applications;

/// <summary>
/// An application of the agency named by its id or tracking number, read through the agency's own session (another agency's
/// case is never found). What a command needs of other applications is read by the write path (<see cref="CaseCompletion"/>).
/// </summary>
public static class RelatedApplications
{
    /// <summary>The application an id or tracking number names in this agency, or null.</summary>
    public static async Task<Application?> FindAsync(IQuerySession session, string? idOrNumber, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(idOrNumber) || await CaseWrites.ResolveAsync<Application>(session, idOrNumber.Trim(), ct) is not { } id
            ? null : await session.LoadAsync<Application>(id, ct);
}
