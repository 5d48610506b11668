using Disclosure.Domain.Reporting;

namespace Disclosure.Domain.Tests.Reporting;

/// <summary>Filing the annual report (条例第五十条): after the year, never in the future, never with figures still catching up.</summary>
public class ReportPublicationSpecs
{
    private static readonly DateOnly Today = new(2026, 1, 20);
    private static readonly DateTimeOffset Now = new(2026, 1, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly ReportTables Tables = new([],
        AnnualReport.Applications(ReportLayout.ForYear(2025), 2025, []), AnnualReport.Reviews(2025, []));

    private static ReportPublished Publish(DateOnly on, bool stale = false) =>
        ReportPublication.Publish(2025, on, Today, "2021", Tables, 12, stale, Now);

    [Fact]
    public void A_report_published_after_its_year_is_filed_with_the_figures_as_counted()
    {
        var filed = Publish(new DateOnly(2026, 1, 15));
        Assert.Equal(new ReportPublished(2025, "2021", new DateOnly(2026, 1, 15), Tables, 12, Now), filed);
    }

    [Fact]
    public void It_may_be_published_today()
    {
        Assert.Null(ReportPublication.DateProblem(2025, Today, Today));
        Assert.Equal(Today, Publish(Today).PublishedOn);
    }

    [Theory]
    [InlineData("2025-12-31")]
    [InlineData("2025-06-01")]
    public void A_report_published_within_its_own_year_is_refused(string on)
    {
        var refusal = Assert.Throws<Refusal>(() => Publish(DateOnly.Parse(on)));
        Assert.Equal((RefusalKind.Invalid, "publishedOn", "A 2025 report is published after the year ends."), (refusal.Kind, refusal.Field, refusal.Message));
    }

    [Fact]
    public void A_report_cannot_be_published_in_the_future()
    {
        var refusal = Assert.Throws<Refusal>(() => Publish(Today.AddDays(1)));
        Assert.Equal((RefusalKind.Invalid, "publishedOn", "A report cannot be published in the future."), (refusal.Kind, refusal.Field, refusal.Message));
    }

    [Fact]
    public void A_day_both_in_the_future_and_within_the_year_names_the_year()
    {
        // a 2026 report "published" on 2026-02-01 while today is 2026-01-20
        Assert.Equal("A 2026 report is published after the year ends.", ReportPublication.DateProblem(2026, new DateOnly(2026, 2, 1), Today)?.Message);
    }

    [Fact]
    public void Figures_still_catching_up_with_the_records_are_not_filed()
    {
        var refusal = Assert.Throws<Refusal>(() => Publish(Today, stale: true));
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal("The statistics are still catching up with the latest records; publish again in a moment so the filed figures are complete.", refusal.Message);
    }
}
