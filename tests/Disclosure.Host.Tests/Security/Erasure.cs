using Alba;
using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Security;

/// <summary>
/// Erasure as an administrator runs it once every window has closed: the agency keeps personal data one year (the shortest
/// setting), the business clock moves to <see cref="Later"/> (2026-07-01: past one year and the remedy windows of the cases
/// the specs close in the first half of 2025), a dry run lists, and the erasure confirms exactly its count.
/// </summary>
public static class Erasure
{
    public static readonly DateTimeOffset Later = new(2026, 7, 1, 10, 0, 0, TimeSpan.FromHours(8));

    public static async Task<Reply> AfterRetentionAsync(IAlbaHost host, AppFixture fixture, string agency, string? closedBefore = null)
    {
        var admin = fixture.Auth.IssueToken("user-admin", [Roles.Admin], [], TimeSpan.FromHours(1));
        (await Http.SendAsync(host, HttpMethod.Put, $"/api/agencies/{agency}/settings/retention", new { years = 1 }, admin)).ShouldBe(200);
        fixture.Clock.Now = Later;
        return await ConfirmedAsync(host, fixture, agency, closedBefore);
    }

    /// <summary>A dry run, then the erasure of the count it listed.</summary>
    public static async Task<Reply> ConfirmedAsync(IAlbaHost host, AppFixture fixture, string agency, string? closedBefore = null)
    {
        var admin = fixture.Auth.IssueToken("user-admin", [Roles.Admin], [], TimeSpan.FromHours(1));
        var url = $"/api/agencies/{agency}/personal-data/erasure";
        var dry = (await Http.SendAsync(host, HttpMethod.Post, url, new { closedBefore, dryRun = true }, admin)).ShouldBe(200);
        var started = (await Http.SendAsync(host, HttpMethod.Post, url, new { closedBefore, expectedCount = dry.Json.GetProperty("count").GetInt32() }, admin)).ShouldBe(202);
        // the job erases what the survey listed, each case once
        var job = await Jobs.JobWait.FinishedAsync(host, admin, started);
        Assert.Equal(dry.Json.GetProperty("count").GetInt32(), job.GetProperty("handled").GetInt32());
        return started;
    }
}
