using Disclosure.Host.Infrastructure;

namespace Disclosure.Host.Deadlines;

/// <summary>
/// When the check of a case runs: at 00:05 China time on the earliest day something may fall due. Days already past are
/// checked at the next 00:05, never at once — clerks record steps after the fact, and a case must not lapse between two
/// of their entries. Only the earliest alarm is scheduled; the check that runs then schedules the next one.
/// </summary>
public sealed class DeadlineAlarms(BusinessClock clock)
{
    public static readonly TimeOnly CheckTime = new(0, 5);

    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(CheckTime), BusinessClock.ChinaOffset);

    /// <summary>
    /// The business time of the next check and the delay until then (scheduled as a delay from the business clock's now,
    /// which is the wall clock except in tests); null when nothing can fall due.
    /// </summary>
    /// <param name="onlyAhead">A check that just ran: only days still ahead count.</param>
    public (DateTimeOffset At, TimeSpan Delay)? Next(IReadOnlyList<DateOnly> days, bool onlyAhead)
    {
        var now = clock.Now;
        var candidates = days.Where(d => !onlyAhead || At(d) > now).Select(d => At(d) > now ? At(d) : At(clock.Today.AddDays(1))).ToList();
        if (candidates.Count == 0) return null;
        var when = candidates.Min();
        return (when, when - now);
    }
}
