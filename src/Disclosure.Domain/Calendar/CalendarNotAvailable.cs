namespace Disclosure.Domain.Calendar;

/// <summary>
/// Raised when a period would run into a year for which no holiday notice is loaded: the
/// working days of that year are not known yet, so no date can be promised.
/// </summary>
public sealed class CalendarNotAvailable(int year)
    : Exception($"No holiday notice is loaded for {year}: working days in {year} are unknown. Load the State Council notice for {year} (PUT /api/calendar/{year}).")
{
    public int Year { get; } = year;
}
