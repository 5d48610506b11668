using System.Collections.Concurrent;
using Disclosure.Domain.Agencies;
using Disclosure.Host.Cluster;
using Marten;

namespace Disclosure.Host.Agencies;

/// <summary>
/// Registered agencies and the years each closed, cached per node. An id not in the cache is looked up, so an agency
/// registered a moment ago is found at once. A change made on any node is forgotten on every node when it commits
/// (<see cref="ReferenceChanges"/>, Cluster/ReferenceListener); an entry older than the cache lifetime is read again
/// anyway, in case a notification was lost.
/// </summary>
public sealed class AgencyDirectory(IDocumentStore store, ReferenceCacheSettings cache)
{
    private sealed record Entry<T>(T Value, long ReadAt);

    private readonly ConcurrentDictionary<string, Entry<Agency>> _known = new();
    private readonly ConcurrentDictionary<string, Entry<IReadOnlyList<int>>> _closedYears = new();
    // bumped by every forget: a value read while something was forgotten may predate the change, so it is not kept
    private long _generation;

    /// <summary>The agency with exactly this id; null for an unknown id or a value that is no agency id at all.</summary>
    public async Task<Agency?> FindAsync(string id, CancellationToken ct)
    {
        if (Cached(_known, id) is { } cached) return cached;
        if (AgencyRules.Normalize(id) != id) return null; // not a slug: never sent to the database
        var generation = Interlocked.Read(ref _generation);
        await using var session = store.QuerySession();
        var agency = await session.LoadAsync<Agency>(id, ct);
        if (agency is not null) Keep(_known, id, agency, generation);
        return agency;
    }

    /// <summary>How many working days before a due date the agency's handlers are reminded.</summary>
    public async Task<int> ReminderDaysAsync(string id, CancellationToken ct) =>
        (await FindAsync(id, ct))?.ReminderWorkingDays ?? Agency.DefaultReminderWorkingDays;

    /// <summary>The years the agency has closed (<c>year_closed</c>): from then on every change keeps the carry-forward records true.</summary>
    public async Task<IReadOnlyList<int>> ClosedYearsAsync(string id, CancellationToken ct)
    {
        if (Cached(_closedYears, id) is { } cached) return cached;
        var generation = Interlocked.Read(ref _generation);
        await using var session = store.QuerySession(id);
        IReadOnlyList<int> years = (await session.Query<Domain.Reporting.ReportFile>().Where(f => f.ClosedAt != null).Select(f => f.Year).ToListAsync(ct)).Order().ToList();
        Keep(_closedYears, id, years, generation);
        return years;
    }

    /// <summary>Forgets one agency after it changed, so the next look-up reads it again.</summary>
    public void Forget(string id) => Forget(_known, id);

    public void ForgetClosedYears(string id) => Forget(_closedYears, id);

    /// <summary>Forgets everything (after a lost connection to the notifications; tests reset the database between scenarios).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _known.Clear();
        _closedYears.Clear();
    }

    private T? Cached<T>(ConcurrentDictionary<string, Entry<T>> entries, string id) where T : class =>
        entries.TryGetValue(id, out var entry) && Environment.TickCount64 - entry.ReadAt < cache.MaxAge.TotalMilliseconds ? entry.Value : null;

    private void Keep<T>(ConcurrentDictionary<string, Entry<T>> entries, string id, T value, long generation)
    {
        entries[id] = new Entry<T>(value, Environment.TickCount64);
        if (Interlocked.Read(ref _generation) != generation) entries.TryRemove(id, out _);
    }

    private void Forget<T>(ConcurrentDictionary<string, Entry<T>> entries, string id)
    {
        Interlocked.Increment(ref _generation);
        entries.TryRemove(id, out _);
    }
}
