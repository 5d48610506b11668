using Disclosure.Domain.Letters;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>不予受理, with a reason code.</summary>
public sealed record RejectLetter(DateOnly? On, string? Reason, string? Note, long? Version);

public static class RejectLetterEndpoint
{
    public static ProblemDetails Validate(RejectLetter cmd) => new Problems.Required().Check(cmd.On is not null, "on").Check(cmd.Reason, "reason").Result();

    [NonTransactional] // commits itself
    [WolverinePost("/api/agencies/{agency}/letters/{id}/rejection"), Authorize(Roles = Roles.Handling + "," + Roles.Intake), Tags("Letters")]
    public static Task<IResult> Post(string id, RejectLetter cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new LetterSteps(session, http, bus);
        return steps.Run(id, cmd.Version, letter => LetterDecider.Reject(letter, cmd.On!.Value, cmd.Reason, cmd.Note, steps.Today), ct);
    }
}
