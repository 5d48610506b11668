using Disclosure.Domain.Agencies;
using Disclosure.Host.Agencies;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Reporting;

public static class GetReportEndpoint
{
    /// <summary>
    /// 政府信息公开工作年度报告 of one agency (or, with <c>rollup=descendants</c>, of it and every agency below it):
    /// JSON, or CSV / Markdown / printable HTML by <c>format</c> or the Accept header.
    /// </summary>
    [WolverineGet("/api/agencies/{agency}/reports/{year}", OperationId = "getReport", Summary = "政府信息公开工作年度报告 · The annual report of a year")]
    [Authorize(Roles = Roles.Reporting), Tags("Reports")]
    [ProducesResponseType<ReportView>(200)]
    public static async Task<IResult> Get(string agency, int year, HttpContext http, ReportBuilder builder, AgencyDirectory directory,
        BusinessClock clock, IDocumentStore store, CancellationToken ct, string? layout = null, string? format = null, string? rollup = null)
    {
        var errors = ReportRequest.Check(year, layout, clock);
        if (rollup is not null and not "descendants") errors["rollup"] = ["The only roll-up is 'descendants'."];
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        var root = (await directory.FindAsync(agency, ct))!;
        IReadOnlyList<string> agencies = [agency];
        var title = $"{root.Name}{year}年政府信息公开工作年度报告";
        if (rollup == "descendants")
        {
            await using var session = store.QuerySession();
            var all = await session.Query<Agency>().ToListAsync(ct);
            agencies = ReportBuilder.WithDescendants(agency, all);
            title = $"{root.Name}（含所属单位）{year}年政府信息公开工作年度报告";
        }
        // where the time went (read, freshness, build: #25's roll-up is measured by ops/bench-province with it)
        var timing = new ReportTiming();
        var report = await builder.BuildAsync(agencies, title, year, ReportRequest.Layout(year, layout), ct, timing: timing);
        http.Response.Headers["Server-Timing"] = timing.Header;
        return ReportRequest.Render(report, format, http.Request);
    }

    /// <summary>The sum of several agencies' reports (<c>?agency=a&amp;agency=b</c>), with the same checks.</summary>
    [WolverineGet("/api/reports/{year}", OperationId = "getCombinedReport", Summary = "多机关合计年度报告 · The sum of several agencies' reports")]
    [Authorize(Roles = Roles.Reporting), Tags("Reports")]
    [ProducesResponseType<ReportView>(200)]
    public static async Task<IResult> GetCombined(int year, HttpContext http, ReportBuilder builder, AgencyDirectory directory,
        BusinessClock clock, CancellationToken ct, string? layout = null, string? format = null)
    {
        var errors = ReportRequest.Check(year, layout, clock);
        var agencies = http.Request.Query["agency"].Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => AgencyRules.Normalize(a) ?? a!).Distinct().ToList();
        if (agencies.Count == 0) errors["agency"] = ["Name at least one agency: ?agency=a&agency=b."];
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        var names = new List<string>();
        foreach (var id in agencies)
        {
            if (await directory.FindAsync(id, ct) is not { } found) return Problems.NotFound("There is no such agency.");
            if (!AgencyGate.CanActFor(http.User, id)) return Problems.Forbidden($"Your token does not allow reading the report of '{id}'.");
            names.Add(found.Name);
        }
        var report = await builder.BuildAsync(agencies, $"{string.Join("、", names)}{year}年政府信息公开工作年度报告（合计）", year, ReportRequest.Layout(year, layout), ct);
        return ReportRequest.Render(report, format, http.Request);
    }
}
