using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// The one <see cref="NpgsqlDataSource"/> of a host or tool, from its connection string. A string naming several hosts
/// (a primary and its standby under pg_auto_failover: README, "A primary that can die") becomes one multi-host data
/// source whose connections go only to the node of the wanted kind — <c>Target Session Attributes</c>, <c>read-write</c>
/// when the string says none: everything here writes, and a standby being promoted is fenced read-only until the old
/// primary is out. Npgsql refuses that attribute inside a multi-host data source's own string ("TargetSessionAttributes
/// cannot be specified"), so it is taken out and applied with <c>WithTargetSession</c>.
/// Test: PlatformSpecs.A_connection_string_naming_two_hosts_connects_to_the_one_that_takes_writes.
/// </summary>
public static class PostgresDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Host is not { } host || !host.Contains(',')) return NpgsqlDataSource.Create(connectionString);
        var target = Parse(builder.TargetSessionAttributes);
        builder.TargetSessionAttributes = null;
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).BuildMultiHost().WithTargetSession(target);
    }

    private static TargetSessionAttributes Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? TargetSessionAttributes.ReadWrite
        : Enum.TryParse<TargetSessionAttributes>(value.Replace("-", ""), ignoreCase: true, out var parsed) ? parsed
        : throw new InvalidOperationException($"Target Session Attributes '{value}' is not one of any, primary, standby, prefer-primary, prefer-standby, read-write, read-only.");
}
