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

/// <summary>The cases behind one of the 15 figures of table 四 (<c>index</c> in the official column order).</summary>
public sealed record ReviewCell(int Year, int Index, string Kind, string Column, int Count, IReadOnlyList<ApplicationSummary> Cases);

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
        return Results.Ok(await CasesAsync(session, year, chosen, row, column, clock.Today, ct));
    }

    /// <summary>The cases behind one figure of table 四: reviews counted by the same code as the report's.</summary>
    [WolverineGet("/api/agencies/{agency}/reports/{year}/reviews/{index}", OperationId = "getReviewCell", Summary = "表四数字对应的申请 · The cases behind a figure of table 四")]
    [Authorize(Roles = Roles.Reporting), Tags("Reports")]
    [ProducesResponseType<ReviewCell>(200)]
    public static async Task<IResult> GetReviews(int year, int index, IQuerySession session, BusinessClock clock, CancellationToken ct)
    {
        var errors = ReportRequest.Check(year, null, clock);
        if (index is < 0 or > 14) errors["index"] = ["0 to 14: the figures of table 四 in the official column order."];
        if (errors.Count > 0) return Problems.ValidationResult(errors);
        return Results.Ok(await ReviewCasesAsync(session, year, index, clock.Today, ct));
    }

    /// <param name="session">A session of the agency (tenant).</param>
    public static async Task<ReportCell> CasesAsync(IQuerySession session, int year, ReportLayout layout, string row, string column, DateOnly today, CancellationToken ct)
    {
        // candidates: every case an event of which counted in the year's tally, and every case open across one of the
        // year's boundaries (rows 二 and 四); the counting code itself then decides, case by case
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        IQueryable<Application> q = session.Query<Application>()
            .Where(a => a.ReportYears.Contains(year) || (a.ReceivedOn <= end && (a.Answer == null || a.Answer.DecidedOn >= start)));
        // an outcome row (or their 总计) counts answered cases only: the open ones — at 100,000 open applications nearly all
        // candidates, their documents and events read for nothing (over 60 s) — are left out (ReportLayout.CountsClosedCasesOnly)
        if (layout.Row(row) is { } def && ReportLayout.CountsClosedCasesOnly(def)) q = q.Where(a => !a.IsOpen);
        if (column != "total") q = q.Where(a => a.Applicant.Category == column);
        var columnIndex = ReportLayout.Columns.ToList().IndexOf(column);
        var counted = await CountedAsync(session, await q.ToListAsync(ct), events => CaseContribution.InCell(events, layout, year, row, columnIndex), ct);
        return new ReportCell(year, layout.Name, row, column, counted.Count, counted.Select(a => ApplicationSummary.From(a, today)).ToList());
    }

    public static async Task<ReviewCell> ReviewCasesAsync(IQuerySession session, int year, int index, DateOnly today, CancellationToken ct)
    {
        // table 四 is counted from the review cases (and, for reviews recorded before review cases, from the application's own
        // events): an application's contribution is the events of its stream and of its review cases' streams together
        var candidates = await session.Query<Application>().Where(a => a.Reviews.Any()).ToListAsync(ct);
        var counted = await CountedAsync(session, candidates, events => CaseContribution.InReviewCell(events, year, index), ct,
            a => a.Reviews.Where(r => r.CaseNumber is not null).Select(r => r.Id));
        var (kind, _, _) = ReportLayout.ReviewGroups[index / 5];
        return new ReviewCell(year, index, kind, ReportLayout.ReviewColumnLabels[index % 5], counted.Count, counted.Select(a => ApplicationSummary.From(a, today)).ToList());
    }

    /// <summary>The candidates whose own events count in the figure, by tracking number.</summary>
    /// <param name="linked">The other streams whose events count as the application's (its review cases).</param>
    private static async Task<List<Application>> CountedAsync(IQuerySession session, IReadOnlyList<Application> candidates, Func<IEnumerable<object>, int> inFigure, CancellationToken ct,
        Func<Application, IEnumerable<Guid>>? linked = null)
    {
        var byId = candidates.ToDictionary(a => a.Id);
        var owner = new Dictionary<Guid, Guid>();
        foreach (var a in candidates)
        {
            owner[a.Id] = a.Id;
            foreach (var stream in linked?.Invoke(a) ?? []) owner[stream] = a.Id;
        }
        var counted = new List<Application>();
        // chunked by application, so an application's streams are always read together
        foreach (var apps in candidates.Chunk(250))
        {
            var chunk = owner.Where(o => apps.Any(a => a.Id == o.Value)).Select(o => o.Key).ToArray();
            var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(chunk)).OrderBy(e => e.Sequence).ToListAsync(ct);
            foreach (var stream in events.GroupBy(e => owner[e.StreamId]))
                if (inFigure(stream.Select(e => e.Data)) != 0) counted.Add(byId[stream.Key]);
        }
        return counted.OrderBy(a => a.TrackingNumber).ToList();
    }
}
