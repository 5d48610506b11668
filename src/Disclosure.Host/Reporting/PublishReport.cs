using Disclosure.Domain;
using Disclosure.Host.Cases;
using Disclosure.Host.Cluster;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
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
    public static async Task<IResult> Post(string agency, int year, PublishReport? cmd, HttpContext http, ReferenceWrites writes,
        ReportBuilder builder, AgencyDirectory directory, BusinessClock clock, CancellationToken ct)
    {
        var errors = ReportRequest.Check(year, cmd?.Layout, clock);
        var on = cmd?.PublishedOn ?? clock.Today;
        if (ReportPublication.DateProblem(year, on, clock.Today) is { } problem) errors[problem.Field] = [problem.Message];
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        var name = (await directory.FindAsync(agency, ct))!.Name;
        var report = await builder.BuildAsync([agency], $"{name}{year}年政府信息公开工作年度报告", year, ReportRequest.Layout(year, cmd?.Layout), ct);
        ReportPublished published;
        try
        {
            published = ReportPublication.Publish(year, on, clock.Today, report.Layout, report.Tables, report.Mailbox?.Handled, report.Stale, clock.Now);
        }
        catch (Refusal refusal)
        {
            return Problems.From(refusal);
        }
        await writes.RecordAsync(ReferenceStream.OfReportFile(agency, year), Actor.Of(http.User), [published], ct);
        return Results.Created($"/api/agencies/{agency}/reports/{year}", new PublicationView(on, published.RecordedAt, report.Layout, []));
    }
}
