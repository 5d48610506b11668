using Marten;

namespace Disclosure.Host.Cluster;

/// <summary>
/// How a change to reference data every node caches — the holiday calendar, an agency's settings, the years an agency
/// closed — reaches every node: a PostgreSQL <c>NOTIFY</c> queued in the very transaction that records the change.
/// </summary>
/// <remarks>
/// Why NOTIFY and not Wolverine's <c>BroadcastToAllNodesAsync</c>: PostgreSQL delivers the notification when that
/// transaction commits and never when it rolls back, so no node hears of a change that did not happen and none misses
/// one that did while it is listening; it arrives in milliseconds (Wolverine's control queue is polled about once a
/// second); and it needs no node registry, so it works the same for a node still joining the cluster, in Wolverine's
/// solo mode (tests) and across a PostgreSQL restart (a listener that lost its connection forgets everything it
/// cached, see <see cref="ReferenceListener"/>). A bounded cache lifetime (<see cref="ReferenceCacheSettings"/>) is the
/// backstop for a notification lost anyway. NOTIFY needs a session-level connection: no PgBouncer transaction pooling
/// between the hosts and PostgreSQL (README, "Several nodes").
/// </remarks>
public static class ReferenceChanges
{
    public const string Channel = "disclosure_reference_changed";

    private const string CalendarChange = "calendar";
    private const string AgencyPrefix = "agency:";
    private const string ClosedYearsPrefix = "closed-years:";

    /// <summary>
    /// Queues the notice of a change to <paramref name="stream"/> in the session that records it (only
    /// <see cref="ReferenceWrites"/> calls this): a holiday notice → every node reloads the calendar; an agency's
    /// registration or settings → every node reads it again; a report file (year close, chapters, table 二, publication)
    /// → every node reads the agency's closed years again.
    /// </summary>
    internal static void Announce(IDocumentSession session, ReferenceStream stream) => Announce(session, stream.Cache switch
    {
        ReferenceCache.Calendar => CalendarChange,
        ReferenceCache.Agency => AgencyPrefix + stream.Agency,
        ReferenceCache.ReportFile => ClosedYearsPrefix + stream.Agency,
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream.Cache, "a reference stream every node must hear of"),
    });

    // NOTIFY, not "select pg_notify(…)": a statement in Marten's batch must not return rows (they would be read as the
    // answer of the next operation). Its payload is a literal; agency ids are slugs, quotes are doubled all the same.
    private static void Announce(IDocumentSession session, string change) =>
        session.QueueSqlCommand($"notify {Channel}, '{change.Replace("'", "''")}'");

    /// <summary>What a notification asks of the caches of this node.</summary>
    public static (bool Calendar, string? Agency, string? ClosedYears) Read(string payload) => payload switch
    {
        CalendarChange => (true, null, null),
        _ when payload.StartsWith(AgencyPrefix, StringComparison.Ordinal) => (false, payload[AgencyPrefix.Length..], null),
        _ when payload.StartsWith(ClosedYearsPrefix, StringComparison.Ordinal) => (false, null, payload[ClosedYearsPrefix.Length..]),
        _ => (false, null, null),
    };
}

/// <summary>How long a node trusts what it cached without hearing of a change (<c>Cluster:ReferenceCacheSeconds</c>, 60).</summary>
public sealed record ReferenceCacheSettings(TimeSpan MaxAge)
{
    public static ReferenceCacheSettings From(IConfiguration config) =>
        new(TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Cluster:ReferenceCacheSeconds", 60), 1, 3600)));
}
