using Marten;
using Npgsql;

namespace Disclosure.Host.Notices;

/// <summary>
/// 文号 numbers, gap-free per agency, series and year: a counter row taken in the transaction of the step that issues
/// the notice. A step that is refused takes no number (it is refused before); a step that fails or loses a race rolls its
/// number back with everything else; a second issuer in the same series waits for the first to commit (row lock).
/// Unlike tracking numbers (a sequence, which may leave gaps), this serialises issuing within one series — notices are
/// few beside intakes.
/// </summary>
public static class NoticeNumbers
{
    public const string Table = "disclosure.notice_numbers";

    public const string CreateTable = $"""
        create table if not exists {Table} (
          tenant_id text not null, series text not null, year int not null, last int not null,
          primary key (tenant_id, series, year))
        """;

    /// <summary>The next number of each (series, year) asked for, in the order asked; counters are taken in key order.</summary>
    public static async Task<IReadOnlyList<int>> TakeAsync(IDocumentSession session, IReadOnlyList<(string Series, int Year)> wanted, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)session.Connection!;
        var last = new Dictionary<(string, int), int>();
        // a fixed order: two steps taking numbers in two series never wait for each other crosswise
        foreach (var group in wanted.GroupBy(w => w).OrderBy(g => g.Key.Series, StringComparer.Ordinal).ThenBy(g => g.Key.Year))
        {
            await using var cmd = new NpgsqlCommand($"""
                insert into {Table} as n (tenant_id, series, year, last) values ($1, $2, $3, $4)
                on conflict (tenant_id, series, year) do update set last = n.last + excluded.last
                returning last
                """, connection);
            cmd.Parameters.AddWithValue(session.TenantId);
            cmd.Parameters.AddWithValue(group.Key.Series);
            cmd.Parameters.AddWithValue(group.Key.Year);
            cmd.Parameters.AddWithValue(group.Count());
            last[group.Key] = (int)(await cmd.ExecuteScalarAsync(ct))!;
        }
        // hand out each group's numbers in the order asked
        var taken = last.ToDictionary(p => p.Key, p => p.Value - wanted.Count(w => w == p.Key));
        return wanted.Select(w => ++taken[w]).ToList();
    }
}

/// <summary>Creates the counter table at start (the host's own SQL, beside Marten's schema).</summary>
public sealed class NoticeStorage(Infrastructure.AgencyDatabases databases) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        // the counters are taken in the transaction of the agency's step: in each database that holds agencies
        foreach (var dataSource in databases.All) await CreateAsync(dataSource, ct);
    }

    private static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("create schema if not exists disclosure; " + NoticeNumbers.CreateTable); // a new database has no schema yet
        try { await cmd.ExecuteNonQueryAsync(ct); }
        catch (PostgresException e) when (e.SqlState is "23505" or "42P07") { /* another node created it at the same moment */ }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
