using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Reporting;

/// <summary>
/// What one case contributes to the report of a year: its own events counted by exactly the code that keeps the yearly
/// tallies (<see cref="YearTally.YearsOf"/>, <see cref="YearTally.Count"/>) and turned into table 三 by exactly the code
/// that builds the report (<see cref="AnnualReport.Applications"/>). Every figure of table 三 is a sum of tally counts,
/// so a cell of the report is the sum of the cases' contributions: the drill-down behind a cell lists exactly the cases
/// the tally counted.
/// </summary>
public static class CaseContribution
{
    public static ApplicationsTable Of(IEnumerable<object> caseEvents, ReportLayout layout, int year) =>
        AnnualReport.Applications(layout, year, Tallies(caseEvents));

    /// <summary>What the case contributes to table 四 of a year, by the code that builds the report.</summary>
    public static ReviewsTable ReviewsOf(IEnumerable<object> caseEvents, int year) => AnnualReport.Reviews(year, Tallies(caseEvents));

    /// <summary>How many times the case counts in one of the 15 figures of table 四.</summary>
    public static int InReviewCell(IEnumerable<object> caseEvents, int year, int index) => ReviewsOf(caseEvents, year).Values[index];

    private static IReadOnlyCollection<YearTally> Tallies(IEnumerable<object> caseEvents)
    {
        var tallies = new Dictionary<int, YearTally>();
        foreach (var e in caseEvents)
            foreach (var y in YearTally.YearsOf(e))
            {
                if (!tallies.TryGetValue(y, out var tally)) tallies[y] = tally = new YearTally { Year = y };
                tally.Count(e);
            }
        return tallies.Values;
    }

    /// <summary>How many times the case counts in one cell (0 or 1 for a consistent history).</summary>
    public static int InCell(IEnumerable<object> caseEvents, ReportLayout layout, int year, string row, int column) =>
        Of(caseEvents, layout, year).Row(row).Values[column];
}
