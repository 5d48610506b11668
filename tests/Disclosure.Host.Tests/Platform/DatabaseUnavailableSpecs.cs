using Disclosure.Host.Security;
using System.Net.Http.Json;
using Npgsql;

namespace Disclosure.Host.Tests.Platform;

/// <summary>
/// PostgreSQL refusing for a while is the service being unavailable, not a fault of the service. Such failures answered
/// 500: in <c>ops/chaos --nodes 3 --ha --databases 2</c> the requests in flight while no node took writes ("No suitable
/// host was found."), and the server refusing connections (each node holds a pool per database on one server: its slots
/// can run out, 53300) would too. Such a request answers 503 with Retry-After, as overload does, a problem details body,
/// and nothing written.
/// </summary>
public class DatabaseUnavailableSpecs(AppFixture fixture) : HostScenario(fixture)
{
    /// <param name="refusal">53300 too_many_connections: every connection slot of the server taken; 57P03 cannot_connect_now: the
    /// server starting, or a standby not yet promoted; "no host": during a failover, before the standby is promoted, Npgsql's
    /// multi-host data source finds no node taking writes ("No suitable host was found.", an exception Npgsql does not mark
    /// transient: 14 requests answered 500 in the first <c>ops/chaos --nodes 3 --ha --databases 2</c>)</param>
    [Theory]
    [InlineData("53300")]
    [InlineData("57P03")]
    [InlineData("no host")]
    public async Task An_intake_whose_commit_meets_a_database_that_refuses_for_a_while_is_503_with_retry_after_and_nothing_written(string refusal)
    {
        var agency = await CreateAgency();
        var before = await EventCount();
        Exception failure = refusal == "no host"
            ? new NpgsqlException("No suitable host was found.")
            : new PostgresException("refused for a while", "FATAL", "FATAL", refusal);
        Fixture.Race.Arm(() => throw failure, _ => true);

        var client = Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agencies/{agency}/applications")
        {
            Content = JsonContent.Create(new
            {
                channel = "online", applicant = new { category = "natural_person", name = "张三" }, description = "园区规划许可", receivedOn = "2025-06-30",
            }),
        };
        request.Headers.Authorization = new("Bearer", Token(Roles.Intake, agency));
        using var response = await client.SendAsync(request);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        Assert.Equal(before, await EventCount());
    }
}
