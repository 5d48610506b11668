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

/// <summary>行政复议 or 行政诉讼 filed against the handling of this application (条例第五十一条).</summary>
public sealed record FileReview(string? Kind, DateOnly? FiledOn, long? Version);

public sealed record ReviewCreated(Guid ReviewId, ApplicationView Application);

public static class FileReviewEndpoint
{
    public static ProblemDetails Validate(FileReview cmd) => new Problems.Required()
        .Check(cmd.Kind, "kind").Check(cmd.FiledOn is not null, "filedOn").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/reviews"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    [ProducesResponseType<ReviewCreated>(201)]
    public static Task<IResult> Post(string agency, string id, FileReview cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        var reviewId = Guid.CreateVersion7();
        return steps.Run(id, cmd.Version, app => ApplicationDecider.FileReview(app, reviewId, cmd.Kind, cmd.FiledOn!.Value, steps.Today), ct,
            view => Results.Created($"/api/agencies/{agency}/applications/{view.Id}/reviews/{reviewId}", new ReviewCreated(reviewId, view)));
    }
}
