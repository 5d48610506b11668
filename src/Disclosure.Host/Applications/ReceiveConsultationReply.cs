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

/// <summary>The consulted party answered; the excluded period ends on this day (条例第三十二条、第三十三条).</summary>
public sealed record ReceiveConsultationReply(DateOnly? ReceivedOn, bool? Consents, long? Version);

public static class ReceiveConsultationReplyEndpoint
{
    public static ProblemDetails Validate(ReceiveConsultationReply cmd) => new Problems.Required().Check(cmd.ReceivedOn is not null, "receivedOn").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/consultations/{consultationId}/reply"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, string consultationId, ReceiveConsultationReply cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        if (!Guid.TryParse(consultationId, out var cid)) return Task.FromResult(Problems.NotFound($"No consultation '{consultationId}'."));
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.ReceiveConsultationReply(app, cid, cmd.ReceivedOn!.Value, cmd.Consents, steps.Today), ct);
    }
}
