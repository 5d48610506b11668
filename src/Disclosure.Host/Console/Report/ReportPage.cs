using Disclosure.Host.Agencies;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Reporting;
using Disclosure.Host.StaffConsole.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Report;

/// <summary>A page of one agency-year's report: the year is checked as the API checks it.</summary>
public abstract class ReportPage : ConsolePage
{
    [FromRoute(Name = "year")] public int Year { get; set; }

    /// <summary>The agency's report of the year, in the layout of the year (as the API builds it).</summary>
    protected async Task<ReportView?> BuildAsync(CancellationToken ct)
    {
        if (ReportRequest.Check(Year, null, Clock).Count > 0) return null;
        var builder = HttpContext.RequestServices.GetRequiredService<ReportBuilder>();
        return await builder.BuildAsync([AgencyId], $"{Agency.Name}{Year}年政府信息公开工作年度报告", Year, ReportRequest.Layout(Year, null), ct);
    }

    /// <summary>The report as it stood at an instant (a replay of the events up to it: <see cref="ReportAsOf"/>), for audits.</summary>
    protected async Task<ReportView?> BuildAsOfAsync(DateTimeOffset at, CancellationToken ct)
    {
        if (ReportRequest.Check(Year, null, Clock).Count > 0) return null;
        var store = HttpContext.RequestServices.GetRequiredService<Marten.IDocumentStore>();
        await using var session = store.QuerySession(AgencyId);
        var figures = await ReportAsOf.ReplayAsync(session, Year, at, ct);
        var builder = HttpContext.RequestServices.GetRequiredService<ReportBuilder>();
        var stood = global::Disclosure.Host.Cases.AsOf.Text(at);
        return await builder.BuildAsync([AgencyId], $"{Agency.Name}{Year}年政府信息公开工作年度报告（截至{stood}）", Year,
            ReportRequest.Layout(Year, null), ct, figures);
    }

    protected async Task<IActionResult> NotFoundPageAsync()
    {
        await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status404NotFound);
        return new EmptyResult();
    }
}
