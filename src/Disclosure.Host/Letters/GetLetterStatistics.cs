using Disclosure.Domain.Letters;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Reporting;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

public sealed record LetterStatisticsView(
    string Agency, int Year, DateTimeOffset AsOf, bool Stale, int Received, int Accepted, int Rejected, int Reclassified, int Handled,
    int Replied, int RepliedOnTime, int RepliedPublicly, int Rehandled, decimal? AverageWorkingDaysToReply,
    IReadOnlyDictionary<string, CategoryFigures> ByCategory, IReadOnlyDictionary<string, DepartmentFigures> ByDepartment,
    IReadOnlyDictionary<string, int> Satisfaction, IReadOnlyDictionary<string, int> RejectionReasons)
{
    public static LetterStatisticsView From(string agency, int year, LetterStatistics? s, DateTimeOffset asOf, bool stale)
    {
        s ??= new LetterStatistics { Agency = agency, Year = year };
        return new(agency, year, asOf, stale, s.Received, s.Accepted, s.Rejected, s.Reclassified, s.Handled, s.Replied, s.RepliedOnTime,
            s.RepliedPublicly, s.Rehandled, s.AverageWorkingDaysToReply, s.ByCategory, s.ByDepartment,
            Satisfactions.All.ToDictionary(t => t.Code, t => s.Satisfaction.GetValueOrDefault(t.Code)), s.RejectionReasons);
    }
}

public static class GetLetterStatisticsEndpoint
{
    /// <summary>Mailbox statistics of the year: received, accepted, refused, replied (on time), average working days, by category and department, satisfaction.</summary>
    [WolverineGet("/api/agencies/{agency}/letters/statistics/{year}", OperationId = "getLetterStatistics", Summary = "市长信箱统计 · Mailbox statistics of a year")]
    [Authorize(Roles = Roles.Reporting), Tags("Letters")]
    [ProducesResponseType<LetterStatisticsView>(200)]
    public static async Task<IResult> Get(string agency, int year, IQuerySession session, ReportBuilder reports, BusinessClock clock, CancellationToken ct)
    {
        var errors = ReportRequest.Check(year, null, clock);
        if (errors.Count > 0) return Problems.ValidationResult(errors);
        var stats = await session.LoadAsync<LetterStatistics>($"{agency}/{year}", ct);
        var (asOf, stale) = await reports.FreshnessAsync([agency], ct);
        return Results.Ok(LetterStatisticsView.From(agency, year, stats, asOf, stale));
    }
}
