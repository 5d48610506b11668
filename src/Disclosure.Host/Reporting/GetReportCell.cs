using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Reporting;

public sealed record ReportCell(int Year, string Layout, string Row, string Column, int Count, IReadOnlyList<ApplicationSummary> Cases);

public static class GetReportCellEndpoint
{
    /// <summary>The cases behind one number of table 三: each case's own events counted by the very code that keeps the tallies (<see cref="CaseContribution"/>).</summary>
    [WolverineGet("/api/agencies/{agency}/reports/{year}/cells/{row}/{column}", OperationId = "getReportCell", Summary = "报表数字对应的申请 · The cases behind a figure of table 三")]
    [Authorize(Roles = Roles.Reporting), Tags("Reports")]
    [ProducesResponseType<ReportCell>(200)]
    public static async Task<IResult> Get(int year, string row, string column, IQuerySession session, BusinessClock clock, CancellationToken ct, string? layout = null)
    {
        var errors = ReportRequest.Check(year, layout, clock);
        var chosen = ReportRequest.Layout(year, layout);
        var def = chosen.Row(row);
        if (def is null) errors["row"] = [$"Rows of the {chosen.Name} layout: {string.Join(", ", chosen.Rows.Select(r => r.Code))}."];
        if (!ReportLayout.Columns.Contains(column)) errors["column"] = [$"Columns: {string.Join(", ", ReportLayout.Columns)}."];
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        // candidates: every case an event of which counted in the year's tally, and every case open across one of the
        // year's boundaries (rows 二 and 四); the counting code itself then decides, case by case
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        IQueryable<Application> q = session.Query<Application>()
            .Where(a => a.ReportYears.Contains(year) || (a.ReceivedOn <= end && (a.Answer == null || a.Answer.DecidedOn >= start)));
        if (column != "total") q = q.Where(a => a.Applicant.Category == column);
        var candidates = (await q.ToListAsync(ct)).ToDictionary(a => a.Id);

        var columnIndex = ReportLayout.Columns.ToList().IndexOf(column);
        var counted = new List<Application>();
        foreach (var chunk in candidates.Keys.Chunk(500))
        {
            var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(chunk)).OrderBy(e => e.Sequence).ToListAsync(ct);
            foreach (var stream in events.GroupBy(e => e.StreamId))
                if (CaseContribution.InCell(stream.Select(e => e.Data), chosen, year, row, columnIndex) != 0) counted.Add(candidates[stream.Key]);
        }
        var today = clock.Today;
        return Results.Ok(new ReportCell(year, chosen.Name, row, column, counted.Count,
            counted.OrderBy(a => a.TrackingNumber).Select(a => ApplicationSummary.From(a, today)).ToList()));
    }
}
