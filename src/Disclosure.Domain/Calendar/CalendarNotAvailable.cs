namespace Disclosure.Domain.Calendar;

/// <summary>
/// Raised when a period would run into a year for which no holiday notice is loaded: the
/// working days of that year are not known yet, so no date can be promised.
/// </summary>
public sealed class CalendarNotAvailable(int year)
    : Exception($"No holiday notice is loaded for {year}: working days in {year} are unknown. Load the State Council notice for {year} (PUT /api/calendar/{year}).")
{
    public int Year { get; } = year;

    /// <summary>What a clerk reads where a date or a count cannot be given (the case page's 期限计算, the worklist).</summary>
    public string Explanation => $"尚未载入 {Year} 年节假日安排通知，无法计算 {Year} 年的工作日；载入后自动重新计算";
}
