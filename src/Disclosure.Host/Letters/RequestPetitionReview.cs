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

/// <summary>
/// 请求复查或复核: the petitioner of a 信访事项 asks for a 复查 of the answer (信访工作条例第三十五条) or, after the 复查意见, a
/// 复核 (第三十六条) — within 30 days of receiving it (<c>answerReceivedOn</c>; the answer's date when not given). The 意见 is then
/// owed within 30 days: the letter's clock, its reminders and the worklist follow it.
/// </summary>
[Step("petition-review", "请求复查或复核", 75)]
public sealed record RequestPetitionReview([property: Required, Label("收到请求日期")] DateOnly? On,
    [property: Label("信访人收到答复（复查意见）的日期")] DateOnly? AnswerReceivedOn = null) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.RequestPetitionReview(current, On!.Value, AnswerReceivedOn, context.Today)];
}

public static class RequestPetitionReviewEndpoint
{
    [WolverinePost("/api/agencies/{agency}/letters/{id}/petition-review", OperationId = "requestPetitionReview", Summary = "请求复查或复核 · A 复查 or 复核 of a 信访 answer asked")]
    [Authorize(Roles = Roles.LetterDesk), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, RequestPetitionReview cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
