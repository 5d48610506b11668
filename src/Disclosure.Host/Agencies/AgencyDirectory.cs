using System.Collections.Concurrent;
using Disclosure.Domain.Agencies;
using Marten;

namespace Disclosure.Host.Agencies;

/// <summary>
/// Registered agencies, cached once seen (an agency is never deleted). An id not in the cache is looked up,
/// so an agency registered a moment ago is found at once.
/// </summary>
public sealed class AgencyDirectory(IDocumentStore store)
{
    private readonly ConcurrentDictionary<string, Agency> _known = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<int>> _closedYears = new();

    /// <summary>The agency with exactly this id; null for an unknown id or a value that is no agency id at all.</summary>
    public async Task<Agency?> FindAsync(string id, CancellationToken ct)
    {
        if (_known.TryGetValue(id, out var agency)) return agency;
        if (AgencyRules.Normalize(id) != id) return null; // not a slug: never sent to the database
        await using var session = store.QuerySession();
        agency = await session.LoadAsync<Agency>(id, ct);
        if (agency is not null) _known[id] = agency;
        return agency;
    }

    /// <summary>How many working days before a due date the agency's handlers are reminded.</summary>
    public async Task<int> ReminderDaysAsync(string id, CancellationToken ct) =>
        (await FindAsync(id, ct))?.ReminderWorkingDays ?? Agency.DefaultReminderWorkingDays;

    /// <summary>The years the agency has closed (<c>year_closed</c>): from then on every change keeps the carry-forward records true.</summary>
    public async Task<IReadOnlyList<int>> ClosedYearsAsync(string id, CancellationToken ct)
    {
        if (_closedYears.TryGetValue(id, out var years)) return years;
        await using var session = store.QuerySession(id);
        years = (await session.Query<Domain.Reporting.ReportFile>().Where(f => f.ClosedAt != null).Select(f => f.Year).ToListAsync(ct)).Order().ToList();
        _closedYears[id] = years;
        return years;
    }

    /// <summary>Forgets one agency after it changed, so the next look-up reads it again.</summary>
    public void Forget(string id) => _known.TryRemove(id, out _);

    public void ForgetClosedYears(string id) => _closedYears.TryRemove(id, out _);

    /// <summary>Forgets everything (tests reset the database between scenarios).</summary>
    public void Clear()
    {
        _known.Clear();
        _closedYears.Clear();
    }
}
