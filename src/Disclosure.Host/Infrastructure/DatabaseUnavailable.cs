using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Failures that mean "PostgreSQL could not be reached or went away", not "PostgreSQL refused this": Npgsql's transient
/// errors (no connection, a broken one, the server shutting down or starting, no node taking writes during a failover),
/// anywhere in the exception's chain (Marten and Wolverine wrap them).
/// </summary>
public static class DatabaseUnavailable
{
    public static bool Is(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } => true,
        AggregateException a => a.InnerExceptions.Any(Is),
        { InnerException: { } inner } => Is(inner),
        _ => false,
    };
}
