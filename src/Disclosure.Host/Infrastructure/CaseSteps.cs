using Disclosure.Domain;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Marten;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Runs one step on a case stream: load it for writing (the session is the agency's tenant, so another agency's
/// case is simply not there), let the domain decide, append, commit, answer with the new state. A refusal or a
/// lost race appends nothing.
/// </summary>
/// <remarks>Built from the session Wolverine opened for the route's agency — never one from the container,
/// which would not be scoped to the tenant.</remarks>
public abstract class CaseSteps<TCase>(IDocumentSession session, HttpContext http, string noun) where TCase : class, ITrackedCase
{
    protected IDocumentSession Session { get; } = session;
    protected BusinessClock Clock { get; } = http.RequestServices.GetRequiredService<BusinessClock>();
    protected CalendarStore Calendars { get; } = http.RequestServices.GetRequiredService<CalendarStore>();

    public DateOnly Today => Clock.Today;
    public Domain.Calendar.WorkingDayCalendar Calendar => Calendars.Current;

    /// <summary>The answer of a step or a GET: the case with its history.</summary>
    protected abstract object View(TCase state, IReadOnlyList<JasperFx.Events.IEvent> events);

    /// <summary>The case folded from its events exactly as the inline projection folds it.</summary>
    protected abstract TCase Fold(IReadOnlyList<JasperFx.Events.IEvent> events);

    /// <summary>Consequences every step of this kind of case carries with it (e.g. reversing a carry-forward).</summary>
    protected virtual IReadOnlyList<object> Complete(TCase state, IReadOnlyList<object> events) => events;

    /// <summary>After a committed change: schedule the durable deadline checks of the case as it now stands.</summary>
    public abstract Task ScheduleDeadlinesAsync(TCase state, CancellationToken ct);

    protected Wolverine.IMessageBus Bus => http.RequestServices.GetRequiredService<Wolverine.IMessageBus>();
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
        await ResolveAsync(id, ct) is { } streamId && await Session.LoadAsync<TCase>(streamId, ct) is { } state
            ? Results.Ok(View(state, await Session.Events.FetchStreamAsync(streamId, token: ct)))
            : NotFound(id);

    public Task<IResult> Run(string id, long? expectedVersion, Func<TCase, object> decide, CancellationToken ct, Func<object, IResult>? respond = null) =>
        RunMany(id, expectedVersion, c => [decide(c)], ct, respond);

    public async Task<IResult> RunMany(string id, long? expectedVersion, Func<TCase, IReadOnlyList<object>> decide, CancellationToken ct,
        Func<object, IResult>? respond = null)
    {
        if (await FetchForWritingAsync(id, ct) is not { } stream) return NotFound(id);
        var streamId = stream.Id;
        if (expectedVersion is { } v && v != stream.CurrentVersion)
            return Problems.Conflict($"The {noun} is at version {stream.CurrentVersion}, not {v}: someone else changed it. Reload and try again.");

        IReadOnlyList<object> events;
        try
        {
            events = Complete(stream.Aggregate!, decide(stream.Aggregate!));
        }
        catch (Refusal refusal)
        {
            return Problems.From(refusal);
        }

        stream.AppendMany(events);
        Session.LastModifiedBy = Actor.Of(http.User);
        try
        {
            await Session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (StorageConflict.Is(e))
        {
            Session.EjectAllPendingChanges(); // nothing of this request may be saved by a later flush
            return Problems.Conflict($"Someone else changed the {noun} at the same moment; nothing was recorded. Reload and try again.");
        }

        // one read after the write: the history, from which the new state folds the same way the projection does
        var history = await Session.Events.FetchStreamAsync(streamId, token: ct);
        var state = Fold(history);
        await ScheduleDeadlinesAsync(state, ct);
        var view = View(state, history);
        return respond is null ? Results.Ok(view) : respond(view);
    }
}
