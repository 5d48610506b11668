using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;

namespace Disclosure.Domain.Tests.Reporting;

/// <summary>
/// Table 三's applicant columns come from one definition, the applicant categories: the columns, their labels, the header
/// groups (自然人 alone, the others under 法人或其他组织), the tallies and the 总计 check all follow it.
/// </summary>
public class ReportColumnSpecs
{
    [Fact]
    public void The_columns_are_the_categories_in_their_order_then_the_total()
    {
        Assert.Equal([.. ApplicantCategories.All.Select(c => c.Code), "total"], ReportLayout.Columns);
        Assert.Equal([.. ApplicantCategories.All.Select(c => c.Label), "总计"], ReportLayout.ColumnLabels);
        Assert.Equal(ApplicantCategories.All.Count, ReportLayout.TotalColumn);
    }

    [Fact]
    public void The_header_groups_cover_every_category_once_in_column_order()
    {
        Assert.Equal(ApplicantCategories.All, ReportLayout.ColumnGroups.SelectMany(g => g.Categories));
        var (heading, categories) = Assert.Single(ReportLayout.ColumnGroups, g => g.Heading is null);
        Assert.Equal(ApplicantCategories.NaturalPerson, Assert.Single(categories).Code);
        Assert.Equal(ApplicantCategories.Organisations, Assert.Single(ReportLayout.ColumnGroups, g => g.Heading is not null).Heading);
    }

    [Fact]
    public void A_tally_has_a_cell_per_category_and_the_table_a_total_after_them()
    {
        var received = new ApplicationReceived(Guid.NewGuid(), "a", "A-1", "online",
            new Applicant(ApplicantCategories.All[^1].Code, "x", null, null, null, null), "d", null, new DateOnly(2025, 3, 3));
        var tally = new YearTally { Year = 2025 };
        Assert.Equal(ApplicantCategories.All.Count, tally.Received.Length);
        Assert.Equal(ApplicantCategories.All.Count, tally.CarriedForwardRecorded.Length);
        Assert.Equal(ApplicantCategories.All.Count - 1, YearTally.Column(received.Applicant.Category));

        tally.Received[YearTally.Column(received.Applicant.Category)]++;
        var table = AnnualReport.Applications(ReportLayout.Layout2021, 2025, [tally]);
        var row = table.Row(ReportLayout.Received).Values;
        Assert.Equal(ReportLayout.Columns.Count, row.Count);
        Assert.Equal(1, row[ApplicantCategories.All.Count - 1]);
        Assert.Equal(1, row[ReportLayout.TotalColumn]);
        Assert.All(AnnualReport.Check(ReportLayout.Layout2021, table, null, AnnualReport.Reviews(2025, [tally])).Where(c => c.Rule == "column_sum"), c => Assert.True(c.Ok, c.Detail));
    }
}
