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

/// <summary>The department objects and returns the letter; it must be reassigned.</summary>
public sealed record ReturnLetter(DateOnly? On, string? Reason, long? Version);

public static class ReturnLetterEndpoint
{
    public static ProblemDetails Validate(ReturnLetter cmd) => new Problems.Required().Check(cmd.On is not null, "on").Check(cmd.Reason, "reason").Result();

    [NonTransactional] // commits itself
    [WolverinePost("/api/agencies/{agency}/letters/{id}/return"), Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static Task<IResult> Post(string id, ReturnLetter cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new LetterSteps(session, http, bus);
        return steps.Run(id, cmd.Version, letter => LetterDecider.Return(letter, cmd.On!.Value, cmd.Reason, steps.Today), ct);
    }
}
