using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Reviews;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Reviews;

/// <summary>
/// The 复议决定 or judgment: its outcome and, when it orders a new answer (重新答复), the date by which the agency must give
/// it. The application records the outcome in the same transaction (<see cref="ReviewOutcomeRecorded"/>) and, with a
/// date, is re-opened for its new answer.
/// </summary>
[Step("review-decision", "复议决定或裁判", 20)]
public sealed record DecideReview([property: Required, Label("决定或裁判日期")] DateOnly? DecidedOn,
    [property: Required, Codes(typeof(ReviewOutcomes)), Label("复议决定或裁判结果")] string? Outcome,
    [property: Label("重新答复期限（撤销、责令履行、确认违法、确认无效并要求重新答复时填写）")] DateOnly? NewAnswerBy = null) : ReviewCommand
{
    public override IEnumerable<object> Decide(ReviewCase current, CaseContext context)
    {
        var decided = ReviewDecider.Decide(current, DecidedOn!.Value, Outcome, NewAnswerBy, context.Today);
        return [decided, new CaseLinked(current.ApplicationId, new ReviewOutcomeRecorded(current.Id, decided.DecidedOn, decided.Outcome, decided.Result, decided.NewAnswerBy))];
    }
}

public static class DecideReviewEndpoint
{
    [WolverinePost("/api/agencies/{agency}/reviews/{id}/decision", OperationId = "decideReview", Summary = "复议决定或裁判 · Record a review's decision")]
    [Authorize(Roles = Roles.Handling), Tags("Reviews")]
    [ProducesResponseType<ReviewView>(200)]
    public static async Task<IResult> Post(string agency, string id, DecideReview cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
