using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Calendar;

/// <summary>Load a newly published holiday notice, or correct a loaded one.</summary>
public sealed record LoadHolidayNotice(string? Notice, IReadOnlyList<DateOnly>? Off, IReadOnlyList<DateOnly>? MakeupWorkdays, string? Reason);

public sealed record RederivedCase(string Agency, Guid Id, string TrackingNumber, DateOnly? OldDueOn, DateOnly? NewDueOn);

public sealed record HolidayNoticeResult(int Year, string Notice, int OpenCasesChecked, IReadOnlyList<RederivedCase> Rederived);

public static class LoadHolidayNoticeEndpoint
{
    public static ProblemDetails Validate(int year, LoadHolidayNotice cmd) => new Problems.Required()
        .Check(cmd.Notice, "notice").Check(cmd.Off is not null, "off").Check(cmd.Reason, "reason", "Say why the notice is loaded or corrected; every moved due date records it.")
        .Add(new HolidayNotice(year, cmd.Notice ?? "-", cmd.Off ?? [], cmd.MakeupWorkdays ?? []).Validate().ToDictionary())
        .Result();

    /// <summary>
    /// Records the notice, puts it in force, and re-derives every open case whose answer date changes,
    /// recording on each the old date, the new one and why (<c>due_date_rederived</c>).
    /// </summary>
    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePut("/api/calendar/{year}"), Authorize(Roles = Roles.Administering), Tags("Calendar")]
    public static async Task<IResult> Put(int year, LoadHolidayNotice cmd, IDocumentStore store, CalendarStore calendars,
        BusinessClock clock, HttpContext http, ILogger<CalendarStore> log, CancellationToken ct)
    {
        var loaded = new HolidayNoticeLoaded(year, cmd.Notice!.Trim(), cmd.Off!.Distinct().Order().ToList(),
            (cmd.MakeupWorkdays ?? []).Distinct().Order().ToList(), cmd.Reason!.Trim(), clock.Now);
        var actor = Actor.Of(http.User);

        await using (var session = store.LightweightSession())
        {
            session.LastModifiedBy = actor;
            session.Events.Append(CalendarStore.StreamId, loaded);
            await session.SaveChangesAsync(ct);
        }
        await calendars.LoadAsync(store, ct);
        var reason = $"{year} 年节假日安排（{loaded.Notice}）载入或更正：{loaded.Reason}";
        var moved = await Rederive(store, calendars, clock.Today, reason, actor, ct);
        log.LogInformation("Holiday notice for {Year} loaded; {Moved} open case(s) got a new due date", year, moved.Count);
        return Results.Ok(new HolidayNoticeResult(year, loaded.Notice, moved.Checked, moved.Cases));
    }

    public static async Task<(int Checked, List<RederivedCase> Cases, int Count)> Rederive(
        IDocumentStore store, CalendarStore calendars, DateOnly today, string reason, string actor, CancellationToken ct)
    {
        List<Application> open;
        await using (var query = store.QuerySession())
            open = (await query.Query<Application>().Where(a => a.AnyTenant() && a.IsOpen).ToListAsync(ct)).ToList();

        var moved = new List<RederivedCase>();
        foreach (var agency in open.GroupBy(a => a.Agency))
        {
            await using var session = store.LightweightSession(agency.Key);
            session.LastModifiedBy = actor;
            foreach (var app in agency)
            {
                var fresh = StatutoryClock.Derive(app, calendars.Current, calendars.Settings);
                if (fresh.DueOn == app.DueOn) continue;
                session.Events.Append(app.Id, new DueDateRederived(today, app.DueOn, fresh.DueOn, reason));
                moved.Add(new RederivedCase(agency.Key, app.Id, app.TrackingNumber, app.DueOn, fresh.DueOn));
            }
            await session.SaveChangesAsync(ct);
        }
        return (open.Count, moved, moved.Count);
    }
}
