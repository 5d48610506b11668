using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

public static class GetApplicationEndpoint
{
    /// <summary>The case with its clock explained and its full history. <c>{id}</c> is the id or the tracking number.</summary>
    [WolverineGet("/api/agencies/{agency}/applications/{id}"), Authorize(Roles = Roles.Reading), Tags("Applications")]
    [ProducesResponseType<ApplicationView>(200)]
    public static Task<IResult> Get(string id, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct) =>
        new ApplicationSteps(session, http, bus).GetAsync(id, ct);
}
