namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Business dates are China dates (UTC+8, no daylight saving): 00:30 on 1 January in Beijing is still
/// 31 December in UTC. Everything that asks "what day is it" asks this, so tests can move the clock.
/// </summary>
public sealed class BusinessClock(TimeProvider time)
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public DateTimeOffset Now => time.GetUtcNow().ToOffset(ChinaOffset);
    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);
}
