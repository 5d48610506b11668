using System.Collections.Concurrent;
using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Human-readable case numbers, unique per agency: <c>{agency code}-{year}-{sequence}</c> for applications
/// (e.g. <c>SP-2024-00017</c>) and <c>{agency code}-M{year}-{sequence}</c> for mailbox letters.
/// One PostgreSQL sequence per agency, kind and year: <c>nextval</c> takes no row lock, so concurrent intakes never
/// queue behind each other (a counter row did, and halved throughput); a failed intake leaves a gap, never a duplicate.
/// </summary>
public sealed class TrackingNumbers(NpgsqlDataSource dataSource, string schema)
{
    private readonly ConcurrentDictionary<string, bool> _created = new();

    public static string SequenceName(string agency, string kind, int year) => $"tn_{agency.Replace('-', '_')}_{kind}_{year}";

    /// <summary>The database the sequences live in (the master, with several databases).</summary>
    public NpgsqlDataSource DataSource => dataSource;

    public async Task<string> NextAsync(string agency, string agencyCode, string kind, int year, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(await NextSqlAsync(agency, kind, year, ct));
        return Format(agencyCode, kind, year, (long)(await cmd.ExecuteScalarAsync(ct))!);
    }

    /// <summary>
    /// The statement that takes the next number (<c>select nextval(…)</c>), its sequence created first if this node has not
    /// seen it: for a caller that sends it in a batch of its own (the intake's repeat check, one round trip for both), then
    /// <see cref="Format"/>s the value.
    /// </summary>
    public async Task<string> NextSqlAsync(string agency, string kind, int year, CancellationToken ct)
    {
        // agency ids are slugs ([a-z0-9-]), so the name is a safe identifier
        var name = $"{schema}.{SequenceName(agency, kind, year)}";
        if (!_created.ContainsKey(name))
        {
            await using var create = dataSource.CreateCommand($"create sequence if not exists {name}");
            try { await create.ExecuteNonQueryAsync(ct); }
            catch (PostgresException e) when (e.SqlState is "23505" or "42P07") { /* created by a concurrent intake */ }
            _created[name] = true;
        }
        return $"select nextval('{name}')";
    }

    public static string Format(string agencyCode, string kind, int year, long next) => kind switch
    {
        "letter" => $"{agencyCode}-M{year}-{next:D5}",
        "review" => $"{agencyCode}-F{year}-{next:D5}", // 复议/诉讼 案件
        _ => $"{agencyCode}-{year}-{next:D5}",
    };
}
