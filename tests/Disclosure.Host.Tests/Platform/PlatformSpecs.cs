using Disclosure.Host.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Platform;

public class PlatformSpecs(AppFixture fixture) : HostScenario(fixture)
{
    [Fact]
    public async Task Liveness_and_readiness_need_no_token()
    {
        (await Send(HttpMethod.Get, "/health/live", null, null)).ShouldBe(200);
        (await Send(HttpMethod.Get, "/health/ready", null, null)).ShouldBe(200);
    }

    [Fact]
    public async Task The_OpenAPI_document_and_its_reference_page_are_served()
    {
        var doc = (await Send(HttpMethod.Get, "/openapi/v1.json", null, null)).ShouldBe(200);
        Assert.Contains("/api/agencies/{agency}/applications/{id}/decision", doc.Body);
        var page = (await Send(HttpMethod.Get, "/docs/", null, null)).ShouldBe(200);
        Assert.Contains("html", page.ContentType);
    }

    /// <summary>
    /// Every connection the host opens runs without PostgreSQL's JIT compilation (#25: the search index's statement, planned
    /// above jit_above_cost on a province's data, spent ~220 ms compiling at each execution); the events' sessions too.
    /// </summary>
    [Fact]
    public async Task The_hosts_connections_compile_no_statement_with_JIT()
    {
        await using (var connection = await Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync())
        await using (var show = new Npgsql.NpgsqlCommand("show jit", connection))
            Assert.Equal("off", await show.ExecuteScalarAsync());
        await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        Assert.Equal("off", (await session.QueryAsync<string>("select current_setting('jit')")).Single());
    }

    [Fact]
    public async Task Missing_forged_and_expired_tokens_are_401()
    {
        (await Send(HttpMethod.Get, "/api/agencies", null, null)).ShouldBe(401);
        var forged = new AuthSettings { SigningKey = new string('x', 48) }.IssueToken("mallory", [Roles.Admin], [], TimeSpan.FromHours(1));
        (await Get("/api/agencies", forged)).ShouldBe(401);
        var auth = Host.Services.GetRequiredService<AuthSettings>();
        var expired = auth.IssueToken("old", [Roles.Admin], [], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-2));
        (await Get("/api/agencies", expired)).ShouldBe(401);
        var otherAudience = new AuthSettings { SigningKey = auth.SigningKey, Audience = "someone-else" }.IssueToken("x", [Roles.Admin], [], TimeSpan.FromHours(1));
        (await Get("/api/agencies", otherAudience)).ShouldBe(401);
    }

    [Fact]
    public async Task Errors_are_problem_details()
    {
        var reply = (await Post("/api/agencies", "{ not json")).ShouldBe(400);
        Assert.Equal("application/problem+json", reply.ContentType);
    }

    /// <summary>
    /// What a deadline check retries (DeadlineHandler.Configure): the database unreachable or gone — also wrapped, as
    /// Marten and Wolverine hand it on — and never a refusal by PostgreSQL, which another attempt would only repeat.
    /// </summary>
    [Fact]
    public void A_lost_database_is_told_from_a_refusal()
    {
        var lost = new Npgsql.NpgsqlException("Exception while connecting", new System.Net.Sockets.SocketException(111));
        Assert.True(Disclosure.Host.Infrastructure.DatabaseUnavailable.Is(lost));
        Assert.True(Disclosure.Host.Infrastructure.DatabaseUnavailable.Is(new InvalidOperationException("wrapped", lost)));
        Assert.True(Disclosure.Host.Infrastructure.DatabaseUnavailable.Is(new AggregateException(new TimeoutException(), lost)));
        var refused = new Npgsql.PostgresException("duplicate key value", "ERROR", "ERROR", "23505");
        Assert.False(Disclosure.Host.Infrastructure.DatabaseUnavailable.Is(refused));
        Assert.False(Disclosure.Host.Infrastructure.DatabaseUnavailable.Is(new InvalidOperationException("wrapped", refused)));
    }

    /// <summary>
    /// A connection string naming a primary and its standby (ops/ha: README, "A primary that can die") with the
    /// attribute that picks the node taking writes. Npgsql's own data source refuses the attribute with several hosts,
    /// so a host given such a string did not start ("TargetSessionAttributes cannot be specified"); a node that is
    /// down (port 1 refuses) is passed over for the one that answers, and a write goes through.
    /// </summary>
    [Fact]
    public async Task A_connection_string_naming_two_hosts_connects_to_the_one_that_takes_writes()
    {
        var live = new Npgsql.NpgsqlConnectionStringBuilder(AppFixture.ConnectionString);
        var both = new Npgsql.NpgsqlConnectionStringBuilder(AppFixture.ConnectionString)
        {
            Host = $"127.0.0.1:1,{live.Host}:{live.Port}",
            TargetSessionAttributes = "read-write",
            HostRecheckSeconds = 1,
        };
        await using var dataSource = Disclosure.Host.Infrastructure.PostgresDataSource.Create(both.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(live.Port, connection.Port);
        await using var write = new Npgsql.NpgsqlCommand("create temporary table written (x int); insert into written values (1); select count(*) from written", connection);
        Assert.Equal(1L, await write.ExecuteScalarAsync());
    }

    /// <summary>
    /// The cause of the "Received unexpected backend message DataRow" failures that followed refused input: an Npgsql
    /// bug in the book-keeping of automatically prepared statements (see PreparedStatementGuard). A statement is
    /// prepared on its second use; when PostgreSQL refuses a parameter while binding it in that very round trip, the
    /// next command on the same connection read the wrong answer. One connection in the pool makes the order certain.
    /// Without the guard the third append fails.
    /// </summary>
    [Fact]
    public async Task A_statement_refused_while_being_prepared_does_not_break_the_next_request()
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(AppFixture.ConnectionString) { MaxPoolSize = 1, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 };
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(cs.ConnectionString);
        var options = Disclosure.Host.Infrastructure.EventStore.Options(dataSource, "disclosure", new Disclosure.Host.Calendar.CalendarStore(Domain.Applications.ClockSettings.Default));
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        using var store = new Marten.DocumentStore(options);

        await RefusedWhileBeingPreparedThenValidAsync(store, "sanchang-park");
    }

    /// <summary>
    /// Appends an application, then one whose text PostgreSQL refuses while binding the statement prepared in that round
    /// trip (22P05), then three valid ones: each must succeed on the pool's connection (SeveralDatabasesGuardSpecs too).
    /// </summary>
    internal static async Task RefusedWhileBeingPreparedThenValidAsync(Marten.IDocumentStore store, string agency)
    {
        async Task Append(string description)
        {
            await using var session = store.LightweightSession(agency);
            var id = Guid.NewGuid();
            session.Events.StartStream<Domain.Applications.Application>(id, new Domain.Applications.ApplicationReceived(id, agency, "X-1", "online",
                new Domain.Applications.Applicant("natural_person", "甲", null, null, null, null), description, null, new DateOnly(2025, 3, 3)));
            await session.SaveChangesAsync();
        }

        await Append("first use: not prepared yet");
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Append("second use, prepared in this round trip, and refused while binding: \u0000"));
        Assert.Contains("22P05", refused.ToString());
        for (var i = 0; i < 3; i++) await Append($"valid request {i} after the refused one");
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_key_or_authority()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var env = new FakeEnvironment("Production");
        var error = Assert.Throws<InvalidOperationException>(() => AuthSettings.From(config, env));
        Assert.Contains("Auth__SigningKey", error.Message);
        await Task.CompletedTask;
    }

    private sealed class FakeEnvironment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Disclosure.Host";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
