using Disclosure.Domain.Agencies;
using Disclosure.Host.Agencies;

namespace Disclosure.Host.Tests.Agencies;

/// <summary>
/// Tracking numbers carry the agency's code (BS-2025-00001): two agencies with one code would hand out the same numbers.
/// A code left out is derived from the id and is unique by construction; PostgreSQL's unique index decides a race.
/// </summary>
public class AgencyCodeSpecs(AppFixture fixture) : HostScenario(fixture)
{
    private async Task<string> Register(string id, string? code = null) =>
        (await Post("/api/agencies", new { id, name = "机关 " + id, code })).ShouldBe(201).Str("code");

    [Fact]
    public async Task Agencies_whose_ids_share_initials_get_distinct_codes()
    {
        // found by ops/bench: bench-seed and bench-search both defaulted to BS, and the second registration failed
        Assert.Equal("BS", await Register("bench-seed"));
        Assert.Equal("BS2", await Register("bench-search"));
        Assert.Equal("HSO2", await Register("heldout-sh-office-232500"));
        Assert.Equal("HSO2B", await Register("heldout-sh-office-232933"));
    }

    [Fact]
    public async Task A_defaulted_code_skips_a_code_another_agency_chose()
    {
        Assert.Equal("BS", await Register("blue-sky-office", "BS")); // not its initials (BSO): chosen
        Assert.Equal("BS2", await Register("bench-seed"));
    }

    [Fact]
    public async Task Concurrent_registrations_of_agencies_with_the_same_initials_all_succeed_with_distinct_codes()
    {
        string[] ids = ["bench-seed", "bench-search", "big-sur", "blue-sky", "black-sand", "bright-star", "bay-side", "bold-step"];
        var replies = await Task.WhenAll(ids.Select(id => Post("/api/agencies", new { id, name = "机关 " + id })));
        Assert.All(replies, r => r.ShouldBe(201));
        var codes = replies.Select(r => r.Str("code")).ToList();
        Assert.Equal(ids.Length, codes.Distinct().Count());
        Assert.Equal(["BS", "BS2", "BS3", "BS4", "BS5", "BS6", "BS7", "BS8"], codes.Order(StringComparer.Ordinal).OrderBy(c => c.Length));
        Assert.Equal(ids.Length, await EventCount());
    }

    [Fact]
    public async Task An_explicitly_requested_code_that_is_taken_is_refused_naming_code()
    {
        await Register("bench-seed");
        var refused = (await Post("/api/agencies", new { id = "other", name = "其他机关", code = "BS" })).ShouldBe(400);
        var message = refused.Json.GetProperty("errors").GetProperty("code")[0].GetString()!;
        Assert.Contains("'BS' is already used by agency 'bench-seed'", message);
        Assert.Equal("编号代码 BS 已由机关 bench-seed 使用，请另定代码。", Disclosure.Host.StaffConsole.Shared.ChineseMessages.Translate(message)); // the console's settings page
        Assert.Equal(1, await EventCount());
        (await Get("/api/agencies/other")).ShouldBe(404);
    }

    [Fact]
    public async Task Concurrent_registrations_requesting_one_code_register_one_agency()
    {
        var replies = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Post("/api/agencies", new { id = $"office-{i}", name = "机关", code = "OFC" })));
        Assert.Single(replies, r => r.Status == 201);
        Assert.All(replies.Where(r => r.Status != 201), r =>
        {
            r.ShouldBe(400);
            Assert.True(r.Json.GetProperty("errors").TryGetProperty("code", out _), r.ToString());
        });
        Assert.Equal(1, await EventCount());
    }

    /// <summary>The guarantee is PostgreSQL's, not a read before the write: a second agency with a taken code cannot be stored at all.</summary>
    [Fact]
    public async Task The_database_refuses_a_second_agency_with_a_taken_code()
    {
        await Register("bench-seed");
        await using var session = Store.LightweightSession();
        session.Events.StartStream<Agency>(RegisterAgencyEndpoint.StreamId("written-past-the-endpoint"),
            new AgencyRegistered("written-past-the-endpoint", "n", null, "BS", DateTimeOffset.UtcNow));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        Assert.Contains(RegisterAgencyEndpoint.AgencyCodeIndex, error.ToString());
        Assert.Equal(1, await EventCount());
    }
}
