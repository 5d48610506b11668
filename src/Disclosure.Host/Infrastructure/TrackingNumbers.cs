using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Human-readable case numbers, unique per agency: <c>{agency code}-{year}-{sequence}</c> for applications
/// (e.g. <c>SP-2024-00017</c>) and <c>{agency code}-M{year}-{sequence}</c> for mailbox letters.
/// The counter row is bumped in its own short transaction, so intakes of one agency do not queue behind each
/// other's whole transaction; a failed intake leaves a gap in the numbers, never a duplicate.
/// </summary>
public sealed class TrackingNumbers(NpgsqlDataSource dataSource, string schema)
{
    public const string TableName = "tracking_counters";

    public static Table Table(string schema)
    {
#pragma warning disable CS0618 // the two-part name is all this table needs
        var table = new Table(new PostgresqlObjectName(schema, TableName));
#pragma warning restore CS0618
        table.AddColumn<string>("agency").AsPrimaryKey();
        table.AddColumn<string>("kind").AsPrimaryKey();
        table.AddColumn<int>("year").AsPrimaryKey();
        table.AddColumn<int>("last").NotNull();
        return table;
    }

    public async Task<string> NextAsync(string agency, string agencyCode, string kind, int year, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"insert into {schema}.{TableName} (agency, kind, year, last) values ($1, $2, $3, 1) " +
            $"on conflict (agency, kind, year) do update set last = {schema}.{TableName}.last + 1 returning last");
        cmd.Parameters.AddWithValue(agency);
        cmd.Parameters.AddWithValue(kind);
        cmd.Parameters.AddWithValue(year);
        var next = (int)(await cmd.ExecuteScalarAsync(ct))!;
        return kind == "letter" ? $"{agencyCode}-M{year}-{next:D5}" : $"{agencyCode}-{year}-{next:D5}";
    }
}
