using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Host.Infrastructure;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Disclosure.Host.Cases;

/// <summary>
/// A throwaway replay: every case of one kind of one agency as it stood at an instant, folded from the events recorded by
/// then (with the calendar in force then). Nothing is kept — an audit (条例第四十七条: supervision of the agency's
/// disclosure work) asks for a past day now and then; a second projection kept for ever would cost every intake.
/// </summary>
public static class CaseReplay
{
    /// <summary>The agency's events implementing <typeparamref name="TMarker"/> recorded at or before the instant, in order.</summary>
    public static async Task<IReadOnlyList<IEvent>> EventsAsync<TMarker>(IQuerySession session, DateTimeOffset at, CancellationToken ct)
    {
        var cutoff = AsOf.ForDatabase(at);
        var agency = session.TenantId;
        var types = EventStore.Implementing<TMarker>().ToArray();
        return await session.Events.QueryAllRawEvents()
            .Where(e => e.TenantId == agency && e.Timestamp <= cutoff && e.EventTypesAre(types))
            .OrderBy(e => e.Sequence).ToListAsync(ct);
    }

    /// <summary>Every case of the kind as it stood at the instant (cases received later are not among them).</summary>
    public static async Task<(IReadOnlyList<TCase> Cases, WorkingDayCalendar Calendar)> CasesAsync<TCase, TMarker>(CaseKind<TCase> kind, IDocumentStore store,
        IQuerySession session, ClockSettings settings, DateTimeOffset at, CancellationToken ct) where TCase : class, ITrackedCase
    {
        var events = await EventsAsync<TMarker>(session, at, ct);
        var calendar = await CaseAsOf.CalendarAsOfAsync(store, at, ct);
        var cases = events.GroupBy(e => e.StreamId) // GroupBy keeps each stream's events in their order
            .Select(stream => CaseAsOf.Fold(kind, stream.ToList(), at, calendar, settings, session.TenantId).State)
            .Where(c => c.Id != Guid.Empty) // a stream whose opening event is later than the instant
            .ToList();
        return (cases, calendar);
    }
}
