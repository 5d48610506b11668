namespace Disclosure.Domain.Calendar;

/// <summary>
/// One year's State Council holiday arrangement (国务院办公厅关于某年部分节假日安排的通知).
/// A notice for year N may also list the last days of N-1 (the 2019 notice covers 2018-12-30/31).
/// </summary>
public sealed record HolidayNotice(int Year, string Notice, IReadOnlyList<DateOnly> Off, IReadOnlyList<DateOnly> MakeupWorkdays)
{
    /// <summary>Field errors for a notice about to be loaded; empty when it is acceptable.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Year is < 2000 or > 2100) errors["year"] = ["The year must be between 2000 and 2100."];
        if (string.IsNullOrWhiteSpace(Notice)) errors["notice"] = ["Name the notice (e.g. 国办发明电〔2025〕7号)."];
        var outside = Off.Concat(MakeupWorkdays).Where(d => d.Year != Year && d.Year != Year - 1 && d.Year != Year + 1).ToList();
        if (outside.Count > 0) errors["off"] = [$"Dates must fall in {Year} or next to it: {string.Join(", ", outside.Select(d => d.ToString("yyyy-MM-dd")))}."];
        var weekdayMakeups = MakeupWorkdays.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        if (weekdayMakeups.Count > 0) errors["makeupWorkdays"] = [$"Make-up working days (调休上班) are weekend days; these are not: {string.Join(", ", weekdayMakeups.Select(d => d.ToString("yyyy-MM-dd")))}."];
        var both = Off.Intersect(MakeupWorkdays).ToList();
        if (both.Count > 0) errors["off"] = [$"A day cannot be both off and a make-up working day: {string.Join(", ", both.Select(d => d.ToString("yyyy-MM-dd")))}."];
        return errors;
    }
}
