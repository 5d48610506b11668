using Disclosure.Domain;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Marten;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Runs one step on a case stream: read its events (the session is the agency's tenant, so another agency's
/// case is simply not there), fold them exactly as the inline projection does, let the domain decide, append with
/// the version read as the expected one, schedule the deadline checks of the new state, commit, answer. A refusal
/// or a lost race appends and schedules nothing.
/// </summary>
/// <remarks>Built from the session and message bus Wolverine opened for the route's agency — never ones from the
/// container: the session would not be scoped to the tenant, and the bus would not be enlisted in the session's
/// transaction (its scheduled checks would then be written in a second transaction, after the commit).</remarks>
public abstract class CaseSteps<TCase>(IDocumentSession session, HttpContext http, Wolverine.IMessageBus bus, string noun)
    where TCase : class, ITrackedCase
{
    protected IDocumentSession Session { get; } = session;
    protected BusinessClock Clock { get; } = http.RequestServices.GetRequiredService<BusinessClock>();
    protected CalendarStore Calendars { get; } = http.RequestServices.GetRequiredService<CalendarStore>();

    public DateOnly Today => Clock.Today;
    public Domain.Calendar.WorkingDayCalendar Calendar => Calendars.Current;

    /// <summary>The answer of a step or a GET: the case with its history.</summary>
    protected abstract object View(TCase state, IReadOnlyList<JasperFx.Events.IEvent> events);

    /// <summary>The case folded from its events' data exactly as the inline projection folds it.</summary>
    protected abstract TCase Fold(IEnumerable<object> events, long version);

    /// <summary>Consequences every step of this kind of case carries with it (e.g. reversing a carry-forward).</summary>
    protected virtual IReadOnlyList<object> Complete(TCase state, IReadOnlyList<object> events) => events;

    /// <summary>
    /// Schedules the durable deadline checks of the case as it will stand. Call it before the session's commit: the
    /// bus is enlisted in the session's transaction, so the checks are stored with the events or not at all.
    /// </summary>
    public abstract Task ScheduleDeadlinesAsync(TCase state, CancellationToken ct);

    protected Wolverine.IMessageBus Bus => bus;
    protected Deadlines.DeadlineAlarms Alarms => http.RequestServices.GetRequiredService<Deadlines.DeadlineAlarms>();

    public async Task<Guid?> ResolveAsync(string idOrTrackingNumber, CancellationToken ct)
    {
        if (Guid.TryParse(idOrTrackingNumber, out var id)) return id;
        var found = await Session.Query<TCase>().Where(c => c.TrackingNumber == idOrTrackingNumber).Select(c => c.Id).ToListAsync(ct);
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>The case's stream for writing, or null when the agency has no such case (id or tracking number).</summary>
    public async Task<JasperFx.Events.IEventStream<TCase>?> FetchForWritingAsync(string id, CancellationToken ct)
    {
        if (await ResolveAsync(id, ct) is not { } streamId) return null;
        var stream = await Session.Events.FetchForWriting<TCase>(streamId, ct);
        return stream.Aggregate is null ? null : stream;
    }

    public IResult NotFound(string id) => Problems.NotFound($"There is no {noun} '{id}' in this agency.");

    public async Task<IResult> GetAsync(string id, CancellationToken ct) =>
        await ResolveAsync(id, ct) is { } streamId && await ReadViewAsync(streamId, ct) is { } view ? Results.Ok(view) : NotFound(id);

    /// <summary>The projected case and its history, read in one round trip; null when the agency has no such case.</summary>
    protected async Task<object?> ReadViewAsync(Guid streamId, CancellationToken ct)
    {
        var batch = Session.CreateBatchQuery();
        var stored = batch.Load<TCase>(streamId);
        var history = batch.Events.FetchStream(streamId);
        await batch.Execute(ct);
        return await stored is { } state ? View(state, await history) : null;
    }

    /// <summary>
    /// Commits the session; null when committed, else the 409 for a writer that got there first — with the session's
    /// pending changes (events, documents, scheduled checks) dropped, so no later flush can save any of them.
    /// </summary>
    public async Task<IResult?> CommitAsync(CancellationToken ct)
    {
        try
        {
            await Session.SaveChangesAsync(ct);
            return null;
        }
        catch (Exception e) when (StorageConflict.Is(e))
        {
            Session.EjectAllPendingChanges();
            return LostRace();
        }
    }

    private IResult LostRace() =>
        Problems.Conflict($"Someone else changed the {noun} at the same moment; nothing was recorded. Reload and try again.");

    public Task<IResult> Run(string id, long? expectedVersion, Func<TCase, object> decide, CancellationToken ct, Func<object, IResult>? respond = null) =>
        RunMany(id, expectedVersion, c => [decide(c)], ct, respond);

    public async Task<IResult> RunMany(string id, long? expectedVersion, Func<TCase, IReadOnlyList<object>> decide, CancellationToken ct,
        Func<object, IResult>? respond = null)
    {
        if (await ResolveAsync(id, ct) is not { } streamId) return NotFound(id);
        // one round trip: the stream for writing (the projected case, reused by the inline projection at commit, and
        // the version that must still hold then) and its events for the answer's history
        var batch = Session.CreateBatchQuery();
        var forWriting = batch.Events.FetchForWriting<TCase>(streamId);
        var stored = batch.Events.FetchStream(streamId);
        await batch.Execute(ct);
        var stream = await forWriting;
        var history = await stored;
        if (stream.Aggregate is null || history.Count == 0) return NotFound(id);
        var version = history[^1].Version;
        if (version != stream.CurrentVersion) return LostRace(); // a writer committed between the two reads
        if (expectedVersion is { } v && v != version)
            return Problems.Conflict($"The {noun} is at version {version}, not {v}: someone else changed it. Reload and try again.");

        var current = Fold(history.Select(e => e.Data), version);
        IReadOnlyList<object> events;
        try
        {
            events = Complete(current, decide(current));
        }
        catch (Refusal refusal)
        {
            return Problems.From(refusal);
        }

        // the version read is the one expected at commit: a writer in between makes the append fail (409)
        stream.AppendMany(events);
        var state = Fold(history.Select(e => e.Data).Concat(events), version + events.Count);
        Session.LastModifiedBy = Actor.Of(http.User);
        await ScheduleDeadlinesAsync(state, ct);
        if (await CommitAsync(ct) is { } conflict) return conflict;

        // the appended events carry the version, time and user they were stored with: no read after the write
        var view = View(state, [.. history, .. stream.Events]);
        return respond is null ? Results.Ok(view) : respond(view);
    }
}
