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
        Gen.Select(Gen.Int[0, 365 * 4], Gen.Int[0, 5], Gen.Int[-30, 120].Select(x => x < 0 ? (int?)null : x), Gen.Int[0, 20], Gen.Int[0, 3], Gen.Int[-240, 60].Select(x => x < 0 ? (int?)null : x), Gen.Int[0, 20])
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
        var inColumn = cases.Where(c => column == 6 || c.Applicant.Category == Category[column]);
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
                    for (var col = 0; col < 7; col++)
                        Assert.True(Recount(cases, year, row.Code, col) == row.Values[col],
                            $"{year} {row.Code} col {col}: tally {row.Values[col]}, recount {Recount(cases, year, row.Code, col)}");
                var merged = AnnualReport.Applications(ReportLayout.Layout2019, year, tallies);
                Assert.Equal(table.Rows.Where(r => r.Code.StartsWith("other_")).Sum(r => r.Values[6]), merged.Row(ReportLayout.Other2019).Values[6]);
                previous = table;
            }
        }, iter: 300);
}
