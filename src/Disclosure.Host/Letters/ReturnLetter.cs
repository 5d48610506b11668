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

/// <summary>The department objects and returns the letter within 5 working days of the assignment; it must be reassigned.</summary>
[Step("return", "部门退回", 40)]
public sealed record ReturnLetter([property: Required] DateOnly? On, [property: Required, Text(2000, MultiLine = true)] string? Reason) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.Return(current, On!.Value, Reason, context.Calendar, context.Today)];
}

public static class ReturnLetterEndpoint
{

    [WolverinePost("/api/agencies/{agency}/letters/{id}/return", OperationId = "returnLetter", Summary = "部门退回 · Return a letter from a department")]
    [Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, ReturnLetter cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
