using Disclosure.Domain.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>The review body or court concluded: upheld (维持), corrected (纠正) or other (其他).</summary>
public sealed record ConcludeReview(DateOnly? ConcludedOn, string? Result, long? Version);

public static class ConcludeReviewEndpoint
{
    public static ProblemDetails Validate(ConcludeReview cmd) => new Problems.Required()
        .Check(cmd.ConcludedOn is not null, "concludedOn").Check(cmd.Result, "result").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/reviews/{reviewId}/conclusion"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, string reviewId, ConcludeReview cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        if (!Guid.TryParse(reviewId, out var rid)) return Task.FromResult(Problems.NotFound($"No review '{reviewId}'."));
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.ConcludeReview(app, rid, cmd.ConcludedOn!.Value, cmd.Result, steps.Today), ct);
    }
}
