namespace Disclosure.Host.Infrastructure;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>
/// How far ahead a worklist looks: the cases whose reminder of <c>days</c> working days has begun
/// (<see cref="Domain.Deadlines.DueSoonUntil"/>, the reminders' own rule), refused (naming the year) past the calendar.
/// </summary>
public static class WorklistHorizon
{
    public static (DateOnly Until, IResult? Problem) From(Domain.Calendar.WorkingDayCalendar calendar, DateOnly today, int days)
    {
        if (days is < 0 or > 60) return (today, Problems.ValidationResult(new Dictionary<string, string[]> { ["days"] = ["0 to 60 working days."] }));
        try { return (Domain.Deadlines.DueSoonUntil(today, calendar, days), null); }
        catch (Domain.Calendar.CalendarNotAvailable gap) { return (today, Problems.ValidationResult(new Dictionary<string, string[]> { ["days"] = [gap.Message] })); }
    }
}

/// <summary>The paging rules every list shares.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;
    /// <summary>Deep enough for any list a person pages through; a bound keeps the offset an integer.</summary>
    public const int MaxPage = 10_000;

    public static Dictionary<string, string[]> Check(int page, int pageSize, string? status = null, IReadOnlyList<Domain.Term>? statuses = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && statuses is not null && !statuses.Any(s => s.Code == status))
            errors["status"] = [$"Unknown status '{status}'. Allowed: {string.Join(", ", statuses.Select(s => s.Code))}."];
        if (page is < 1 or > MaxPage) errors["page"] = [$"1 to {MaxPage:N0}."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"1 to {MaxPageSize}."];
        return errors;
    }
}
