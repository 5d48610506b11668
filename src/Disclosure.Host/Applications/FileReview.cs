using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>行政复议 or 行政诉讼 filed against the handling of this application (条例第五十一条).</summary>
[Step("review", "行政复议或诉讼", 160)]
public sealed record FileReview([property: Required, Codes(typeof(ReviewKinds))] string? Kind, [property: Required] DateOnly? FiledOn) : ApplicationCommand
{
    public FileReview ForTarget(string? key) => this with { ReviewId = Guid.CreateVersion7() }; // the console's step (Step): a new review
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid ReviewId { get; init; }

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.FileReview(current, ReviewId, Kind, FiledOn!.Value, context.Today)];
}

public sealed record ReviewCreated(Guid ReviewId, ApplicationView Application);

public static class FileReviewEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/reviews", OperationId = "fileReview", Summary = "行政复议或诉讼 · Record a review filed")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    [ProducesResponseType<ReviewCreated>(201)]
    public static async Task<IResult> Post(string agency, string id, FileReview cmd, IMessageBus bus, CancellationToken ct)
    {
        var reviewId = Guid.CreateVersion7();
        return (await bus.SendAsync(agency, cmd with { Case = id, ReviewId = reviewId }, ct)).ToResult(answer =>
            Results.Created($"/api/agencies/{agency}/applications/{answer.Id}/reviews/{reviewId}", new ReviewCreated(reviewId, (ApplicationView)answer.View())));
    }
}
