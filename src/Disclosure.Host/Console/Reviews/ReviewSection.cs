using Disclosure.Domain.Applications;
using Disclosure.Host.Reviews;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Reviews;

/// <summary>The review section of an application's case page: its review cases with their reply clock and outcome, and a new answer owed.</summary>
public sealed class ReviewSection(IDocumentStore store) : ViewComponent
{
    public sealed record Model(string Agency, DateOnly Today, IReadOnlyList<ReviewSummary> Cases, IReadOnlyList<Review> Recorded, NewAnswerStep? NewAnswer);

    public async Task<IViewComponentResult> InvokeAsync(string agency, Application application, DateOnly today)
    {
        if (application.Reviews.Count == 0) return Content("");
        await using var session = store.QuerySession(agency);
        var cases = await GetReviewEndpoints.ListAsync(session, today, open: null, overdue: null, application.Id, HttpContext.RequestAborted);
        // reviews recorded on the application before review cases existed have no case: shown from the application's own facts
        var recorded = application.Reviews.Where(r => r.CaseNumber is null).ToList();
        return View("/Console/Reviews/_ReviewSection.cshtml", new Model(agency, today, cases, recorded, application.NewAnswer));
    }
}
