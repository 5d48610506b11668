using Disclosure.Host.Cases;
using Disclosure.Host.Cluster;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Reporting;

/// <summary>The text chapters 一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项.</summary>
public sealed record RecordNarrative(
    [property: Text(RecordNarrativeEndpoint.MaxLength, MultiLine = true)] string? Overview,
    [property: Text(RecordNarrativeEndpoint.MaxLength, MultiLine = true)] string? Problems,
    [property: Text(RecordNarrativeEndpoint.MaxLength, MultiLine = true)] string? Other);

public static class RecordNarrativeEndpoint
{
    public const int MaxLength = 50_000;

    public static ProblemDetails Validate(RecordNarrative cmd) => new Problems.Required()
        .Check(cmd.Overview is not null || cmd.Problems is not null || cmd.Other is not null, "overview", "Send at least one of overview, problems, other.").Result();

    [WolverinePut("/api/agencies/{agency}/reports/{year}/narrative", OperationId = "recordNarrative", Summary = "年度报告正文 · Record the report's text chapters")]
    [Authorize(Roles = Roles.ReportEditing), Tags("Reports")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<NarrativeView>(200)]
    public static async Task<IResult> Put(string agency, int year, RecordNarrative cmd, HttpContext http, ReferenceWrites writes, BusinessClock clock, CancellationToken ct)
    {
        var errors = ReportRequest.Check(year, null, clock);
        if (errors.Count > 0) return Problems.ValidationResult(errors);
        await writes.RecordAsync(ReferenceStream.OfReportFile(agency, year), Actor.Of(http.User),
            [new NarrativeRecorded(year, cmd.Overview, cmd.Problems, cmd.Other, clock.Now)], ct);
        return Results.Ok(new NarrativeView(cmd.Overview, cmd.Problems, cmd.Other));
    }
}
