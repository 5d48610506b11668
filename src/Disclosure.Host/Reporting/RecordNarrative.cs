using Disclosure.Domain.Reporting;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Reporting;

/// <summary>The text chapters 一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项.</summary>
public sealed record RecordNarrative(string? Overview, string? Problems, string? Other);

public static class RecordNarrativeEndpoint
{
    public const int MaxLength = 50_000;

    public static ProblemDetails Validate(RecordNarrative cmd) => new Problems.Required()
        .Check(cmd.Overview is not null || cmd.Problems is not null || cmd.Other is not null, "overview", "Send at least one of overview, problems, other.")
        .Check((cmd.Overview?.Length ?? 0) <= MaxLength, "overview", "At most 50,000 characters.")
        .Check((cmd.Problems?.Length ?? 0) <= MaxLength, "problems", "At most 50,000 characters.")
        .Check((cmd.Other?.Length ?? 0) <= MaxLength, "other", "At most 50,000 characters.").Result();

    [NonTransactional] // commits itself
    [WolverinePut("/api/agencies/{agency}/reports/{year}/narrative"), Authorize(Roles = Roles.Statistician + "," + Roles.Admin), Tags("Reports")]
    public static async Task<IResult> Put(string agency, int year, RecordNarrative cmd, HttpContext http, IDocumentSession session, BusinessClock clock, CancellationToken ct)
    {
        var errors = ReportRequest.Check(year, null, clock);
        if (errors.Count > 0) return Problems.ValidationResult(errors);
        session.LastModifiedBy = Actor.Of(http.User);
        session.Events.Append(ReportBuilder.FileId(agency, year), new NarrativeRecorded(year, cmd.Overview, cmd.Problems, cmd.Other, clock.Now));
        await session.SaveChangesAsync(ct);
        return Results.Ok(new NarrativeView(cmd.Overview, cmd.Problems, cmd.Other));
    }
}
