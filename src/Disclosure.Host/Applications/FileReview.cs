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

namespace Disclosure.Host.Applications;

/// <summary>
/// 行政复议, 行政诉讼 or 上诉 brought against the handling of this application (条例第五十一条): opens the review case — its own
/// stream, with its reply clock — in the application's transaction, and the application keeps the link (<see cref="ReviewOpened"/>).
/// <c>ReceivedOn</c> is the day the agency received the copy of the 复议申请书 or 起诉状 (the day its reply clock starts from;
/// the filing date when not given); <c>Procedure</c> 简易程序 for a 复议 under 行政复议法第五十三条第一款第四项.
/// </summary>
[Step("review", "行政复议或诉讼", 160, Secondary = true)]
public sealed record FileReview([property: Required, Codes(typeof(ReviewCaseKinds))] string? Kind, [property: Required] DateOnly? FiledOn,
    DateOnly? ReceivedOn = null, [property: Codes(typeof(ReviewProcedures))] string? Procedure = null) : ApplicationCommand, IMintsIds<Application>
{
    /// <summary>The new review case's id (its stream id), minted by the write path: every door alike, none can send its own.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid ReviewId { get; init; }

    public CaseCommand<Application> WithNewIds() => this with { ReviewId = Guid.CreateVersion7() };

    public override (string Kind, int Year)? NumberFor(Application current) => ("review", (ReceivedOn ?? FiledOn)!.Value.Year);

    public override IEnumerable<object> Decide(Application current, CaseContext context)
    {
        var received = ReviewDecider.Receive(current, ReviewId, context.Number, Kind, Procedure, FiledOn!.Value, ReceivedOn, context.Today);
        return [new ReviewOpened(ReviewId, received.TrackingNumber, received.Kind, received.FiledOn, received.ReceivedOn), new CaseOpened(ReviewId, received)];
    }
}

/// <summary>The review case opened (its number and reply due date) and the application as it now stands.</summary>
public sealed record ReviewCreated(Guid ReviewId, string ReviewNumber, DateOnly? ReplyDueOn, ApplicationView Application);

public static class FileReviewEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/reviews", OperationId = "fileReview", Summary = "行政复议或诉讼 · Record a review filed")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    [ProducesResponseType<ReviewCreated>(201)]
    public static async Task<IResult> Post(string agency, string id, FileReview cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult(answer =>
            Results.Created($"/api/agencies/{agency}/reviews/{answer.Opened[0].Id}",
                new ReviewCreated(answer.Opened[0].Id, answer.Opened[0].TrackingNumber, answer.Opened[0].DueOn, (ApplicationView)answer.View())));
}
