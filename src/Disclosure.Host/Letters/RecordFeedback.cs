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

/// <summary>回访: the writer's satisfaction; unsatisfied reopens the letter.</summary>
public sealed record RecordFeedback(DateOnly? On, string? Satisfaction, long? Version);

public static class RecordFeedbackEndpoint
{
    public static ProblemDetails Validate(RecordFeedback cmd) => new Problems.Required().Check(cmd.On is not null, "on").Check(cmd.Satisfaction, "satisfaction").Result();

    [NonTransactional] // commits itself
    [WolverinePost("/api/agencies/{agency}/letters/{id}/feedback"), Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static Task<IResult> Post(string id, RecordFeedback cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new LetterSteps(session, http, bus);
        return steps.Run(id, cmd.Version, letter => LetterDecider.RecordFeedback(letter, cmd.On!.Value, cmd.Satisfaction, steps.Today), ct);
    }
}
