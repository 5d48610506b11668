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

/// <summary>转办: the letter goes to the responsible department.</summary>
public sealed record AssignLetter(string? Department, DateOnly? On, long? Version);

public static class AssignLetterEndpoint
{
    public static ProblemDetails Validate(AssignLetter cmd) => new Problems.Required().Check(cmd.Department, "department").Check((cmd.Department?.Length ?? 0) <= 100, "department", "At most 100 characters.").Check(cmd.On is not null, "on").Result();

    [NonTransactional] // commits itself
    [WolverinePost("/api/agencies/{agency}/letters/{id}/assignment"), Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static Task<IResult> Post(string id, AssignLetter cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new LetterSteps(session, http, bus);
        return steps.Run(id, cmd.Version, letter => LetterDecider.Assign(letter, cmd.Department, cmd.On!.Value, steps.Today), ct);
    }
}
