using JasperFx;
using JasperFx.Events;
using Npgsql;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// The shapes in which PostgreSQL and Marten report that a concurrent writer got there first: a stale stream
/// version, a stream id or document id that now exists. All mean 409, never 500.
/// </summary>
public static class StorageConflict
{
    public static bool Is(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is ConcurrencyException or ExistingStreamIdCollisionException or DocumentAlreadyExistsException) return true;
            if (e is Marten.Exceptions.ExistingStreamIdCollisionException) return true;
            if (e is PostgresException { SqlState: "23505" or "MT003" or "40001" }) return true;
            if (e is PostgresException pg && pg.MessageText.Contains("Stream version mismatch", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
