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

/// <summary>答复: published only when asked and the writer consented.</summary>
public sealed record ReplyToLetter(DateOnly? On, string? Text, bool? Publish, long? Version);

public static class ReplyToLetterEndpoint
{
    public static ProblemDetails Validate(ReplyToLetter cmd) => new Problems.Required().Check(cmd.On is not null, "on").Check(cmd.Text, "text").Check((cmd.Text?.Length ?? 0) <= 20_000, "text", "At most 20,000 characters.").Result();

    [NonTransactional] // commits itself
    [WolverinePost("/api/agencies/{agency}/letters/{id}/reply"), Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static Task<IResult> Post(string id, ReplyToLetter cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new LetterSteps(session, http, bus);
        return steps.Run(id, cmd.Version, letter => LetterDecider.Reply(letter, cmd.On!.Value, cmd.Text, cmd.Publish ?? false, steps.Calendar, steps.Today), ct);
    }
}
