using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

public static class GetApplicationEndpoint
{
    /// <summary>
    /// The case with its clock explained and its full history. <c>{id}</c> is the id or the tracking number. With <c>asOf</c>
    /// (an instant with its offset, or a date: the end of that day in Beijing) the case as it stood then, from its events.
    /// </summary>
    [WolverineGet("/api/agencies/{agency}/applications/{id}", OperationId = "getApplication", Summary = "查看申请 · Get an application with its history")]
    [Authorize(Roles = Roles.Reading), Tags("Applications")]
    [ProducesResponseType<ApplicationView>(200)]
    public static Task<IResult> Get(string id, IQuerySession session, BusinessClock clock, IDocumentStore store, Calendar.CalendarStore calendars,
        CancellationToken ct, string? asOf = null) =>
        asOf is null
            ? CaseReads.GetAsync(ApplicationKind.Instance, session, id, clock.Today, ct)
            : CaseAsOf.GetAsync(ApplicationKind.Instance, store, session, calendars.Settings, id, asOf, ct);
}
