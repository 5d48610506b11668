using CsCheck;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;

namespace Disclosure.Domain.Tests.Reporting;

/// <summary>
/// Random case histories over several years, counted the way the projection counts (event by event into
/// yearly tallies) and recounted directly from the cases by the rules of the format file.
/// </summary>
public class AnnualReportProperties
{
    private static readonly DateOnly First = new(2019, 1, 1);
    private static readonly string[] Outcome = Outcomes.All.Select(o => o.Code).ToArray();
    private static readonly string[] Category = ApplicantCategories.All.Select(c => c.Code).ToArray();

    /// <summary>One case: receipt day, category, and maybe an answer some days later, maybe corrected later still.</summary>
    private sealed record CaseSpec(int ReceivedDay, int Category, int? AnswerAfter, int Outcome, int Kind, int? CorrectAfter, int CorrectedOutcome);

    private static readonly Gen<CaseSpec> OneCase =
        Gen.Select(Gen.Int[0, 365 * 4], Gen.Int[0, Category.Length - 1], Gen.Int[-30, 120].Select(x => x < 0 ? (int?)null : x), Gen.Int[0, 20], Gen.Int[0, 3], Gen.Int[-240, 60].Select(x => x < 0 ? (int?)null : x), Gen.Int[0, 20])
            .Select((r, c, a, o, k, x, co) => new CaseSpec(r, c, a, o, k, x, co));

    private static List<object> Events(CaseSpec spec, int n)
    {
        var received = First.AddDays(spec.ReceivedDay);
        var category = Category[spec.Category];
        var events = new List<object>
        {
            new ApplicationReceived(Guid.NewGuid(), "a", $"A-{n}", "online", new Applicant(category, "x", null, null, null, null), "d", null, received),
        };
        if (spec.AnswerAfter is not { } after) return events;
        var answered = received.AddDays(after);
        events.Add(spec.Kind switch
        {
            0 => new ApplicationWithdrawn(answered, null, category),
            1 => new CorrectionLapsed(answered, "r", category),
            2 => new FeeLapsed(answered, "r", category),
            _ => new DecisionRecorded(answered, Outcome[spec.Outcome], null, category),
        });
        if (spec.Kind == 3 && spec.CorrectAfter is { } later)
        {
            var newDate = answered.AddDays(later - 30 < 0 ? 0 : later - 30);
            events.Add(new DecisionCorrected(answered.AddDays(later), Outcome[spec.Outcome], answered, Outcome[spec.CorrectedOutcome], newDate, "r", category));
        }
        return events;
    }

    /// <summary>The projection's way: each event into the tallies of the years it names.</summary>
    private static List<YearTally> Tally(IEnumerable<List<object>> cases)
    {
        var tallies = new Dictionary<int, YearTally>();
        foreach (var e in cases.SelectMany(c => c))
            foreach (var year in YearTally.YearsOf(e))
            {
                if (!tallies.TryGetValue(year, out var t)) tallies[year] = t = new YearTally { Agency = "a", Year = year };
                t.Count(e);
            }
        return tallies.Values.ToList();
    }

    /// <summary>The format file's rules applied to each case's final state.</summary>
    private static int Recount(IReadOnlyList<Application> cases, int year, string row, int column)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var inColumn = cases.Where(c => column == ReportLayout.TotalColumn || c.Applicant.Category == Category[column]);
        return row switch
        {
            ReportLayout.Received => inColumn.Count(c => c.ReceivedOn >= start && c.ReceivedOn <= end),
            ReportLayout.CarriedOver => inColumn.Count(c => c.ReceivedOn < start && (c.Answer is null || c.Answer.DecidedOn >= start)),
            ReportLayout.CarriedForward => inColumn.Count(c => c.ReceivedOn <= end && (c.Answer is null || c.Answer.DecidedOn > end)),
            ReportLayout.TotalHandled => inColumn.Count(c => c.Answer is { } a && a.DecidedOn >= start && a.DecidedOn <= end),
            _ => inColumn.Count(c => c.Answer is { } a && a.DecidedOn >= start && a.DecidedOn <= end
                                       && ReportLayout.Layout2021.Row(row)!.Outcomes.Contains(a.Outcome)),
        };
    }

    [Fact]
    public void Every_year_balances_carries_over_and_equals_a_direct_recount() =>
        OneCase.List[0, 60].Sample(specs =>
        {
            var histories = specs.Select(Events).ToList();
            var tallies = Tally(histories);
            var cases = histories.Select(h => Application.From(h)).ToList();
            ApplicationsTable? previous = null;
            for (var year = 2019; year <= 2023; year++)
            {
                var table = AnnualReport.Applications(ReportLayout.Layout2021, year, tallies);
                var checks = AnnualReport.Check(ReportLayout.Layout2021, table, previous, AnnualReport.Reviews(year, tallies));
                Assert.All(checks, c => Assert.True(c.Ok, $"{year}: {c.Detail}"));
                foreach (var row in table.Rows)
                    for (var col = 0; col < ReportLayout.Columns.Count; col++)
                        Assert.True(Recount(cases, year, row.Code, col) == row.Values[col],
                            $"{year} {row.Code} col {col}: tally {row.Values[col]}, recount {Recount(cases, year, row.Code, col)}");
                var merged = AnnualReport.Applications(ReportLayout.Layout2019, year, tallies);
                Assert.Equal(table.Rows.Where(r => r.Code.StartsWith("other_")).Sum(r => r.Values[ReportLayout.TotalColumn]), merged.Row(ReportLayout.Other2019).Values[ReportLayout.TotalColumn]);
                previous = table;
            }
        }, iter: 300);

    /// <summary>
    /// One case as it is recorded over time: received (perhaps logged late), maybe answered (perhaps recorded after the
    /// year-end close of the answer's year), maybe with its answer date corrected later — into or out of a closed year.
    /// </summary>
    private sealed record Timeline(int ReceivedDay, int Category, int LogDelay, int? AnswerAfter, int Outcome, int RecordDelay, int? CorrectAfter, int Shift, int CorrectedOutcome);

    private static readonly Gen<Timeline> OneTimeline =
        Gen.Select(Gen.Int[0, 365 * 3], Gen.Int[0, 5], Gen.Int[-20, 20].Select(x => Math.Max(0, x)), Gen.Int[-40, 200].Select(x => x < 0 ? (int?)null : x),
                Gen.Select(Gen.Int[0, 20], Gen.Int[0, 20]), Gen.Int[-30, 30].Select(x => Math.Max(0, x)), Gen.Int[-120, 120].Select(x => x < 0 ? (int?)null : x + 1), Gen.Int[-45, 45])
            .Select((r, c, l, a, o, d, x, sh) => new Timeline(r, c, l, a, o.Item1, d, x, sh, o.Item2));

    /// <summary>A step recorded on a day: the events it appends are decided then, with the years closed by then.</summary>
    private sealed record Recorded(DateOnly On, int Case, Func<Application, IReadOnlyList<int>, IReadOnlyList<object>> Step);

    [Fact]
    public void Closed_years_stay_true_and_every_cell_lists_exactly_the_cases_it_counts() =>
        OneTimeline.List[1, 40].Sample(specs =>
        {
            var steps = new List<Recorded>();
            for (var n = 0; n < specs.Count; n++)
            {
                var t = specs[n];
                var received = First.AddDays(t.ReceivedDay);
                var category = Category[t.Category];
                var intake = new ApplicationReceived(Guid.NewGuid(), "a", $"A-{n}", "online", new Applicant(category, "x", null, null, null, null), "d", null, received);
                steps.Add(new(received.AddDays(t.LogDelay), n, (_, _) => [intake]));
                if (t.AnswerAfter is not { } after) continue;
                var answered = received.AddDays(after);
                var decision = new DecisionRecorded(answered, Outcome[t.Outcome], null, category);
                var decisionRecorded = Later(answered.AddDays(t.RecordDelay), received.AddDays(t.LogDelay));
                steps.Add(new(decisionRecorded, n, (_, _) => [decision]));
                if (t.CorrectAfter is not { } correctAfter) continue;
                var correctedOn = answered.AddDays(correctAfter);
                var newDate = answered.AddDays(t.Shift);
                if (newDate < received) newDate = received;
                if (newDate > correctedOn) newDate = correctedOn;
                steps.Add(new(Later(correctedOn, decisionRecorded), n, (app, _) =>
                    newDate == app.Answer!.DecidedOn && Outcome[t.CorrectedOutcome] == app.Answer.Outcome
                        ? []
                        : [new DecisionCorrected(correctedOn, app.Answer.Outcome, app.Answer.DecidedOn, Outcome[t.CorrectedOutcome], newDate, "r", category)]));
            }

            // replay in the order things were recorded; each 1 January closes the year that ended
            var histories = specs.Select(_ => new List<object>()).ToList();
            var closed = new List<int>();
            var lastDay = steps.Max(s => s.On);
            var ordered = steps.OrderBy(s => s.On).ToList();
            var next = 0;
            for (var day = First; day <= lastDay; day = day.AddDays(1))
            {
                if (day is { Month: 1, Day: 1 } && day > First)
                {
                    var year = day.Year - 1;
                    foreach (var history in histories.Where(h => h.Count > 0))
                        if (YearEnd.Close(Application.From(history), year) is { } carried) history.Add(carried);
                    closed.Add(year);
                }
                for (; next < ordered.Count && ordered[next].On == day; next++)
                {
                    var history = histories[ordered[next].Case];
                    var events = ordered[next].Step(Application.From(history), closed);
                    if (events.Count == 0) continue;
                    history.AddRange(YearEnd.Reconcile(Application.From(history.Concat(events)), events, closed));
                }
            }

            var tallies = Tally(histories);
            ApplicationsTable? previous = null;
            for (var year = First.Year; year <= lastDay.Year; year++)
            {
                var table = AnnualReport.Applications(ReportLayout.Layout2021, year, tallies);
                var checks = AnnualReport.Check(ReportLayout.Layout2021, table, previous, AnnualReport.Reviews(year, tallies))
                    .Append(AnnualReport.CarryForwardCheck(table, year, closed.Contains(year), tallies));
                Assert.All(checks, c => Assert.True(c.Ok, $"{year}: {c.Rule} {c.Detail}"));
                var perCase = histories.Where(h => h.Count > 0).Select(h => CaseContribution.Of(h, ReportLayout.Layout2021, year)).ToList();
                var open = histories.Where(h => h.Count > 0).Select(h => Application.From(h).IsOpen).ToList();
                foreach (var row in table.Rows)
                    for (var col = 0; col < ReportLayout.Columns.Count; col++)
                    {
                        var contributions = perCase.Select(c => c.Row(row.Code).Values[col]).ToList();
                        Assert.All(contributions, c => Assert.InRange(c, 0, 1));
                        Assert.True(contributions.Sum() == row.Values[col], $"{year} {row.Code} col {col}: cell {row.Values[col]}, drill-down {contributions.Sum()}");
                        // the drill-down behind an outcome figure leaves the open cases out: none of them counts there
                        if (ReportLayout.CountsClosedCasesOnly(ReportLayout.Layout2021.Row(row.Code)!))
                            Assert.True(contributions.Where((_, i) => open[i]).All(c => c == 0), $"{year} {row.Code} col {col}: an open case counts");
                    }
                previous = table;
            }
        }, iter: 200);

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
