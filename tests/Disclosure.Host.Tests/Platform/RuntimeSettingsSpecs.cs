using System.Text.Json;

namespace Disclosure.Host.Tests.Platform;

/// <summary>
/// The runtime settings the host is built with (its runtimeconfig.json, as deployed): each was measured with ops/bench on
/// 2 cores shared with PostgreSQL (README, "Performance" and "Intake CPU per request").
/// </summary>
public class RuntimeSettingsSpecs
{
    private static JsonElement HostSettings()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Disclosure.Host.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void An_idle_thread_pool_worker_blocks_at_once_instead_of_spinning_for_work()
    {
        // spinning took ~6.5 % of the host's CPU under the intake load: CPU that PostgreSQL on the same cores lacked
        Assert.Equal(0, HostSettings().GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    [Fact]
    public void The_host_runs_workstation_GC_without_the_instrumented_JIT_tier()
    {
        var settings = HostSettings();
        Assert.False(settings.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(settings.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
