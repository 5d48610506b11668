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

/// <summary>不予受理, with a reason code.</summary>
[Step("rejection", "不予受理", 20)]
public sealed record RejectLetter([property: Required] DateOnly? On, [property: Required, Codes(typeof(RejectionReasons))] string? Reason, [property: Text(2000, MultiLine = true)] string? Note) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.Reject(current, On!.Value, Reason, Note, context.Today)];
}

public static class RejectLetterEndpoint
{

    [WolverinePost("/api/agencies/{agency}/letters/{id}/rejection", OperationId = "rejectLetter", Summary = "不予受理 · Refuse a letter")]
    [Authorize(Roles = Roles.LetterDesk), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, RejectLetter cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
