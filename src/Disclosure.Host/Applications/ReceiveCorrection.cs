using Disclosure.Domain.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>The corrected application arrived: the 20-working-day period restarts (条例第三十条).</summary>
public sealed record ReceiveCorrection(DateOnly? ReceivedOn, long? Version);

public static class ReceiveCorrectionEndpoint
{
    public static ProblemDetails Validate(ReceiveCorrection cmd) => new Problems.Required().Check(cmd.ReceivedOn is not null, "receivedOn").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/correction"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, ReceiveCorrection cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.ReceiveCorrection(app, cmd.ReceivedOn!.Value, steps.Today), ct);
    }
}
