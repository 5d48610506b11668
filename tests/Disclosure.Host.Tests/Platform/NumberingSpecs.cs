using System.Reflection;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Notices;

namespace Disclosure.Host.Tests.Platform;

/// <summary>
/// Tracking numbers and 文号 once handed out are never handed out again: the product has no way to restart its counters.
/// The scenarios' restart (NumberCounters) lives in the test project.
/// </summary>
public class NumberingSpecs
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Theory]
    [InlineData(typeof(TrackingNumbers))]
    [InlineData(typeof(NoticeNumbers))]
    public void The_number_counters_cannot_be_restarted_by_the_product(Type counters) =>
        Assert.Empty(counters.GetMethods(Everything).Where(m => m.Name.StartsWith("Reset", StringComparison.Ordinal)).Select(m => m.Name));

    [Fact]
    public void No_type_of_the_product_has_a_reset()
    {
        var resets = new[] { typeof(TrackingNumbers).Assembly, typeof(Domain.Agencies.Agency).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(Everything).Where(m => m.Name.StartsWith("Reset", StringComparison.Ordinal)).Select(m => $"{t.FullName}.{m.Name}"))
            .ToList();
        Assert.Empty(resets);
    }
}
