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

/// <summary>征求意见 of a third party or another agency (条例第三十二条、第三十四条); the time is not counted.</summary>
public sealed record SendConsultation(DateOnly? SentOn, string? Party, long? Version);

public sealed record ConsultationStarted(Guid ConsultationId, ApplicationView Application);

public static class SendConsultationEndpoint
{
    public static ProblemDetails Validate(SendConsultation cmd) => new Problems.Required()
        .Check(cmd.SentOn is not null, "sentOn").Check(cmd.Party, "party")
        .Check((cmd.Party?.Length ?? 0) <= 200, "party", "At most 200 characters.").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/consultations"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, SendConsultation cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        var consultationId = Guid.CreateVersion7();
        return steps.Run(id, cmd.Version, app => ApplicationDecider.SendConsultation(app, consultationId, cmd.SentOn!.Value, cmd.Party, steps.Today), ct,
            view => Results.Ok(new ConsultationStarted(consultationId, view)));
    }
}
