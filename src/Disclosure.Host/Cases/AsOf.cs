using System.Globalization;
using Disclosure.Host.Infrastructure;

namespace Disclosure.Host.Cases;

/// <summary>
/// The instant a file is read "as it stood" (<c>?asOf=</c>): an ISO 8601 instant with its offset
/// (<c>2025-03-05T14:30:00+08:00</c>, <c>2025-03-05T06:30:00Z</c>) or a China date (<c>2025-03-05</c>), which means the end of
/// that day in Beijing — everything recorded that day counts. Recording times are the database's (UTC, microseconds):
/// an instant takes in every event recorded at or before it, and the events of one transaction together (they share it).
/// </summary>
public static class AsOf
{
    public const string Field = "asOf";

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    /// <summary>The instant the text names; null when it names none (<see cref="Check"/> says why).</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (text is null) return null;
        text = text.Trim();
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day.Year is < 2008 or > 2100 ? null : EndOf(day);
        // an instant must say where it is: a time without an offset is ambiguous (Beijing? UTC?)
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"T.*[+-]\d{2}:?\d{2}$");
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return null;
        return at.Year is < 2008 or > 2100 ? null : at;
    }

    /// <summary>The field error of <c>asOf</c>, if any (null text: none unless <paramref name="required"/>).</summary>
    public static void Check(string? text, IDictionary<string, string[]> errors, bool required)
    {
        if (text is null)
        {
            if (required) errors[Field] = ["Required: an instant with its offset (2025-03-05T14:30:00+08:00) or a date (2025-03-05)."];
        }
        else if (Parse(text) is null)
            errors[Field] = ["An instant with its offset (2025-03-05T14:30:00+08:00 or 2025-03-05T06:30:00Z) or a date (2025-03-05, the end of that day in Beijing), between 2008 and 2100."];
    }

    /// <summary>The 400 answer when <c>asOf</c> is missing or names no instant; null when it names one.</summary>
    public static IResult? Required(string? text)
    {
        var errors = new Dictionary<string, string[]>();
        Check(text, errors, required: true);
        return errors.Count == 0 ? null : Problems.ValidationResult(errors);
    }

    /// <summary>The last microsecond of a China day (PostgreSQL keeps microseconds: the next tick would round into the next day).</summary>
    public static DateTimeOffset EndOf(DateOnly day) =>
        new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), BusinessClock.ChinaOffset).AddTicks(-TimeSpan.TicksPerMicrosecond);

    /// <summary>The business day at the instant (China time): what "today" was for the clock and "overdue" then.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(BusinessClock.ChinaOffset).DateTime);

    /// <summary>The instant as PostgreSQL compares it (UTC, whole microseconds).</summary>
    public static DateTimeOffset ForDatabase(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>How the console and the printed file say the instant: Beijing time to the second.</summary>
    public static string Text(DateTimeOffset at) => at.ToOffset(BusinessClock.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "（北京时间）";
}
