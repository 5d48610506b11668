using System.Diagnostics;
using Disclosure.Host.Cluster;
using Microsoft.Extensions.Configuration;

namespace Disclosure.Host.Tests.Cluster;

/// <summary>
/// The drill clock moves the business clock (ops/chaos --nodes), and a moved clock lapses real cases: it runs only when
/// explicitly enabled in Development or the Drill environment; any drill setting elsewhere stops the host at start.
/// </summary>
public class DrillClockSpecs
{
    private const string BusinessTime = "2026-03-17T16:03:10Z";
    private const string At = "2026-03-17T16:01:20Z";

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static IConfiguration Drill(bool enabled = true) => enabled
        ? Config(("Clock:Drill:Enabled", "true"), ("Clock:Drill:BusinessTime", BusinessTime), ("Clock:Drill:At", At))
        : Config(("Clock:Drill:BusinessTime", BusinessTime), ("Clock:Drill:At", At));

    [Theory]
    [InlineData("Development")]
    [InlineData("Drill")]
    public void An_enabled_drill_in_Development_or_Drill_moves_the_business_clock(string environment)
    {
        var clock = Assert.IsType<DrillClock>(DrillClock.From(Drill(), new Env(environment)));
        Assert.Equal(DateTimeOffset.Parse(BusinessTime) - DateTimeOffset.Parse(At), clock.Shift);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    [InlineData("Prodution")] // a typo is not a drill
    [InlineData("Drills")]
    public void A_drill_clock_in_any_other_environment_refuses_to_start(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DrillClock.From(Drill(), new Env(environment)));
        Assert.Contains($"refused in the environment '{environment}'", error.Message);
        Assert.Contains("Development or 'Drill'", error.Message);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Drill")]
    public void A_drill_time_without_the_explicit_switch_refuses_to_start(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DrillClock.From(Drill(enabled: false), new Env(environment)));
        Assert.Contains("Clock__Drill__Enabled=true", error.Message);
        var off = Config(("Clock:Drill:Enabled", "false"), ("Clock:Drill:BusinessTime", BusinessTime));
        Assert.Throws<InvalidOperationException>(() => DrillClock.From(off, new Env(environment)));
    }

    [Fact]
    public void An_enabled_drill_without_a_business_time_refuses_to_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DrillClock.From(Config(("Clock:Drill:Enabled", "true")), new Env("Drill")));
        Assert.Contains("Clock:Drill:BusinessTime", error.Message);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Development")]
    public void Without_drill_settings_every_environment_runs_on_the_wall_clock(string environment) =>
        Assert.Same(TimeProvider.System, DrillClock.From(Config(), new Env(environment)));

    /// <summary>The host itself, started as an operator would start it in Staging with a drill clock: it stops with the message.</summary>
    [Fact]
    public async Task A_Staging_host_with_a_drill_clock_does_not_start()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Disclosure.Host.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["ConnectionStrings__Marten"] = AppFixture.ConnectionString;
        start.Environment["Auth__SigningKey"] = new string('k', 48);
        start.Environment["DISCLOSURE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Clock__Drill__Enabled"] = "true";
        start.Environment["Clock__Drill__BusinessTime"] = BusinessTime;
        using var host = Process.Start(start)!;
        var output = host.StandardOutput.ReadToEndAsync();
        var errors = host.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await host.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { host.Kill(entireProcessTree: true); Assert.Fail("the Staging host with a drill clock kept running"); }
        Assert.NotEqual(0, host.ExitCode);
        Assert.Contains("refused in the environment 'Staging'", await output + await errors);
    }

    private sealed class Env(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Disclosure.Host";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
