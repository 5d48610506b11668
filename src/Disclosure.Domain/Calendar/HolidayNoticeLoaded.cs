namespace Disclosure.Domain.Calendar;

/// <summary>An administrator loaded or corrected a year's holiday notice; it overrides the shipped data.</summary>
[StoredName(EventNames.HolidayNoticeLoaded)]
public sealed record HolidayNoticeLoaded(int Year, string Notice, IReadOnlyList<DateOnly> Off, IReadOnlyList<DateOnly> MakeupWorkdays, string Reason, DateTimeOffset LoadedAt)
{
    public HolidayNotice ToNotice() => new(Year, Notice, Off, MakeupWorkdays);
}
