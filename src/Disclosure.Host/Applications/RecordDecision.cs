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

/// <summary>The answer (办理结果, 条例第三十六条): one of the 21 outcome codes; an answer after the due date is recorded and flagged.</summary>
public sealed record RecordDecision(DateOnly? DecidedOn, string? Outcome, string? Note, long? Version);

public static class RecordDecisionEndpoint
{
    public static ProblemDetails Validate(RecordDecision cmd) => new Problems.Required()
        .Check(cmd.DecidedOn is not null, "decidedOn").Check(cmd.Outcome, "outcome")
        .Check((cmd.Note?.Length ?? 0) <= 4000, "note", "At most 4,000 characters.").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/decision"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, RecordDecision cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.RecordDecision(app, cmd.DecidedOn!.Value, cmd.Outcome, cmd.Note, steps.Today), ct);
    }
}
