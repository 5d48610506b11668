using Disclosure.Host.Infrastructure;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Disclosure.Host.Tests.Platform;

/// <summary>
/// PreparedStatementGuard with several databases (README, "Several databases"): each agency database has a pool of its
/// own, and the Npgsql bug the guard works around poisons a connection of the pool the refused statement ran on. Two
/// databases of its own next to the test database (<c>…_guard_master</c>, <c>…_guard_db</c>), dropped afterwards.
/// </summary>
public class SeveralDatabasesGuardSpecs : IAsyncLifetime
{
    private static string Named(string suffix) => new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString)
    {
        Database = $"{new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString).Database}_{suffix}",
    }.ConnectionString;

    private readonly string _master = Named("guard_master");
    private readonly string _group = Named("guard_db");

    public async Task InitializeAsync()
    {
        await SeveralDatabasesFixture.RecreateAsync(_master, create: true);
        await SeveralDatabasesFixture.RecreateAsync(_group, create: true);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await SeveralDatabasesFixture.RecreateAsync(_master, create: false);
        await SeveralDatabasesFixture.RecreateAsync(_group, create: false);
    }

    /// <summary>One connection per pool makes the order certain, as in PlatformSpecs: without the guard over the agency database's pool the third append fails.</summary>
    private static string OnePreparingConnection(string cs) =>
        new NpgsqlConnectionStringBuilder(cs) { MaxPoolSize = 1, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;

    [Fact]
    public async Task A_statement_refused_in_an_agency_database_does_not_break_the_next_request_there()
    {
        await using var master = NpgsqlDataSource.Create(OnePreparingConnection(_master));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EventStore:Databases:east"] = _group }).Build();
        var databases = AgencyDatabases.From(config, master, OnePreparingConnection);
        var options = databases.Applied(EventStore.Options(master, "disclosure", new Calendar.CalendarStore(Domain.Applications.ClockSettings.Default)));
        using var store = new Marten.DocumentStore(options);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        Assert.Equal(("east", (string?)null), await databases.AssignAsync("guard-east", "east", null, CancellationToken.None));

        await PlatformSpecs.RefusedWhileBeingPreparedThenValidAsync(store, "guard-east");

        // the events are in the agency's database, not the master's
        await using var count = databases.Group("east").CreateCommand("select count(*) from disclosure.mt_events where tenant_id = 'guard-east'");
        Assert.Equal(4L, await count.ExecuteScalarAsync());
    }
}
