using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disclosure.Host.Reporting;

public sealed record ReportCell(int Year, string Layout, string Row, string Column, int Count, IReadOnlyList<ApplicationSummary> Cases);

public static class GetReportCellEndpoint
{
    /// <summary>The cases behind one number of table 三, found by the same counting rules from the cases themselves.</summary>
    [WolverineGet("/api/agencies/{agency}/reports/{year}/cells/{row}/{column}"), Authorize(Roles = Roles.Reporting), Tags("Reports")]
    public static async Task<IResult> Get(int year, string row, string column, IDocumentSession session, BusinessClock clock, CancellationToken ct, string? layout = null)
    {
        var errors = ReportRequest.Check(year, layout, clock);
        var chosen = ReportRequest.Layout(year, layout);
        var def = chosen.Row(row);
        if (def is null) errors["row"] = [$"Rows of the {chosen.Name} layout: {string.Join(", ", chosen.Rows.Select(r => r.Code))}."];
        if (!ReportLayout.Columns.Contains(column)) errors["column"] = [$"Columns: {string.Join(", ", ReportLayout.Columns)}."];
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        IQueryable<Application> q = session.Query<Application>();
        if (column != "total") q = q.Where(a => a.Applicant.Category == column);
        q = def!.Code switch
        {
            ReportLayout.Received => q.Where(a => a.ReceivedOn >= start && a.ReceivedOn <= end),
            ReportLayout.CarriedOver => q.Where(a => a.ReceivedOn < start && (a.Answer == null || a.Answer.DecidedOn >= start)),
            ReportLayout.CarriedForward => q.Where(a => a.ReceivedOn <= end && (a.Answer == null || a.Answer.DecidedOn > end)),
            ReportLayout.TotalHandled => q.Where(a => a.Answer != null && a.Answer.DecidedOn >= start && a.Answer.DecidedOn <= end),
            _ => q.Where(a => a.Answer != null && a.Answer.DecidedOn >= start && a.Answer.DecidedOn <= end && a.Answer.Outcome.IsOneOf(def.Outcomes.ToArray())),
        };
        var cases = await q.OrderBy(a => a.TrackingNumber).ToListAsync(ct);
        var today = clock.Today;
        return Results.Ok(new ReportCell(year, chosen.Name, row, column, cases.Count, cases.Select(a => ApplicationSummary.From(a, today)).ToList()));
    }
}
