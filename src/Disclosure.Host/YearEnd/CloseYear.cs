using Disclosure.Domain;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Agencies;
using Disclosure.Host.Cases;
using Disclosure.Host.Cluster;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Reporting;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.YearEnd;

/// <summary>The year-end close of the year that just ended, for every agency (recurring: 1 January 00:00 China time).</summary>
public sealed record CloseYear;

public sealed record YearCloseResult(string Agency, int Year, int Carried, int AlreadyCarried, DateTimeOffset ClosedAt);

/// <summary>结转下年度继续办理: one case's carry-forward out of <paramref name="Year"/>, by the rule in <see cref="Domain.Applications.YearEnd"/>.</summary>
public sealed record CarryForward(int Year) : ApplicationCommand
{
    public override bool BySystem => true;

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        Domain.Applications.YearEnd.Close(current, Year) is { } carried ? [carried] : [];
}

/// <summary>
/// The close as a fact on each case: every application open on 31 December gets a <c>carried_forward</c> event through the
/// write path; then the year is marked closed for the agency (<c>year_closed</c>), from which on the write path keeps the
/// carry-forward records true whatever is recorded later. Running it twice, or after a restart, adds nothing.
/// </summary>
public sealed class YearEndWork(IDocumentStore store, ReferenceWrites writes, BusinessClock clock, ILogger<YearEndWork> log)
{
    public async Task<YearCloseResult> CloseAsync(string agency, int year, IMessageBus bus, CancellationToken ct)
    {
        var end = new DateOnly(year, 12, 31);
        List<Guid> candidates;
        ReportFile? file;
        await using (var query = store.QuerySession(agency))
        {
            // candidates only (received by 31 December, no answer by then): the rule itself decides on each case
            candidates = (await query.Query<Application>().Where(a => a.ReceivedOn <= end && (a.Answer == null || a.Answer.DecidedOn > end))
                .Select(a => a.Id).ToListAsync(ct)).ToList();
            file = await query.LoadAsync<ReportFile>(ReportBuilder.FileId(agency, year), ct);
        }
        int carried = 0, already = 0;
        foreach (var id in candidates)
        {
            var answer = await bus.SendAsync(agency, new CarryForward(year) { Case = id.ToString() }, ct);
            if (answer.Outcome == CaseOutcome.Changed) carried++;
            else already++;
        }
        var closedAt = file?.ClosedAt ?? clock.Now;
        if (file?.ClosedAt is null || carried > 0) // every node forgets the agency's closed years when this commits
            await writes.RecordAsync(ReferenceStream.OfReportFile(agency, year), Actor.System, [new YearClosed(year, carried, clock.Now)], ct);
        log.LogInformation("Year {Year} closed for {Agency}: {Carried} application(s) carried forward, {Already} already were", year, agency, carried, already);
        return new YearCloseResult(agency, year, carried, already, closedAt);
    }

    public async Task CloseEveryAgencyAsync(int year, IMessageBus bus, CancellationToken ct)
    {
        List<string> ids;
        await using (var query = store.QuerySession())
            ids = (await query.Query<Agency>().Select(a => a.Id).ToListAsync(ct)).ToList();
        foreach (var agency in ids) await CloseAsync(agency, year, bus, ct);
    }
}

public static class CloseYearHandler
{
    /// <summary>Runs at 00:00 on 1 January in China: the year to close is the one that just ended.</summary>
    public static Task Handle(CloseYear _, YearEndWork work, BusinessClock clock, IMessageBus bus, CancellationToken ct) =>
        work.CloseEveryAgencyAsync(clock.Today.Year - 1, bus, ct);
}

public static class CloseYearEndpoint
{
    /// <summary>Runs the year-end close on demand for a past year (agencies starting mid-stream or importing history).</summary>
    [WolverinePost("/api/agencies/{agency}/years/{year}/close", OperationId = "closeYear", Summary = "年末结转 · Close a year")]
    [Authorize(Roles = Roles.Administering), Tags("Reports")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<YearCloseResult>(200)]
    public static async Task<IResult> Post(string agency, int year, YearEndWork work, BusinessClock clock, IMessageBus bus, CancellationToken ct)
    {
        if (year < ReportRequest.FirstYear) return Problems.ValidationResult(new Dictionary<string, string[]> { ["year"] = [$"From {ReportRequest.FirstYear}."] });
        if (year >= clock.Today.Year) return Problems.Conflict($"{year} has not ended yet (today is {clock.Today:yyyy-MM-dd}); it is closed on 1 January {year + 1}.");
        return Results.Ok(await work.CloseAsync(agency, year, bus, ct));
    }
}
