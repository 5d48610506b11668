using System.Text.RegularExpressions;
using Disclosure.Host.Infrastructure;
using Npgsql;

namespace Disclosure.Host.Tests.Platform;

/// <summary>
/// Raw SQL over an agency's rows goes through one helper that always applies the tenant (<see cref="TenantSql"/>): the agency
/// is $1, bound there, and a statement that leaves a tenant_id unfiltered by it never reaches the database. No database.
/// </summary>
public class TenantSqlSpecs
{
    /// <summary>
    /// Files (under src/) that filter tenant_id in SQL without the helper, and why they may. Any other file that does fails
    /// the scan below: send it through TenantSql.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Allowed = new Dictionary<string, string>
    {
        ["Disclosure.Host/Infrastructure/TenantSql.cs"] = "the helper itself.",
        ["Disclosure.Host/Cases/CaseWrites.cs"] =
            "erasure masks the case's stored events in Marten's own batch (QueueSqlCommand, '?' placeholders), bound to the session's tenant.",
        ["Disclosure.Host/Search/SearchIndexProjection.cs"] =
            "the search index projection writes the rows of the tenant of the events it applies, in Marten's projection batch ('?' placeholders).",
        ["Disclosure.Host/Reporting/ReportBuilder.cs"] =
            "the report's freshness reads the newest event of each agency of a (summed) report, and its tallies those of each agency (tenant_id = any($1)): several tenants by design, each named.",
    };

    private static readonly Regex TenantFilter = new(@"tenant_id\s*(=|\|\|)", RegexOptions.Compiled);

    [Fact]
    public void The_agency_is_bound_as_the_first_parameter_and_the_values_follow()
    {
        var command = TenantSql.BatchCommand("sanchang-park", "select id from disclosure.mt_doc_application where tenant_id = $1 and id = $2 and data ->> 'status' = $3",
            Guid.Empty, new NpgsqlParameter { Value = "received" });
        Assert.Equal(["sanchang-park", Guid.Empty, "received"], command.Parameters.Select(p => p.Value));
    }

    [Theory]
    [InlineData("select count(*) from disclosure.mt_doc_application")] // no tenant at all: every agency's rows
    [InlineData("select count(*) from disclosure.mt_doc_application where id = $1")]
    [InlineData("select count(*) from disclosure.mt_doc_application where tenant_id = $2")] // another parameter than the one bound
    [InlineData("select count(*) from disclosure.mt_doc_application where tenant_id = $12")]
    [InlineData("select 1 from a where a.tenant_id = $1 union all select 1 from b where b.tenant_id <> $1")] // one of two filtered
    [InlineData("select 1 from a join b on b.tenant_id = a.tenant_id where a.tenant_id = $1")] // b joined by a column, not by the agency
    public void A_statement_that_leaves_a_tenant_unfiltered_by_the_agency_is_refused(string sql)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => TenantSql.BatchCommand("sanchang-park", sql));
        Assert.Contains("filters every tenant_id by $1", refused.Message);
    }

    [Theory]
    [InlineData("select 1 from t where tenant_id = $1")]
    [InlineData("select 1 from t c where c.tenant_id=$1 and c.key = $2")]
    [InlineData("select 1 from s where (s.tenant_id || '') = $1 and s.kind = 'application'")]
    [InlineData("select 1 from a where a.tenant_id = $1 union all select 1 from b where b.tenant_id = $1")]
    public void A_statement_filtering_every_tenant_by_the_agency_is_sent(string sql) =>
        Assert.Equal(sql, TenantSql.Checked(sql));

    [Fact]
    public void A_missing_agency_is_refused_before_any_statement() =>
        Assert.ThrowsAny<ArgumentException>(() => TenantSql.BatchCommand("", "select 1 from t where tenant_id = $1"));

    [Fact]
    public void Raw_SQL_filters_tenants_only_through_the_helper()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Disclosure.sln"))) dir = dir.Parent;
        var root = Path.Combine(dir!.FullName, "src");
        var stray = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => (File: Path.GetRelativePath(root, path).Replace('\\', '/'), Text: File.ReadAllText(path)))
            .Where(f => !f.File.Split('/').Any(p => p is "bin" or "obj") && !Allowed.ContainsKey(f.File))
            .Where(f => TenantFilter.IsMatch(f.Text) && !f.Text.Contains("TenantSql.", StringComparison.Ordinal))
            .Select(f => f.File).ToList();
        Assert.True(stray.Count == 0, "Tenants filtered by hand in raw SQL (use TenantSql, or add the file to TenantSqlSpecs.Allowed with its reason):\n  " + string.Join("\n  ", stray));
        foreach (var (file, reason) in Allowed)
        {
            Assert.True(File.Exists(Path.Combine(root, file)), $"src/{file} is allowed but gone: correct the allow-list.");
            Assert.True(reason.Length > 10, $"src/{file}: say why.");
        }
    }
}
