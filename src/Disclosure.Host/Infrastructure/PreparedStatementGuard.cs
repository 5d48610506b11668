using Marten;
using Marten.Services;
using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Works around an Npgsql bug (seen in 9.0.4, 9.0.5 and 10.0.3; npgsql/npgsql#6391 is the same family): when a
/// statement is sent for automatic preparation (<c>Max Auto Prepare</c>, which the host turns on) and PostgreSQL rejects
/// one of its parameters while binding it — a data exception, SQLSTATE class 22, e.g. <c>\u0000</c> in a jsonb value
/// (22P05) — Npgsql's book-keeping of that connection's prepared statements no longer matches the server, and the next
/// command on the same pooled connection fails with "Received unexpected backend message DataRow". Errors raised while
/// executing (a unique violation, a stale stream version) do not do this. The input policy keeps client data from
/// causing such errors at all; this guard makes sure that if one happens anyway, the connection it happened on is never
/// used again: the pool is cleared, and busy connections are closed when they are returned. With several databases
/// (README, "Several databases") each has its own pool: the one the failed command's connection came from is cleared
/// (all of them when that is not known — a failure logged without its command).
/// Tests: PlatformSpecs.A_statement_refused_while_being_prepared_does_not_break_the_next_request,
/// SeveralDatabasesGuardSpecs.A_statement_refused_in_an_agency_database_does_not_break_the_next_request_there.
/// </summary>
public sealed class PreparedStatementGuard(IReadOnlyList<NpgsqlDataSource> dataSources) : IMartenLogger, IMartenSessionLogger
{
    public PreparedStatementGuard(NpgsqlDataSource dataSource) : this([dataSource]) { }

    public IMartenSessionLogger StartSession(IQuerySession session) => this;
    public void SchemaChange(string sql) { }

    public void LogSuccess(NpgsqlCommand command) { }
    public void LogSuccess(NpgsqlBatch batch) { }
    public void LogFailure(NpgsqlCommand command, Exception ex) => Inspect(ex, command.Connection);
    public void LogFailure(NpgsqlBatch batch, Exception ex) => Inspect(ex, batch.Connection);
    public void LogFailure(Exception ex, string message) => Inspect(ex, null);
    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
    public void OnBeforeExecute(NpgsqlCommand command) { }
    public void OnBeforeExecute(NpgsqlBatch batch) { }

    private void Inspect(Exception? e, NpgsqlConnection? connection)
    {
        for (; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: var state } && Poisons(state))
            {
                // a connection of a data source carries the data source's connection string (Npgsql hands it over)
                var owners = connection?.ConnectionString is { Length: > 0 } cs
                    ? dataSources.Where(d => d.ConnectionString == cs).ToList()
                    : [];
                foreach (var source in owners.Count > 0 ? owners : dataSources) source.Clear();
                return;
            }
    }

    /// <summary>Data exceptions (class 22) are raised while binding parameters; program limits (54) and internal errors (XX) are not trusted either.</summary>
    public static bool Poisons(string sqlState) => sqlState.StartsWith("22", StringComparison.Ordinal)
        || sqlState.StartsWith("54", StringComparison.Ordinal) || sqlState.StartsWith("XX", StringComparison.Ordinal);
}
