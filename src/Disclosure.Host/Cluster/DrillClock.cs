using System.Globalization;

namespace Disclosure.Host.Cluster;

/// <summary>
/// The business clock of a drill: every node of a drill (ops/chaos --nodes) runs on the same moved clock, so that
/// deadline checks fall due within minutes — <c>Clock:Drill:BusinessTime</c> is the business time at the wall-clock
/// instant <c>Clock:Drill:At</c>, and time runs on from there. Refused in Production: a moved clock lapses real cases.
/// Scheduling still runs on the wall clock (a check is scheduled as a delay from the business now, see DeadlineAlarms).
/// </summary>
public sealed class DrillClock(TimeSpan shift) : TimeProvider
{
    public TimeSpan Shift { get; } = shift;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;

    /// <summary>The wall clock, or the drill's clock when one is configured outside Production.</summary>
    public static TimeProvider From(IConfiguration config, IHostEnvironment env)
    {
        var business = config["Clock:Drill:BusinessTime"];
        if (string.IsNullOrWhiteSpace(business)) return System;
        if (env.IsProduction())
            throw new InvalidOperationException("Clock:Drill:BusinessTime moves the business clock for a drill; it is refused in Production.");
        var at = config["Clock:Drill:At"] is { Length: > 0 } wall ? DateTimeOffset.Parse(wall, CultureInfo.InvariantCulture) : System.GetUtcNow();
        return new DrillClock(DateTimeOffset.Parse(business, CultureInfo.InvariantCulture) - at);
    }
}
