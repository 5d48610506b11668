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

    protected async Task<IActionResult> NotFoundPageAsync()
    {
        await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status404NotFound);
        return new EmptyResult();
    }
}
