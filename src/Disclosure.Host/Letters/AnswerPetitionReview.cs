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

/// <summary>复查意见 or 复核意见 given in writing (信访工作条例第三十五条、第三十六条), for the request still waiting; after the 复核 the matter is closed to a new request on the same facts.</summary>
[Step("petition-review-answer", "复查或复核意见", 76)]
public sealed record AnswerPetitionReview([property: Required, Label("意见日期")] DateOnly? On,
    [property: Required, Text(5000, MultiLine = true), Label("复查（复核）意见")] string? Text) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.AnswerPetitionReview(current, On!.Value, Text, context.Today)];
}

public static class AnswerPetitionReviewEndpoint
{
    [WolverinePost("/api/agencies/{agency}/letters/{id}/petition-review/answer", OperationId = "answerPetitionReview", Summary = "复查或复核意见 · The 复查 or 复核 answered")]
    [Authorize(Roles = Roles.LetterDesk), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, AnswerPetitionReview cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
