using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using JasperFx;
using Marten;

namespace Disclosure.Host.Applications;

/// <summary>
/// Runs one procedural step on a case: load it for writing (the session is the agency's tenant, so another
/// agency's case is simply not there), let the domain decide, append, commit, answer with the new state.
/// A refusal or a lost race appends nothing.
/// </summary>
/// <remarks>Built from the session Wolverine opened for the route's agency — never one from the container,
/// which would not be scoped to the tenant.</remarks>
public sealed class ApplicationSteps(IDocumentSession session, HttpContext http)
{
    private readonly BusinessClock clock = http.RequestServices.GetRequiredService<BusinessClock>();
    private readonly CalendarStore calendars = http.RequestServices.GetRequiredService<CalendarStore>();

    public DateOnly Today => clock.Today;
    public Domain.Calendar.WorkingDayCalendar Calendar => calendars.Current;

    public async Task<Guid?> ResolveAsync(string idOrTrackingNumber, CancellationToken ct)
    {
        if (Guid.TryParse(idOrTrackingNumber, out var id)) return id;
        var found = await session.Query<Application>()
            .Where(a => a.TrackingNumber == idOrTrackingNumber)
            .Select(a => a.Id).ToListAsync(ct);
        return found.Count == 1 ? found[0] : null;
    }

    public Task<IResult> Run(string id, long? expectedVersion, Func<Application, object> decide, CancellationToken ct,
        Func<ApplicationView, IResult>? respond = null) =>
        RunMany(id, expectedVersion, app => [decide(app)], ct, respond);

    public async Task<IResult> RunMany(string id, long? expectedVersion, Func<Application, IReadOnlyList<object>> decide, CancellationToken ct,
        Func<ApplicationView, IResult>? respond = null)
    {
        if (await ResolveAsync(id, ct) is not { } streamId)
            return Problems.NotFound($"There is no application '{id}' in this agency.");

        var stream = await session.Events.FetchForWriting<Application>(streamId, ct);
        if (stream.Aggregate is null)
            return Problems.NotFound($"There is no application '{id}' in this agency.");
        if (expectedVersion is { } v && v != stream.CurrentVersion)
            return Problems.Conflict($"The application is at version {stream.CurrentVersion}, not {v}: someone else changed it. Reload and try again.");

        IReadOnlyList<object> events;
        try
        {
            events = decide(stream.Aggregate);
        }
        catch (Refusal refusal)
        {
            return Problems.From(refusal);
        }

        stream.AppendMany(events);
        session.LastModifiedBy = Actor.Of(http.User);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (StorageConflict.Is(e))
        {
            session.EjectAllPendingChanges(); // nothing of this request may be saved by a later flush
            return Problems.Conflict("Someone else changed the application at the same moment; nothing was recorded. Reload and try again.");
        }

        var view = await ViewAsync(session, streamId, clock.Today, ct);
        return respond is null ? Results.Ok(view) : respond(view!);
    }

    public static async Task<ApplicationView?> ViewAsync(IQuerySession session, Guid id, DateOnly today, CancellationToken ct)
    {
        var app = await session.LoadAsync<Application>(id, ct);
        if (app is null) return null;
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return ApplicationView.From(app, today, events);
    }
}

public static class Actor
{
    public const string System = "system";

    public static string Of(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "anonymous";
}
