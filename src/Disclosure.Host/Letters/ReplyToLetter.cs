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

/// <summary>答复: published only when asked and the writer consented.</summary>
[Step("reply", "答复", 60)]
public sealed record ReplyToLetter([property: Required] DateOnly? On, [property: Required, Text(20_000, MultiLine = true)] string? Text, bool? Publish) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.Reply(current, On!.Value, Text, Publish ?? false, context.Calendar, context.Today)];
}

public static class ReplyToLetterEndpoint
{

    [WolverinePost("/api/agencies/{agency}/letters/{id}/reply", OperationId = "replyToLetter", Summary = "答复来信 · Reply to a letter")]
    [Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, ReplyToLetter cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
