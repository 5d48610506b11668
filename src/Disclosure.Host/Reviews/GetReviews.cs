using Disclosure.Domain.Reviews;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Reviews;

public static class GetReviewEndpoints
{
    /// <summary>The review case with its reply clock and history; <c>{id}</c> may be the tracking number.</summary>
    [WolverineGet("/api/agencies/{agency}/reviews/{id}", OperationId = "getReview", Summary = "查看复议或诉讼 · Get a review case with its history")]
    [Authorize(Roles = Roles.Reading), Tags("Reviews")]
    [ProducesResponseType<ReviewView>(200)]
    public static Task<IResult> Get(string id, IQuerySession session, BusinessClock clock, CancellationToken ct) =>
        CaseReads.GetAsync(ReviewKind.Instance, session, id, clock.Today, ct);

    /// <summary>
    /// Review cases, the reply soonest due first: by default the open ones (not decided); <c>open=false</c> the decided
    /// ones; <c>overdue=true</c> those whose reply is past due and still owed; <c>application</c> those of one application.
    /// </summary>
    [WolverineGet("/api/agencies/{agency}/reviews", OperationId = "listReviews", Summary = "复议或诉讼列表 · List review cases")]
    [Authorize(Roles = Roles.Reading), Tags("Reviews")]
    [ProducesResponseType<IReadOnlyList<ReviewSummary>>(200)]
    public static async Task<IResult> List(IQuerySession session, BusinessClock clock, CancellationToken ct,
        bool? open = true, bool? overdue = null, Guid? application = null) =>
        Results.Ok(await ListAsync(session, clock.Today, open, overdue, application, ct));

    /// <summary>The list the API and the console's review page show.</summary>
    public static async Task<IReadOnlyList<ReviewSummary>> ListAsync(IQuerySession session, DateOnly today, bool? open, bool? overdue, Guid? application, CancellationToken ct)
    {
        IQueryable<ReviewCase> q = session.Query<ReviewCase>();
        if (open is { } isOpen) q = q.Where(r => r.IsOpen == isOpen);
        if (overdue == true) q = q.Where(r => r.AwaitingReply && r.ReplyDueOn != null && r.ReplyDueOn < today);
        if (overdue == false) q = q.Where(r => !(r.AwaitingReply && r.ReplyDueOn != null && r.ReplyDueOn < today));
        if (application is { } app) q = q.Where(r => r.ApplicationId == app);
        var items = await q.OrderBy(r => r.DueOn).ThenBy(r => r.TrackingNumber).Take(1000).ToListAsync(ct);
        return items.Select(r => ReviewSummary.From(r, today)).ToList();
    }
}
