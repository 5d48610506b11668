using Disclosure.Domain.Calendar;

namespace Disclosure.Domain.Tests.Calendar;

public class WorkingDayCalendarSpecs
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Theory]
    [InlineData("2024-10-01", false)] // National Day break
    [InlineData("2024-10-08", true)]
    [InlineData("2024-10-12", true)]  // Saturday make-up day (调休上班)
    [InlineData("2024-10-13", false)] // ordinary Sunday
    [InlineData("2025-01-26", true)]  // Sunday make-up before Spring Festival
    [InlineData("2025-01-28", false)] // Spring Festival eve, off in the 2025 notice
    [InlineData("2018-12-31", false)] // listed by the 2019 notice, inside 2018
    [InlineData("2018-12-29", true)]  // Saturday make-up day, also from the 2019 notice
    public void Knows_holidays_and_make_up_days(string day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(D(day)));

    [Theory]
    [InlineData("2024-09-27", 20, "2024-10-30")] // across National Day with two make-up days
    [InlineData("2025-01-20", 20, "2025-02-21")] // across Spring Festival
    [InlineData("2019-12-31", 20, "2020-02-05")] // across New Year into the 2020 notice
    [InlineData("2025-03-03", 0, "2025-03-03")]
    // one period across a break of each shipped notice, counted independently of this code (a separate count over cn-holidays.json)
    [InlineData("2018-09-25", 20, "2018-10-26")] // 2018 National Day, make-up 09-29/30 (国办发明电〔2017〕12号)
    [InlineData("2019-04-26", 20, "2019-05-27")] // 2019 May Day
    [InlineData("2020-09-28", 20, "2020-11-02")] // 2020 National Day with Mid-Autumn, make-up 09-27 and 10-10
    [InlineData("2021-02-05", 20, "2021-03-10")] // 2021 Spring Festival, make-up 02-07 and 02-20
    [InlineData("2022-04-29", 20, "2022-05-31")] // 2022 May Day, make-up 04-24 and 05-07
    [InlineData("2023-09-27", 20, "2023-10-31")] // 2023 Mid-Autumn and National Day, make-up 10-07/08
    [InlineData("2024-04-30", 20, "2024-05-30")] // 2024 May Day
    [InlineData("2025-09-26", 20, "2025-10-30")] // 2025 National Day with Mid-Autumn
    [InlineData("2026-02-13", 20, "2026-03-19")] // 2026 Spring Festival, make-up 02-14 and 02-28 (国办发明电〔2025〕7号)
    public void Counts_working_days_from_the_day_after(string start, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(start), days));

    [Fact]
    public void Refuses_to_count_into_a_year_without_a_notice_and_names_it()
    {
        var gap = Assert.Throws<CalendarNotAvailable>(() => Calendar.AddWorkingDays(D("2026-12-10"), 20));
        Assert.Equal(2027, gap.Year);
        Assert.Contains("2027", gap.Message);
    }

    [Fact]
    public void A_loaded_notice_replaces_the_shipped_one_for_its_year()
    {
        var corrected = Calendar.With(new HolidayNotice(2024, "test", [D("2024-10-30")], []));
        Assert.False(corrected.IsWorkingDay(D("2024-10-30")));
        Assert.True(corrected.IsWorkingDay(D("2024-10-01"))); // the 2024 break is gone with the replaced notice
        Assert.True(Calendar.IsWorkingDay(D("2024-10-30")));  // calendars are immutable
    }

    [Fact]
    public void Ships_every_notice_from_2018_to_2026() =>
        Assert.Equal(Enumerable.Range(2018, 9), Calendar.Years.Order());

    [Fact]
    public void A_notice_naming_a_weekday_as_make_up_day_is_invalid()
    {
        var errors = new HolidayNotice(2027, "x", [], [D("2027-01-04")]).Validate();
        Assert.Contains("makeupWorkdays", errors.Keys);
    }
}
