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

/// <summary>A recorded answer was wrong: record the right one with a reason; the old one stays in the history.</summary>
public sealed record CorrectDecision(DateOnly? CorrectedOn, string? Outcome, DateOnly? DecidedOn, string? Reason, long? Version);

public static class CorrectDecisionEndpoint
{
    public static ProblemDetails Validate(CorrectDecision cmd) => new Problems.Required()
        .Check(cmd.CorrectedOn is not null, "correctedOn").Check(cmd.Outcome, "outcome").Check(cmd.Reason, "reason").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/decision-correction"), Authorize(Roles = Roles.Supervisor + "," + Roles.Admin + "," + Roles.Handler), Tags("Applications")]
    public static Task<IResult> Post(string id, CorrectDecision cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.CorrectDecision(app, cmd.CorrectedOn!.Value, cmd.Outcome, cmd.DecidedOn, cmd.Reason, steps.Today), ct);
    }
}
