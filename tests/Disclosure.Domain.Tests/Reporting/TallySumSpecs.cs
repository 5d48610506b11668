using System.Text.Json;
using CsCheck;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;

namespace Disclosure.Domain.Tests.Reporting;

/// <summary>
/// A roll-up (#25) sums its agencies' tallies per year before building the tables, and reads them with its own JSON reader:
/// both must give exactly the report the agencies' tallies give one by one.
/// </summary>
public class TallySumSpecs
{
    private static readonly string[] Outcome = Outcomes.All.Select(o => o.Code).ToArray();
    private static readonly string[] ReviewKind = ReportLayout.ReviewGroups.Select(g => g.Kind).ToArray();
    private static readonly JsonSerializerOptions Stored = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }; // the store's casing

    /// <summary>Several agencies' tallies of 2019–2023, every figure random (negative cells too: a correction moves counts out).</summary>
    private static List<YearTally> Tallies(int seed)
    {
        var random = new Random(seed);
        var list = new List<YearTally>();
        int[] Cells(int n) => Enumerable.Range(0, n).Select(_ => random.Next(-2, 30)).ToArray();
        var agencies = random.Next(1, 8);
        for (var agency = 0; agency < agencies; agency++)
            for (var year = 2019; year <= 2023; year++)
            {
                if (random.Next(4) == 0) continue; // an agency without a tally that year
                var tally = new YearTally { Id = $"a{agency}/{year}", Agency = $"a{agency}", Year = year, Received = Cells(ApplicantCategories.All.Count), CarriedForwardRecorded = Cells(ApplicantCategories.All.Count) };
                foreach (var outcome in Outcome.Where(_ => random.Next(3) == 0)) tally.Answered[outcome] = Cells(ApplicantCategories.All.Count);
                foreach (var kind in ReviewKind.Where(_ => random.Next(2) == 0)) tally.Reviews[kind] = Cells(4);
                tally.Fees = new FeeFigures { Notices = random.Next(5), NoticedYuan = random.Next(0, 100000) / 100m, Paid = random.Next(5), PaidYuan = random.Next(0, 100000) / 100m };
                list.Add(tally);
            }
        return list;
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, Stored);

    [Fact]
    public void The_tables_of_the_tallies_summed_per_year_are_the_tables_of_the_tallies_one_by_one() =>
        Gen.Int.Sample(seed =>
        {
            var tallies = Tallies(seed);
            var summed = YearTally.SumByYear(tallies);
            Assert.Equal(summed.Select(t => t.Year).Distinct().Count(), summed.Count);
            foreach (var layout in new[] { ReportLayout.Layout2019, ReportLayout.Layout2021 })
                for (var year = 2019; year <= 2024; year++)
                {
                    var table = AnnualReport.Applications(layout, year, tallies);
                    Assert.Equal(Json(table), Json(AnnualReport.Applications(layout, year, summed)));
                    var reviews = AnnualReport.Reviews(year, tallies);
                    Assert.Equal(Json(reviews), Json(AnnualReport.Reviews(year, summed)));
                    var previous = AnnualReport.Applications(layout, year - 1, tallies);
                    Assert.Equal(Json(AnnualReport.Check(layout, table, previous, reviews)), Json(AnnualReport.Check(layout, table, AnnualReport.Applications(layout, year - 1, summed), reviews)));
                    Assert.Equal(Json(AnnualReport.CarryForwardCheck(table, year, true, tallies)), Json(AnnualReport.CarryForwardCheck(table, year, true, summed)));
                    Assert.Equal(Json(FeeFigures.Sum(tallies.Where(t => t.Year == year).Select(t => t.Fees))), Json(FeeFigures.Sum(summed.Where(t => t.Year == year).Select(t => t.Fees))));
                }
        }, iter: 200);

    [Fact]
    public void A_tally_read_from_its_stored_json_is_the_tally() =>
        Gen.Int.Sample(seed =>
        {
            foreach (var tally in Tallies(seed))
            {
                var stored = JsonSerializer.SerializeToUtf8Bytes(tally, Stored);
                Assert.Equal(Json(tally), Json(YearTally.FromJson(stored)));
            }
        }, iter: 100);

    [Fact]
    public void An_array_longer_than_a_row_is_read_whole()
    {
        var cells = Enumerable.Range(1, 40).ToArray();
        Assert.Equal(cells, YearTally.FromJson(JsonSerializer.SerializeToUtf8Bytes(new { year = 2023, received = cells }, Stored)).Received);
    }

    [Fact]
    public void A_property_the_reader_does_not_know_fails_rather_than_dropping_a_figure()
    {
        Assert.Throws<JsonException>(() => YearTally.FromJson("""{"id":"a/2023","year":2023,"agency":"a","received":[1,0,0,0,0,0],"appealed":[1]}"""u8));
        Assert.Throws<JsonException>(() => YearTally.FromJson("""{"year":2023,"fees":{"notices":1,"waived":2}}"""u8));
    }
}
