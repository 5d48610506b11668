namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Business dates are China dates (UTC+8, no daylight saving): 00:30 on 1 January in Beijing is still
/// 31 December in UTC. Everything that asks "what day is it" asks this, so tests can move the clock.
/// </summary>
public sealed class BusinessClock(TimeProvider time)
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>China Standard Time; a fixed +08:00 zone where the tz database is missing (no daylight saving since 1991).</summary>
    public static readonly TimeZoneInfo ChinaTimeZone = FindChina();

    private static TimeZoneInfo FindChina()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", ChinaOffset, "China Standard Time", "CST");
        }
    }

    public DateTimeOffset Now => time.GetUtcNow().ToOffset(ChinaOffset);
    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);
}
