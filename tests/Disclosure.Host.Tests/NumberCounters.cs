using Disclosure.Host.Notices;
using Npgsql;

namespace Disclosure.Host.Tests;

/// <summary>
/// Scenarios start numbering from 1 again. This reissues numbers already handed out, so it lives here and never in the
/// product. It runs on a connection of its own, outside the host's pool and its prepared statements.
/// </summary>
public static class NumberCounters
{
    /// <summary>
    /// Every tracking-number sequence (<c>tn_*</c>, see TrackingNumbers) starts again at 1. Restarted, not dropped: the
    /// host remembers which sequences it created and would not create a dropped one again.
    /// </summary>
    public static Task RestartTrackingNumbersAsync(string connectionString, string schema = "disclosure") => ExecuteAsync(connectionString, $"""
        do $$ declare s record; begin
          for s in select sequence_schema, sequence_name from information_schema.sequences
                   where sequence_schema = '{schema}' and sequence_name like 'tn\_%' loop
            execute format('alter sequence %I.%I restart with 1', s.sequence_schema, s.sequence_name);
          end loop; end $$
        """);

    /// <summary>Every 文号 series (NoticeNumbers' counter rows) starts again at 1.</summary>
    public static Task ClearNoticeNumbersAsync(string connectionString) => ExecuteAsync(connectionString, $"delete from {NoticeNumbers.Table}");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, MaxAutoPrepare = 0 };
        await using var connection = new NpgsqlConnection(unpooled.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
