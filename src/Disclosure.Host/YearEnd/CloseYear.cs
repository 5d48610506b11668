using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Reporting;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.YearEnd;

/// <summary>The year-end close of the year that just ended, for every agency (recurring: 1 January 00:00 China time).</summary>
public sealed record CloseYear;

public sealed record YearCloseResult(string Agency, int Year, int Carried, int AlreadyCarried, DateTimeOffset ClosedAt);

/// <summary>
/// 结转下年度继续办理 as a fact on each case: every application still open on 31 December gets a
/// <c>carried_forward</c> event (system actor). Running it twice, or after a restart, adds nothing.
/// </summary>
public sealed class YearEndWork(IDocumentStore store, BusinessClock clock, ILogger<YearEndWork> log)
{
    public async Task<YearCloseResult> CloseAsync(string agency, int year, CancellationToken ct)
    {
        var end = new DateOnly(year, 12, 31);
        await using var session = store.LightweightSession(agency);
        session.LastModifiedBy = Actor.System;
        var open = await session.Query<Application>()
            .Where(a => a.ReceivedOn <= end && (a.Answer == null || a.Answer.DecidedOn > end))
            .Select(a => a.Id).ToListAsync(ct);
        int carried = 0, already = 0;
        foreach (var id in open)
        {
            var stream = await session.Events.FetchForWriting<Application>(id, ct);
            if (stream.Aggregate is not { } app) continue;
            if (Domain.Applications.YearEnd.Close(app, year) is { } carry) { stream.AppendOne(carry); carried++; }
            else already++;
        }
        var file = await session.LoadAsync<ReportFile>(ReportBuilder.FileId(agency, year), ct);
        var closedAt = file?.ClosedAt ?? clock.Now;
        if (file?.ClosedAt is null || carried > 0)
            session.Events.Append(ReportBuilder.FileId(agency, year), new YearClosed(year, carried, clock.Now));
        await session.SaveChangesAsync(ct);
        log.LogInformation("Year {Year} closed for {Agency}: {Carried} application(s) carried forward, {Already} already were", year, agency, carried, already);
        return new YearCloseResult(agency, year, carried, already, closedAt);
    }

    public async Task CloseEveryAgencyAsync(int year, CancellationToken ct)
    {
        List<string> agencies;
        await using (var query = store.QuerySession())
            agencies = (await query.Query<Agency>().Select(a => a.Id).ToListAsync(ct)).ToList();
        foreach (var agency in agencies) await CloseAsync(agency, year, ct);
    }
}

public static class CloseYearHandler
{
    /// <summary>Runs at 00:00 on 1 January in China: the year to close is the one that just ended.</summary>
    public static Task Handle(CloseYear _, YearEndWork work, BusinessClock clock, CancellationToken ct) =>
        work.CloseEveryAgencyAsync(clock.Today.Year - 1, ct);
}

public static class CloseYearEndpoint
{
    /// <summary>Runs the year-end close on demand for a past year (agencies starting mid-stream or importing history).</summary>
    [NonTransactional]
    [WolverinePost("/api/agencies/{agency}/years/{year}/close"), Authorize(Roles = Roles.Administering), Tags("Reports")]
    public static async Task<IResult> Post(string agency, int year, YearEndWork work, BusinessClock clock, CancellationToken ct)
    {
        if (year < ReportRequest.FirstYear) return Problems.ValidationResult(new Dictionary<string, string[]> { ["year"] = [$"From {ReportRequest.FirstYear}."] });
        if (year >= clock.Today.Year) return Problems.Conflict($"{year} has not ended yet (today is {clock.Today:yyyy-MM-dd}); it is closed on 1 January {year + 1}.");
        return Results.Ok(await work.CloseAsync(agency, year, ct));
    }
}
