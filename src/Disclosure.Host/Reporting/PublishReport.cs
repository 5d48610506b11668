using Disclosure.Host.Cases;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disclosure.Host.Reporting;

public sealed record PublishReport(DateOnly? PublishedOn, [property: Text(4)] string? Layout);

public static class PublishReportEndpoint
{
    /// <summary>
    /// Records the report as published (条例第五十条: by 31 January): the figures are kept as filed, and later
    /// events for the year appear as amendments against them. Work on cases is never blocked by it.
    /// </summary>
    [WolverinePost("/api/agencies/{agency}/reports/{year}/publication", OperationId = "publishReport", Summary = "公开年度报告 · Record the report as published")]
    [Authorize(Roles = Roles.Reporting), Tags("Reports")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<PublicationView>(201)]
    public static async Task<IResult> Post(string agency, int year, PublishReport? cmd, HttpContext http, IDocumentSession session,
        ReportBuilder builder, AgencyDirectory directory, BusinessClock clock, CancellationToken ct)
    {
        var errors = ReportRequest.Check(year, cmd?.Layout, clock);
        var on = cmd?.PublishedOn ?? clock.Today;
        if (on > clock.Today) errors["publishedOn"] = ["A report cannot be published in the future."];
        if (on.Year <= year) errors["publishedOn"] = [$"A {year} report is published after the year ends."];
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        var name = (await directory.FindAsync(agency, ct))!.Name;
        var report = await builder.BuildAsync([agency], $"{name}{year}年政府信息公开工作年度报告", year, ReportRequest.Layout(year, cmd?.Layout), ct);
        if (report.Stale)
            return Problems.Conflict("The statistics are still catching up with the latest records; publish again in a moment so the filed figures are complete.");

        session.LastModifiedBy = Actor.Of(http.User);
        session.Events.Append(ReportBuilder.FileId(agency, year), new ReportPublished(year, report.Layout, on, report.Tables, report.Mailbox?.Handled, clock.Now));
        return Results.Created($"/api/agencies/{agency}/reports/{year}", new PublicationView(on, clock.Now, report.Layout, []));
    }
}
