using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Disclosure.Domain.Calendar;

/// <summary>
/// Working days (工作日): Monday–Friday outside the holiday breaks, plus the weekend make-up days
/// (调休上班) of the State Council's yearly notices. Immutable: a corrected notice yields a new calendar.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly FrozenSet<DateOnly> _off;
    private readonly FrozenSet<DateOnly> _makeup;

    public WorkingDayCalendar(IEnumerable<HolidayNotice> notices)
    {
        Notices = notices.GroupBy(n => n.Year).Select(g => g.Last()).OrderBy(n => n.Year).ToList();
        _off = Notices.SelectMany(n => n.Off).ToFrozenSet();
        _makeup = Notices.SelectMany(n => n.MakeupWorkdays).ToFrozenSet();
        Years = Notices.Select(n => n.Year).ToFrozenSet();
    }

    public IReadOnlyList<HolidayNotice> Notices { get; }
    public IReadOnlySet<int> Years { get; }

    public HolidayNotice? NoticeFor(int year) => Notices.FirstOrDefault(n => n.Year == year);

    /// <summary>The same calendar with one year's notice loaded or replaced.</summary>
    public WorkingDayCalendar With(HolidayNotice notice) =>
        new(Notices.Where(n => n.Year != notice.Year).Append(notice));

    public bool Covers(int year) => Years.Contains(year);

    public bool IsWorkingDay(DateOnly day)
    {
        if (!Covers(day.Year)) throw new CalendarNotAvailable(day.Year);
        if (_makeup.Contains(day)) return true;
        if (_off.Contains(day)) return false;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The date on which a period of <paramref name="workingDays"/> working days ends, counted from the
    /// day after <paramref name="start"/> (the starting day itself is not counted).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }

    /// <summary>The working day <paramref name="workingDays"/> working days before <paramref name="end"/> (for reminders).</summary>
    public DateOnly SubtractWorkingDays(DateOnly end, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = end;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(-1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }

    /// <summary>Working days in the half-open range (after, upTo]: days after <paramref name="after"/>, up to and including <paramref name="upTo"/>.</summary>
    public IEnumerable<DateOnly> WorkingDaysBetween(DateOnly after, DateOnly upTo)
    {
        for (var day = after.AddDays(1); day <= upTo; day = day.AddDays(1))
            if (IsWorkingDay(day)) yield return day;
    }

    public int CountWorkingDays(DateOnly after, DateOnly upTo) => WorkingDaysBetween(after, upTo).Count();

    /// <summary>The official data shipped with the product (cn-holidays.json, notices 2018–2026).</summary>
    public static WorkingDayCalendar Official { get; } = new(LoadShipped());

    public static IReadOnlyList<HolidayNotice> LoadShipped()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream("cn-holidays.json")
            ?? throw new InvalidOperationException("cn-holidays.json is not embedded in Disclosure.Domain");
        return Parse(stream);
    }

    public static IReadOnlyList<HolidayNotice> Parse(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var notices = new List<HolidayNotice>();
        foreach (var year in doc.RootElement.GetProperty("years").EnumerateObject())
        {
            notices.Add(new HolidayNotice(
                int.Parse(year.Name),
                year.Value.GetProperty("notice").GetString() ?? "",
                Dates(year.Value, "off"),
                Dates(year.Value, "makeup_workdays")));
        }
        return notices;

        static List<DateOnly> Dates(JsonElement e, string name) =>
            e.TryGetProperty(name, out var arr)
                ? arr.EnumerateArray().Select(d => DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd")).ToList()
                : [];
    }
}
