using Disclosure.Domain.Reviews;
using Disclosure.Host.Agencies;
using Disclosure.Host.Calendar;
using Disclosure.Host.Reviews;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Cases;

/// <summary>
/// 复议诉讼案件: a review case's page — its reply clock (行政复议法第四十八条、第五十四条; 行政诉讼法第六十七条), the reply with its
/// evidence, the decision and the new answer it may require, the evidence bundle kept with the reply (download), the
/// history; its steps are the API's commands (<see cref="FileReviewReply"/>, <see cref="DecideReview"/>) through the same write path.
/// </summary>
[Authorize(Roles = Roles.Reading)]
public sealed class ReviewModel(IDocumentStore store, CalendarStore calendars, AgencyDirectory agencies)
    : CasePage<ReviewCase>(CaseSteps.Review, store, calendars, agencies)
{
    protected override long VersionOf(ReviewCase current) => current.Version;

    /// <summary>The evidence bundle kept with the reply, as kept (<see cref="GetReviewEvidenceEndpoint"/>).</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(CancellationToken ct)
    {
        await using var session = Store.QuerySession(AgencyId);
        var (kept, _) = await GetReviewEvidenceEndpoint.LoadAsync(session, Id, ct);
        if (kept is null)
        {
            await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status404NotFound);
            return new EmptyResult();
        }
        return File(kept.Pdf, Applications.EvidenceBundle.ContentType, kept.FileName);
    }
}
