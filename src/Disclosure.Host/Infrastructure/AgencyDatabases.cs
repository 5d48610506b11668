using System.Collections.Concurrent;
using JasperFx;
using JasperFx.Descriptors;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Schema;
using Marten.Storage;
using Npgsql;
using Weasel.Core.Migrations;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Where each agency's data lives (README, "Several databases"). By default one database holds everything, as it always
/// has: every agency is a tenant of it (conjoined tenancy), and <see cref="For"/> answers the host's one data source.
/// With <c>EventStore__Databases__{name}</c> settings the agencies are spread over those databases, each holding a group
/// of agencies as conjoined tenants, through Marten's multi-database tenancy (<see cref="AgencyTenancy"/>), and the
/// host's own database (<c>ConnectionStrings__Marten</c>) becomes the <b>master</b>: it keeps the reference data (the
/// agency registry, settings, the calendar, the key ring), Wolverine's node registry and recurring jobs, and the table
/// <c>disclosure.agency_databases</c> that maps each agency to its database. Nothing is sharded by hand: sessions,
/// projections, the async daemon and Wolverine's durable inbox/outbox follow Marten's tenant → database mapping.
/// </summary>
public sealed class AgencyDatabases
{
    public const string MasterName = "master";
    public const string Table = "disclosure.agency_databases";

    private readonly NpgsqlDataSource _master;
    private readonly IReadOnlyDictionary<string, NpgsqlDataSource> _groups;
    private readonly ConcurrentDictionary<string, string> _assigned = new(StringComparer.Ordinal);
    private volatile bool _tableReady;

    private AgencyDatabases(NpgsqlDataSource master, IReadOnlyDictionary<string, NpgsqlDataSource> groups)
    {
        _master = master;
        _groups = groups;
    }

    /// <summary>The databases of the configuration section <c>EventStore:Databases</c> (name → connection string); none: one database.</summary>
    public static AgencyDatabases From(IConfiguration config, NpgsqlDataSource master, Func<string, string> tune)
    {
        var groups = new SortedDictionary<string, NpgsqlDataSource>(StringComparer.Ordinal);
        foreach (var entry in config.GetSection("EventStore:Databases").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(entry.Value)) continue;
            var name = entry.Key.ToLowerInvariant();
            if (name == MasterName || Domain.Agencies.AgencyRules.Normalize(name) != name)
                throw new InvalidOperationException($"EventStore:Databases:{entry.Key}: a database's name is a slug ([a-z0-9-]) other than '{MasterName}'.");
            groups[name] = PostgresDataSource.Create(tune(entry.Value));
        }
        return new AgencyDatabases(master, groups);
    }

    /// <summary>One database for everything (the tools, and a deployment without <c>EventStore:Databases</c>).</summary>
    public static AgencyDatabases Single(NpgsqlDataSource dataSource) => new(dataSource, new Dictionary<string, NpgsqlDataSource>());

    /// <summary>Whether agencies are spread over several databases.</summary>
    public bool Several => _groups.Count > 0;

    /// <summary>The databases that hold agencies, by name (none when <see cref="Several"/> is false).</summary>
    public IReadOnlyCollection<string> Names => [.. _groups.Keys];

    /// <summary>The master database: reference data and the agency → database table (the only database when not <see cref="Several"/>).</summary>
    public NpgsqlDataSource Master => _master;

    /// <summary>The data source of the agency database configured under that name.</summary>
    public NpgsqlDataSource Group(string name) => _groups[name];

    /// <summary>Every database that holds agencies' data: the master (agencies registered before there were several) and the groups'.</summary>
    public IReadOnlyList<NpgsqlDataSource> All => [_master, .. _groups.Values];

    /// <summary>
    /// The database of one agency, for the host's own SQL over its rows (search, worklist, report freshness). An agency
    /// without a row in the table lives in the master: one registered before several databases were configured (the one
    /// database became the master and keeps its agencies), or no agency at all (which has no rows anywhere).
    /// </summary>
    public NpgsqlDataSource For(string agency) => Several && DatabaseOf(agency) is { } name && name != MasterName ? _groups[name] : _master;

    /// <summary>The agencies grouped by the database that holds them (one group when not <see cref="Several"/>): how a roll-up reads.</summary>
    public IReadOnlyList<(string Database, IReadOnlyList<string> Agencies)> Grouped(IEnumerable<string> agencies) =>
        Several
            ? [.. agencies.GroupBy(a => DatabaseOf(a) ?? MasterName).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, (IReadOnlyList<string>)[.. g]))]
            : [(MasterName, [.. agencies])];

    /// <summary>The name of the database holding the agency; null when it has none (not registered).</summary>
    public string? DatabaseOf(string agency)
    {
        if (!Several) return MasterName;
        if (_assigned.TryGetValue(agency, out var known)) return known;
        // registered on another node since this one started, or not registered at all: the master knows
        EnsureTable();
        using var cmd = _master.CreateCommand($"select database from {Table} where agency = $1");
        cmd.Parameters.AddWithValue(agency);
        if (cmd.ExecuteScalar() is not string name || !_groups.ContainsKey(name)) return null;
        return _assigned[agency] = name;
    }

    /// <summary>
    /// Assigns a new agency to a database before it is registered: the one asked for, else its parent's (a parent's roll-up
    /// then reads one database as long as the tree allows), else the database holding the fewest agencies. Kept in the
    /// master; an agency keeps its database (moving one is not supported: README, "Several databases"). Returns the
    /// database, or a refusal for a name that is not configured.
    /// </summary>
    public async Task<(string? Database, string? Refusal)> AssignAsync(string agency, string? requested, string? parent, CancellationToken ct)
    {
        if (!Several)
            return requested is null || requested == MasterName ? (null, null) : (null, $"This deployment keeps every agency in one database; there is no database '{requested}'.");
        if (requested is not null && !_groups.ContainsKey(requested))
            return (null, $"There is no database '{requested}'; the configured ones are {string.Join(", ", _groups.Keys)}.");
        if (DatabaseOf(agency) is { } already) return (already, null); // registered before (a refusal follows) or a retry
        var chosen = requested ?? (parent is null ? null : DatabaseOf(parent));
        if (chosen is null)
        {
            await using var count = _master.CreateCommand($"select database, count(*) from {Table} group by database");
            var counts = _groups.Keys.ToDictionary(k => k, _ => 0L);
            await using (var reader = await count.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    if (counts.ContainsKey(reader.GetString(0))) counts[reader.GetString(0)] = reader.GetInt64(1);
            chosen = counts.OrderBy(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
        }
        // the first assignment wins: two registrations of one id racing end in the same database (one of them is refused)
        await using var insert = _master.CreateCommand(
            $"insert into {Table} (agency, database) values ($1, $2) on conflict (agency) do nothing");
        insert.Parameters.AddWithValue(agency);
        insert.Parameters.AddWithValue(chosen);
        await insert.ExecuteNonQueryAsync(ct);
        _assigned.TryRemove(agency, out _);
        return (DatabaseOf(agency), null);
    }

    /// <summary>Makes Marten spread the agencies over the databases (nothing changes when not <see cref="Several"/>).</summary>
    public StoreOptions Applied(StoreOptions opts)
    {
        if (!Several) return opts;
        EnsureTable();
        opts.Tenancy = new AgencyTenancy(opts, this);
        // each database has its own pool; a statement refused while being prepared poisons a connection of that one
        opts.Logger(new PreparedStatementGuard(All));
        return opts;
    }

    internal IReadOnlyDictionary<string, NpgsqlDataSource> Groups => _groups;

    private void EnsureTable()
    {
        if (_tableReady) return;
        using var cmd = _master.CreateCommand($"""
            create schema if not exists disclosure;
            create table if not exists {Table} (
              agency text primary key, database text not null, assigned_at timestamptz not null default now())
            """);
        try { cmd.ExecuteNonQuery(); }
        catch (PostgresException e) when (e.SqlState is "23505" or "42P07") { /* another node created it at the same moment */ }
        _tableReady = true;
    }
}

/// <summary>
/// Marten's tenancy over the master and the agencies' databases. Like Marten's static multi-database tenancy
/// (<c>MultiTenantedDatabases</c>, several conjoined tenants per database, the master as the default tenant's database)
/// but the agency → database mapping is read from the master table when an agency is first seen, so an agency registered
/// on another node, or after this one started, is found without a restart. An id with no database (no agency) reads the
/// master, where it has no data, so it answers as an unknown agency did with one database; nothing is ever written for
/// one (every write path checks that the agency is registered, and registration assigns the database first).
/// </summary>
public sealed class AgencyTenancy : ITenancy, IAsyncDisposable
{
    private readonly AgencyDatabases _databases;
    private readonly MartenDatabase _master;
    private readonly IReadOnlyDictionary<string, MartenDatabase> _groups;
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);

    public AgencyTenancy(StoreOptions options, AgencyDatabases databases)
    {
        _databases = databases;
        _master = new MartenDatabase(options, databases.Master, AgencyDatabases.MasterName);
        _groups = databases.Groups.ToDictionary(g => g.Key, g => new MartenDatabase(options, g.Value, g.Key));
        Default = new Tenant(StorageConstants.DefaultTenantId, _master);
        Cleaner = new CompositeDocumentCleaner(this, options);
    }

    public Tenant Default { get; }
    public IDocumentCleaner Cleaner { get; }
    public DatabaseCardinality Cardinality => DatabaseCardinality.StaticMultiple;

    private IEnumerable<MartenDatabase> Databases => _groups.Values.Prepend(_master);

    public Tenant GetTenant(string tenantId)
    {
        if (tenantId == StorageConstants.DefaultTenantId) return Default;
        if (_tenants.TryGetValue(tenantId, out var known)) return known;
        if (_databases.DatabaseOf(tenantId) is not { } name) return new Tenant(tenantId, _master); // not kept: it may be registered next
        return _tenants.GetOrAdd(tenantId, id => new Tenant(id, _groups[name]));
    }

    public ValueTask<Tenant> GetTenantAsync(string tenantId) => ValueTask.FromResult(GetTenant(tenantId));

    public ValueTask<IMartenDatabase> FindOrCreateDatabase(string tenantIdOrDatabaseIdentifier) =>
        ValueTask.FromResult<IMartenDatabase>(
            tenantIdOrDatabaseIdentifier == AgencyDatabases.MasterName ? _master
            : _groups.TryGetValue(tenantIdOrDatabaseIdentifier, out var group) ? group
            : GetTenant(tenantIdOrDatabaseIdentifier).Database);

    public ValueTask<IMartenDatabase> FindDatabase(DatabaseId id) =>
        ValueTask.FromResult<IMartenDatabase>(Databases.FirstOrDefault(d => d.Id == id)
            ?? throw new ArgumentOutOfRangeException(nameof(id), $"Requested database {id.Identity} cannot be found"));

    /// <remarks>
    /// The default tenant is "in" every database: documents without a tenant (a job's marks) are kept beside the agency's
    /// cases, and the agency reference projections (<c>AgencyReferenceProjection</c>, across tenants) ask an agency's session
    /// for the default tenant's storage on every append, even with no reference event in it (JasperFx
    /// <c>JasperFxMultiStreamProjectionBase.ApplyAsync</c> fetches the storage of each slice group first). Reference events
    /// are only appended in the default tenant's session (ReferenceWrites), so nothing of the registry is written there.
    /// </remarks>
    public bool IsTenantStoredInCurrentDatabase(IMartenDatabase database, string tenantId) =>
        tenantId == StorageConstants.DefaultTenantId || ReferenceEquals(GetTenant(tenantId).Database, database);

    public ValueTask<IReadOnlyList<IDatabase>> BuildDatabases() => ValueTask.FromResult<IReadOnlyList<IDatabase>>([.. Databases]);

    public ValueTask<DatabaseUsage> DescribeDatabasesAsync(CancellationToken token)
    {
        var usage = new DatabaseUsage { Cardinality = Cardinality, Databases = [.. Databases.Select(d => d.Describe())] };
        return ValueTask.FromResult(usage);
    }

    public void Dispose()
    {
        foreach (var database in Databases) database.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in Databases) await database.DisposeAsync();
    }
}

/// <summary>
/// Reference documents (the agency, its notice setup and template texts) belong to the default tenant. With one database
/// an agency's session reads them where it stands; with several they are in the master, not in the agency's database.
/// </summary>
public static class ReferenceReads
{
    public static async Task<T?> LoadReferenceAsync<T>(this IQuerySession session, string id, CancellationToken ct) where T : class
    {
        if (session.TenantId == StorageConstants.DefaultTenantId || session.DocumentStore.Options.Tenancy.Cardinality == DatabaseCardinality.Single)
            return await session.LoadAsync<T>(id, ct);
        await using var master = session.DocumentStore.QuerySession();
        return await master.LoadAsync<T>(id, ct);
    }
}

/// <summary>Work over every agency (the sweep, a re-derivation, the year-end close): one read in each database that holds agencies.</summary>
public static class AgencySessions
{
    /// <summary>The answers of <paramref name="read"/> in each database holding agencies' cases (the one database, with one), together.</summary>
    public static async Task<List<T>> InEachDatabaseAsync<T>(this IDocumentStore store, Func<IQuerySession, Task<IEnumerable<T>>> read)
    {
        if (store.Options.Tenancy.Cardinality == DatabaseCardinality.Single)
        {
            await using var only = store.QuerySession();
            return [.. await read(only)];
        }
        var all = new List<T>();
        // the master too: it keeps the agencies registered before there were several databases (few or none)
        foreach (var database in (await store.Storage.AllDatabases()).OfType<IMartenDatabase>())
        {
            await using var session = store.QuerySession(Marten.Services.SessionOptions.ForDatabase(database));
            all.AddRange(await read(session));
        }
        return all;
    }
}
