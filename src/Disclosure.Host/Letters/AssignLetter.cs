using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>转办: the letter goes to the responsible department.</summary>
[Step("assignment", "转办", 30)]
public sealed record AssignLetter([property: Required, Text(100)] string? Department, [property: Required] DateOnly? On) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.Assign(current, Department, On!.Value, context.Today)];
}

public static class AssignLetterEndpoint
{

    [WolverinePost("/api/agencies/{agency}/letters/{id}/assignment", OperationId = "assignLetter", Summary = "转办 · Assign a letter to a department")]
    [Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, AssignLetter cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
