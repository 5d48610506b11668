using Disclosure.Domain;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using JasperFx.Events;
using Marten;

namespace Disclosure.Host.Cases;

/// <summary>A case as it stood at an instant: its state folded from the events recorded by then, with the calendar in force then.</summary>
public sealed record CaseAsItStood<TCase>(TCase State, IReadOnlyList<IEvent> History, DateTimeOffset At, WorkingDayCalendar Calendar)
{
    /// <summary>The business day at that instant: the clock's "today" then (overdue or not).</summary>
    public DateOnly Day => AsOf.DayOf(At);
}

/// <summary>
/// The case file as it stood (<c>?asOf=</c>): read from the events alone, never from the stored case (which is today's). The
/// events up to the instant are folded exactly as the inline projection folds them (<see cref="CaseKind{TCase}.Fold"/>), and
/// the clock is computed with the holiday notices loaded by then — a notice loaded later did not move a due date that day.
/// Nothing is kept: each read replays.
/// </summary>
public static class CaseAsOf
{
    public static async Task<IResult> GetAsync<TCase>(CaseKind<TCase> kind, IDocumentStore store, IQuerySession session, ClockSettings settings,
        string idOrNumber, string asOf, CancellationToken ct) where TCase : class, ITrackedCase
    {
        if (AsOf.Required(asOf) is { } refused) return refused;
        var at = AsOf.Parse(asOf)!;
        return await LoadAsync(kind, store, session, settings, idOrNumber, at.Value, ct) switch
        {
            { Stood: { } stood } => Results.Ok(kind.View(stood.State, stood.Day, stood.History)),
            { Exists: true } => Problems.NotFound($"The {kind.Noun} '{Short(idOrNumber)}' was not yet recorded at {AsOf.Text(at.Value)}."),
            _ => Problems.NotFound(kind.NotFound(idOrNumber)),
        };
    }

    /// <summary>The case as it stood at <paramref name="at"/>; none if it does not exist (<c>Exists</c> false) or did not yet then.</summary>
    public static async Task<(CaseAsItStood<TCase>? Stood, bool Exists)> LoadAsync<TCase>(CaseKind<TCase> kind, IDocumentStore store,
        IQuerySession session, ClockSettings settings, string idOrNumber, DateTimeOffset at, CancellationToken ct) where TCase : class, ITrackedCase
    {
        if (await CaseWrites.ResolveAsync<TCase>(session, idOrNumber, ct) is not { } id) return (null, false);
        var cutoff = AsOf.ForDatabase(at);
        var history = await session.Events.FetchStreamAsync(id, timestamp: cutoff, token: ct);
        if (history.Count == 0) return (null, await session.Events.FetchStreamStateAsync(id, ct) is not null);
        var calendar = await CalendarAsOfAsync(store, cutoff, ct);
        return (Fold(kind, history, at, calendar, settings, session.TenantId), true);
    }

    /// <summary>The fold of a case's events up to an instant, with the calendar in force then (the replays of the worklist and the bundle share it).</summary>
    public static CaseAsItStood<TCase> Fold<TCase>(CaseKind<TCase> kind, IReadOnlyList<IEvent> history, DateTimeOffset at, WorkingDayCalendar calendar,
        ClockSettings settings, string agency) where TCase : class, ITrackedCase
    {
        // the fold needs the calendar and the clock settings only; the agency's own settings decide steps, not facts
        var context = new CaseContext(AsOf.DayOf(at), calendar, settings, new Agency { Id = agency }, []);
        var state = kind.Fold(history.Select(e => e.Data), history[^1].Version, context);
        return new CaseAsItStood<TCase>(state, history, at, calendar);
    }

    /// <summary>The working-day calendar as it stood: the shipped notices and those an administrator had loaded by then.</summary>
    public static async Task<WorkingDayCalendar> CalendarAsOfAsync(IDocumentStore store, DateTimeOffset at, CancellationToken ct)
    {
        await using var reference = store.QuerySession(); // the calendar lives in the default tenant
        return CalendarStore.From(await reference.Events.FetchStreamAsync(CalendarStore.StreamId, timestamp: AsOf.ForDatabase(at), token: ct));
    }

    /// <summary>The kind of a case type, for pages generic in it.</summary>
    public static CaseKind<TCase> KindOf<TCase>() where TCase : class, ITrackedCase =>
        (CaseKind<TCase>)(object)(typeof(TCase) == typeof(Application) ? ApplicationKind.Instance
            : typeof(TCase) == typeof(Domain.Letters.Letter) ? LetterKind.Instance
            : typeof(TCase) == typeof(Domain.Reviews.ReviewCase) ? Reviews.ReviewKind.Instance
            : throw new ArgumentException($"No case kind for {typeof(TCase).Name}."));

    private static string Short(string id) => id.Length > 40 ? id[..40] + "…" : id;
}
