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

/// <summary>
/// The review body or court concluded: upheld (维持), corrected (纠正) or other (其他) — the result table 四 counts. For a
/// review with its own case this records the decision on the review case too, in the same transaction (the review's
/// <c>…/reviews/{id}/decision</c> records the precise outcome); a review recorded before review cases had them is
/// concluded on the application as before.
/// </summary>
[Step("review-conclusion", "复议或诉讼结果", 170, Secondary = true)]
public sealed record ConcludeReview([property: Required] DateOnly? ConcludedOn, [property: Required, Codes(typeof(ReviewResults))] string? Result) : ApplicationCommand
{
    public static IEnumerable<StepTarget> Targets(Application current) =>
        current.Reviews.Where(r => r.ConcludedOn is null).Select(r => new StepTarget(r.Id.ToString(), $"{ReviewKinds.All.Find(r.Kind)?.Label} {r.FiledOn:yyyy-MM-dd}"));
    public ConcludeReview ForTarget(string? key) => this with { ReviewId = Guid.TryParse(key, out var id) ? id : Guid.Empty };
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid ReviewId { get; init; }

    public override IEnumerable<object> Decide(Application current, CaseContext context)
    {
        var concluded = ApplicationDecider.ConcludeReview(current, ReviewId, ConcludedOn!.Value, Result, context.Today);
        if (current.Reviews.First(r => r.Id == ReviewId).CaseNumber is null) return [concluded];
        return [new ReviewOutcomeRecorded(ReviewId, concluded.ConcludedOn, null, concluded.Result, null),
            new CaseLinked(ReviewId, new Domain.Reviews.ReviewDecided(concluded.ConcludedOn, null, concluded.Result, null, concluded.Kind, concluded.FiledOn))];
    }
}

public static class ConcludeReviewEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/reviews/{reviewId}/conclusion", OperationId = "concludeReview", Summary = "复议或诉讼结果 · Record a review's result")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, string reviewId, ConcludeReview cmd, IMessageBus bus, CancellationToken ct) =>
        Guid.TryParse(reviewId, out var review)
            ? (await bus.SendAsync(agency, cmd with { Case = id, ReviewId = review }, ct)).ToResult()
            : Problems.NotFound("There is no such review on this application.");
}
