using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Failures that mean "PostgreSQL could not be reached or went away", not "PostgreSQL refused this": Npgsql's transient
/// errors (no connection, a broken one, the server shutting down or starting, no node taking writes during a failover),
/// anywhere in the exception's chain (Marten and Wolverine wrap them). Also the multi-host data source finding no node
/// that takes writes ("No suitable host was found.": during a failover, until the standby is promoted — README, "A primary
/// that can die"), which Npgsql raises as a plain exception not marked transient.
/// </summary>
public static class DatabaseUnavailable
{
    public static bool Is(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException and not PostgresException when e.Message.StartsWith("No suitable host", StringComparison.Ordinal) => true,
        AggregateException a => a.InnerExceptions.Any(Is),
        { InnerException: { } inner } => Is(inner),
        _ => false,
    };
}
