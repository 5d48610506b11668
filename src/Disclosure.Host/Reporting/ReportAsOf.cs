using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Agencies;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Reporting;

/// <summary>
/// 政府信息公开工作年度报告 as it stood at an instant: the tallies, the report file (table 二, narrative, publications) and the
/// mailbox figures replayed from the events recorded by then — the counting is the projections' own (<see cref="YearTally.Count"/>,
/// <see cref="ReportFile.Fold"/>, <see cref="LetterStatistics.Count"/>), only the events stop at the instant. For audits and
/// supervision (条例第四十七条): what the figures were when the report was published, or on the day an inspector asks about;
/// with <c>rollup=descendants</c> a parent agency's report as it stood, each agency below it replayed to the same instant.
/// </summary>
public static class ReportAsOf
{
    public sealed record Figures(DateTimeOffset At, IReadOnlyList<YearTally> Tallies, IReadOnlyList<ReportFile> Files, IReadOnlyList<LetterStatistics> Letters);

    [WolverineGet("/api/agencies/{agency}/reports/{year}/as-of", OperationId = "getReportAsOf", Summary = "某时的年度报告 · The annual report as it stood")]
    [Authorize(Roles = Roles.Reporting), Tags("Reports")]
    [ProducesResponseType<ReportView>(200)]
    public static async Task<IResult> Get(string agency, int year, HttpContext http, ReportBuilder builder, AgencyDirectory directory,
        BusinessClock clock, IDocumentStore store, CancellationToken ct, string? asOf = null, string? layout = null, string? format = null,
        string? rollup = null)
    {
        var errors = ReportRequest.Check(year, layout, clock);
        AsOf.Check(asOf, errors, required: true);
        if (rollup is not null and not "descendants") errors["rollup"] = ["The only roll-up is 'descendants'."];
        var at = AsOf.Parse(asOf);
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        var root = (await directory.FindAsync(agency, ct))!;
        IReadOnlyList<string> agencies = [agency];
        var name = root.Name;
        if (rollup == "descendants")
        {
            // the agencies below it today (the tree is reference data, not a case); each one's figures as they stood
            await using var reference = store.QuerySession();
            agencies = ReportBuilder.WithDescendants(agency, await reference.Query<Domain.Agencies.Agency>().ToListAsync(ct));
            name += "（含所属单位）";
        }
        var parts = new List<Figures>();
        foreach (var one in agencies)
        {
            await using var session = store.QuerySession(one);
            parts.Add(await ReplayAsync(session, year, at!.Value, ct));
        }
        var figures = new Figures(at!.Value, [.. parts.SelectMany(p => p.Tallies)], [.. parts.SelectMany(p => p.Files)], [.. parts.SelectMany(p => p.Letters)]);
        var title = $"{name}{year}年政府信息公开工作年度报告（截至{AsOf.Text(at.Value)}）";
        var report = await builder.BuildAsync(agencies, title, year, ReportRequest.Layout(year, layout), ct, figures);
        return ReportRequest.Render(report, format, http.Request);
    }

    /// <summary>The figures of the session's agency for <paramref name="year"/> (and the years before it, as the report reads them) at the instant.</summary>
    public static async Task<Figures> ReplayAsync(IQuerySession session, int year, DateTimeOffset at, CancellationToken ct)
    {
        var agency = session.TenantId;
        var tallies = new SortedDictionary<int, YearTally>();
        foreach (var e in await CaseReplay.EventsAsync<ICountedInReport>(session, at, ct))
            foreach (var y in YearTally.YearsOf(e.Data).Where(y => y <= year))
            {
                if (!tallies.TryGetValue(y, out var tally))
                    tallies[y] = tally = new YearTally { Id = YearTally.Key(agency, y), Agency = agency, Year = y };
                tally.Count(e.Data);
            }

        var fileEvents = await session.Events.FetchStreamAsync(ReportBuilder.FileId(agency, year), timestamp: AsOf.ForDatabase(at), token: ct);
        var files = new List<ReportFile>();
        if (fileEvents.Count > 0)
        {
            var file = new ReportFile { Id = ReportBuilder.FileId(agency, year), Agency = agency };
            foreach (var e in fileEvents) file.Fold(e.Data);
            files.Add(file);
        }

        var letters = new List<LetterStatistics>();
        foreach (var e in await CaseReplay.EventsAsync<ICountedInMailboxStatistics>(session, at, ct))
            if (LetterStatistics.YearOf(e.Data) == year)
            {
                if (letters.Count == 0) letters.Add(new LetterStatistics { Id = $"{agency}/{year}", Agency = agency, Year = year });
                letters[0].Count(e.Data);
            }
        return new Figures(at, tallies.Values.ToList(), files, letters);
    }
}
