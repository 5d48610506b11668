using Disclosure.Domain.Applications;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Search;

/// <summary>
/// An application's relatives, for the case page: the earlier applications it may repeat or that the same applicant filed
/// (suggested, with the reason), the ones a handler linked, and the applicant's counts for the month and the year.
/// </summary>
public sealed record ApplicationRepeats(Guid Id, string TrackingNumber, RepeatReport Repeats, IReadOnlyList<CaseRelation> Relations, IReadOnlyList<ApplicantCount> Counts);

public static class GetRepeatsEndpoint
{
    /// <summary><c>{id}</c> is the id or the tracking number. Suggestions come from the search index, which follows the cases within moments.</summary>
    [WolverineGet("/api/agencies/{agency}/applications/{id}/repeats", OperationId = "getApplicationRepeats", Summary = "重复申请与同一申请人 · Repeats and the same applicant's requests")]
    [Authorize(Roles = Roles.Reading), Tags("Search")]
    [ProducesResponseType<ApplicationRepeats>(200)]
    public static async Task<IResult> Get(string agency, string id, IQuerySession session, RepeatCheck repeats, ApplicantRequestCounts counts, CancellationToken ct)
    {
        if (await RelatedApplications.FindAsync(session, id, ct) is not { } app)
            return Problems.NotFound(Cases.ApplicationKind.Instance.NotFound(id));
        var report = await repeats.OfAsync(session, app, ct);
        return Results.Ok(new ApplicationRepeats(app.Id, app.TrackingNumber, report, app.Relations, await counts.ForAsync(agency, app, ct)));
    }
}
