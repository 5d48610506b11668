using Disclosure.Host.Infrastructure;
using System.Security.Claims;
using Disclosure.Domain.Agencies;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disclosure.Host.Agencies;

public static class ListAgenciesEndpoint
{
    /// <summary>The agencies visible to the caller: all for admin, else those named in the token.</summary>
    [WolverineGet("/api/agencies", OperationId = "listAgencies", Summary = "机关列表 · The agencies visible to the caller")]
    [Authorize, Tags("Agencies")]
    public static async Task<IReadOnlyList<Agency>> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin))
            return await session.Query<Agency>().OrderBy(a => a.Id).ToListAsync(ct);
        var mine = user.FindAll(Roles.AgencyClaim).Select(c => c.Value).ToArray();
        return await session.Query<Agency>().Where(a => a.Id.IsOneOf(mine)).OrderBy(a => a.Id).ToListAsync(ct);
    }

    [WolverineGet("/api/agencies/{agency}", OperationId = "getAgency", Summary = "机关 · An agency")]
    [Authorize, Tags("Agencies")]
    public static async Task<Agency?> GetOne(string agency, IQuerySession session, CancellationToken ct) =>
        await session.LoadReferenceAsync<Agency>(agency, ct); // the registry's (the master's, with several databases)
}
