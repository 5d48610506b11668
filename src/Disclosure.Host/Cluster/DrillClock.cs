using System.Globalization;

namespace Disclosure.Host.Cluster;

/// <summary>
/// The business clock of a drill: every node of a drill (ops/chaos --nodes) runs on the same moved clock, so that
/// deadline checks fall due within minutes — <c>Clock:Drill:BusinessTime</c> is the business time at the wall-clock
/// instant <c>Clock:Drill:At</c>, and time runs on from there. A moved clock lapses real cases (补正 not made, fees not
/// paid, answers overdue), so it runs only when <c>Clock:Drill:Enabled</c> is true AND the environment is Development or
/// the drill environment <see cref="DrillEnvironment"/>; any drill setting elsewhere (Staging, Production, a mistyped
/// name) stops the host at start rather than being ignored or obeyed.
/// Scheduling still runs on the wall clock (a check is scheduled as a delay from the business now, see DeadlineAlarms).
/// </summary>
public sealed class DrillClock(TimeSpan shift) : TimeProvider
{
    /// <summary>The environment (<c>ASPNETCORE_ENVIRONMENT</c>) of drill hosts, as ops/chaos-nodes starts them.</summary>
    public const string DrillEnvironment = "Drill";

    public TimeSpan Shift { get; } = shift;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;

    /// <summary>The wall clock, or the drill's clock when one is explicitly enabled in a Development or Drill environment.</summary>
    public static TimeProvider From(IConfiguration config, IHostEnvironment env)
    {
        var section = config.GetSection("Clock:Drill");
        var enabled = section["Enabled"];
        var business = section["BusinessTime"];
        var at = section["At"];
        if (string.IsNullOrWhiteSpace(enabled) && string.IsNullOrWhiteSpace(business) && string.IsNullOrWhiteSpace(at)) return System;

        if (!env.IsDevelopment() && !env.IsEnvironment(DrillEnvironment))
            throw new InvalidOperationException(
                $"Clock:Drill moves the business clock for a drill and is refused in the environment '{env.EnvironmentName}': it runs only in " +
                $"Development or '{DrillEnvironment}' (ASPNETCORE_ENVIRONMENT). Remove the Clock__Drill__* settings from this host.");
        if (!bool.TryParse(enabled, out var on) || !on)
            throw new InvalidOperationException(
                "Clock:Drill:BusinessTime/At are set but the drill clock is not enabled: set Clock__Drill__Enabled=true to run a drill, " +
                "or remove the Clock__Drill__* settings.");
        if (!DateTimeOffset.TryParse(business, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var businessTime))
            throw new InvalidOperationException("Clock:Drill:Enabled is true but Clock:Drill:BusinessTime is missing or not a date and time (e.g. 2026-03-17T16:03:10Z).");
        var wall = System.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(at) && !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out wall))
            throw new InvalidOperationException("Clock:Drill:At is not a date and time (e.g. 2026-03-17T16:01:20Z).");
        return new DrillClock(businessTime - wall);
    }
}
