using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Ready means PostgreSQL answers: without it nothing can be recorded. With several databases (README, "Several
/// databases") every one of them must answer — the master (registry, settings, Wolverine's node registry) and each
/// agency database: a node that cannot reach one of them fails that group's intakes, deadline checks and projections, so
/// the proxy is better off sending the requests elsewhere. The answer names the databases that do not answer by their
/// configured name (<c>EventStore__Databases__{name}</c>, or <c>master</c>), never by connection string (it carries hosts
/// and may carry a password, and the endpoint is anonymous).
/// </summary>
public sealed class PostgresReady(AgencyDatabases databases) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        // asked at once, each within the same 3 s: a check over N databases is not N times slower
        var named = new[] { (Name: AgencyDatabases.MasterName, Source: databases.Master) }
            .Concat(databases.Names.Select(n => (Name: n, Source: databases.Group(n))));
        var answers = await Task.WhenAll(named.Select(async d => (d.Name, Failure: await FailureAsync(d.Source, ct))));
        var silent = answers.Where(a => a.Failure is not null).ToList();
        if (silent.Count == 0)
            return HealthCheckResult.Healthy(databases.Several ? $"PostgreSQL answers in every database ({answers.Length})." : "PostgreSQL answers.");
        var which = string.Join(", ", silent.Select(s => $"'{s.Name}'"));
        return HealthCheckResult.Unhealthy($"PostgreSQL does not answer in the database {which}.", silent[0].Failure,
            silent.ToDictionary(s => s.Name, s => (object)Describe(s.Failure!)));
    }

    /// <summary>Why the database does not answer <c>select 1</c> within <see cref="Timeout"/>, or null when it does (also the projection watchdog's probe).</summary>
    public static async Task<Exception?> FailureAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            await using var cmd = source.CreateCommand("select 1");
            await cmd.ExecuteScalarAsync(timeout.Token);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return e;
        }
    }

    /// <summary>What went wrong, without the server's address: a SQLSTATE, or the kind of failure.</summary>
    private static string Describe(Exception e) => e switch
    {
        PostgresException pg => $"SQLSTATE {pg.SqlState}",
        OperationCanceledException or TimeoutException => "no answer within 3 s",
        _ => "no connection",
    };

    /// <summary>
    /// The readiness answer: the status on the first line (what a proxy's check reads: 200 or 503), then one line per
    /// check that failed, with its description — which database, by name.
    /// </summary>
    public static Task WriteAsync(HttpContext http, HealthReport report) => HealthText.WriteAsync(http, report, failingOnly: true);
}

/// <summary>
/// A health answer as plain text: the status on the first line (what a proxy's check reads), then each check's description
/// and data, one line each — of every check, or only of those not healthy.
/// </summary>
public static class HealthText
{
    public static Task WriteAsync(HttpContext http, HealthReport report, bool failingOnly)
    {
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (_, entry) in report.Entries.Where(e => !failingOnly || e.Value.Status != HealthStatus.Healthy))
        {
            text.Append('\n').Append(entry.Description);
            foreach (var (name, detail) in entry.Data) text.Append("\n  ").Append(name).Append(": ").Append(detail);
        }
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(text.ToString());
    }
}
