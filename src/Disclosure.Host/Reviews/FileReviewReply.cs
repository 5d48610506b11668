using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
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
/// 书面答复 (行政复议法第四十八条) or 答辩状 (行政诉讼法第六十七条) filed, with the list of evidence and basis filed with it; the
/// evidence bundle of the application as it stood that day is then built and kept with the review (<see cref="BuildReviewEvidence"/>).
/// </summary>
[Step("review-reply", "提交书面答复（答辩状）及证据", 10)]
public sealed record FileReviewReply([property: Required, Label("答复（答辩）日期")] DateOnly? FiledOn,
    [property: Required, Label("证据及依据（每行一项）")] IReadOnlyList<string>? Evidence) : ReviewCommand
{
    public override IEnumerable<object> Decide(ReviewCase current, CaseContext context) =>
        [ReviewDecider.FileReply(current, FiledOn!.Value, Evidence, context.Calendar, context.Today), new AfterCommit(new BuildReviewEvidence(current.Agency, current.Id))];
}

public static class FileReviewReplyEndpoint
{
    [WolverinePost("/api/agencies/{agency}/reviews/{id}/reply", OperationId = "fileReviewReply", Summary = "提交书面答复（答辩状）及证据 · File the reply to a review")]
    [Authorize(Roles = Roles.Handling), Tags("Reviews")]
    [ProducesResponseType<ReviewView>(200)]
    public static async Task<IResult> Post(string agency, string id, FileReviewReply cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
