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

/// <summary>More time to reply, approved once.</summary>
public sealed record ExtendLetter(DateOnly? ApprovedOn, int? WorkingDays, string? Reason, long? Version);

public static class ExtendLetterEndpoint
{
    public static ProblemDetails Validate(ExtendLetter cmd) => new Problems.Required().Check(cmd.ApprovedOn is not null, "approvedOn").Check(cmd.WorkingDays is not null, "workingDays").Check(cmd.Reason, "reason").Result();

    [NonTransactional] // commits itself
    [WolverinePost("/api/agencies/{agency}/letters/{id}/extension"), Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static Task<IResult> Post(string id, ExtendLetter cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new LetterSteps(session, http, bus);
        return steps.Run(id, cmd.Version, letter => LetterDecider.Extend(letter, cmd.ApprovedOn!.Value, cmd.WorkingDays!.Value, cmd.Reason, steps.Today), ct);
    }
}
