using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

public static class GetApplicationEndpoint
{
    /// <summary>The case with its clock explained and its full history. <c>{id}</c> is the id or the tracking number.</summary>
    [WolverineGet("/api/agencies/{agency}/applications/{id}"), Authorize(Roles = Roles.Reading), Tags("Applications")]
    [ProducesResponseType<ApplicationView>(200)]
    public static async Task<IResult> Get(string id, IDocumentSession session, HttpContext http, BusinessClock clock, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http);
        if (await steps.ResolveAsync(id, ct) is { } streamId && await ApplicationSteps.ViewAsync(session, streamId, clock.Today, ct) is { } view)
            return Results.Ok(view);
        return Problems.NotFound($"There is no application '{id}' in this agency.");
    }
}
