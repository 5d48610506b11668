using System.Text.RegularExpressions;
using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Raw SQL over one agency's rows — kept where it earns its keep (the worklist's index walk, the repeat check's batch, the
/// search's ranking, a row lock) — always through here: the tenant is parameter <c>$1</c>, bound here from the agency, and a
/// statement that does not filter every <c>tenant_id</c> it names by <c>$1</c> is refused before it reaches the database.
/// Marten filters its own queries by tenant (conjoined tenancy); raw SQL gets the same guarantee from this one place.
/// </summary>
public static partial class TenantSql
{
    /// <summary>A command on <paramref name="db"/>: <c>$1</c> is <paramref name="tenant"/>, <c>$2</c>… the <paramref name="values"/>.</summary>
    public static NpgsqlCommand Command(NpgsqlDataSource db, string tenant, string sql, params object?[] values) =>
        Bound(db.CreateCommand(Checked(sql)), tenant, values);

    /// <summary>A command on an open connection (in its transaction, if any): <c>$1</c> is <paramref name="tenant"/>.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, string tenant, string sql, params object?[] values) =>
        Bound(new NpgsqlCommand(Checked(sql), connection), tenant, values);

    /// <summary>One statement of a batch: <c>$1</c> is <paramref name="tenant"/>.</summary>
    public static NpgsqlBatchCommand BatchCommand(string tenant, string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(Checked(sql));
        Bind(command.Parameters, tenant, values);
        return command;
    }

    /// <summary>The statement, if every <c>tenant_id</c> it names is compared with <c>$1</c> (and it names one).</summary>
    public static string Checked(string sql)
    {
        var named = TenantColumn().Count(sql);
        var filtered = TenantFilter().Count(sql);
        if (filtered == 0 || named != filtered)
            throw new InvalidOperationException(
                $"Raw SQL over an agency's rows filters every tenant_id by $1 (the agency, bound by TenantSql): {named} named, {filtered} filtered by $1.");
        return sql;
    }

    private static T Bound<T>(T command, string tenant, object?[] values) where T : NpgsqlCommand
    {
        Bind(command.Parameters, tenant, values);
        return command;
    }

    private static void Bind(NpgsqlParameterCollection parameters, string tenant, object?[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        parameters.Add(new NpgsqlParameter { Value = tenant, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        foreach (var value in values)
            parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
    }

    [GeneratedRegex(@"\btenant_id\b")]
    private static partial Regex TenantColumn();

    // "tenant_id = $1", "c.tenant_id = $1", and "(s.tenant_id || '') = $1" (the form that keeps the planner off the
    // tenant index where another index chooses the rows)
    [GeneratedRegex(@"(?:\b\w+\.)?\btenant_id\s*=\s*\$1(?!\d)|\(\s*(?:\w+\.)?tenant_id\s*\|\|\s*''\s*\)\s*=\s*\$1(?!\d)")]
    private static partial Regex TenantFilter();
}
