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

/// <summary>办结.</summary>
[Step("closure", "办结", 80)]
public sealed record CloseLetter([property: Required] DateOnly? On) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.Close(current, On!.Value, context.Today)];
}

public static class CloseLetterEndpoint
{

    [WolverinePost("/api/agencies/{agency}/letters/{id}/closure", OperationId = "closeLetter", Summary = "办结 · Close a letter")]
    [Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, CloseLetter cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
