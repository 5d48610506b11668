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

/// <summary>受理: the letter is accepted for handling; the reply limit starts (the agency's limit as it stands on acceptance).</summary>
[Step("acceptance", "受理", 10)]
public sealed record AcceptLetter([property: Required] DateOnly? On) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.Accept(current, On!.Value, context.Agency.EffectiveLetterLimits, context.Today)];
}

public static class AcceptLetterEndpoint
{

    [WolverinePost("/api/agencies/{agency}/letters/{id}/acceptance", OperationId = "acceptLetter", Summary = "受理来信 · Accept a letter")]
    [Authorize(Roles = Roles.LetterDesk), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, AcceptLetter cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
