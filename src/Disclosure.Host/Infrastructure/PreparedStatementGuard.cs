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
/// used again: the pool is cleared, and busy connections are closed when they are returned.
/// Test: PlatformSpecs.A_statement_refused_while_being_prepared_does_not_break_the_next_request.
/// </summary>
public sealed class PreparedStatementGuard(NpgsqlDataSource dataSource) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;
    public void SchemaChange(string sql) { }

    public void LogSuccess(NpgsqlCommand command) { }
    public void LogSuccess(NpgsqlBatch batch) { }
    public void LogFailure(NpgsqlCommand command, Exception ex) => Inspect(ex);
    public void LogFailure(NpgsqlBatch batch, Exception ex) => Inspect(ex);
    public void LogFailure(Exception ex, string message) => Inspect(ex);
    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
    public void OnBeforeExecute(NpgsqlCommand command) { }
    public void OnBeforeExecute(NpgsqlBatch batch) { }

    private void Inspect(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: var state } && Poisons(state))
            {
                dataSource.Clear();
                return;
            }
    }

    /// <summary>Data exceptions (class 22) are raised while binding parameters; program limits (54) and internal errors (XX) are not trusted either.</summary>
    public static bool Poisons(string sqlState) => sqlState.StartsWith("22", StringComparison.Ordinal)
        || sqlState.StartsWith("54", StringComparison.Ordinal) || sqlState.StartsWith("XX", StringComparison.Ordinal);
}
