using Disclosure.Host.Cases;
using Marten;

namespace Disclosure.Host.Agencies;

/// <summary>
/// The one way an agency's settings change: the event on the agency's own stream (in the default tenant, not the route's),
/// the user who changed it, and the cross-node change notice in the same transaction, so every node forgets its cached
/// copy when — and only when — the change commits.
/// </summary>
public static class AgencySettingChange
{
    public static async Task RecordAsync(IDocumentStore store, AgencyDirectory directory, HttpContext http, string agency,
        object change, CancellationToken ct, object? document = null)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = Actor.Of(http.User);
        session.Events.Append(RegisterAgencyEndpoint.StreamId(agency), change);
        if (document is not null) session.Store(document);
        Cluster.ReferenceChanges.AgencyChanged(session, agency);
        await session.SaveChangesAsync(ct);
        directory.Forget(agency); // this node at once, not a few milliseconds later
    }
}
