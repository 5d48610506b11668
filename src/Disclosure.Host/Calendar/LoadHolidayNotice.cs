using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Cluster;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Calendar;

/// <summary>Load a newly published holiday notice, or correct a loaded one.</summary>
public sealed record LoadHolidayNotice(
    [property: Text(100)] string? Notice,
    IReadOnlyList<DateOnly>? Off,
    IReadOnlyList<DateOnly>? MakeupWorkdays,
    [property: Text(1000, MultiLine = true)] string? Reason);

public sealed record RederivedCase(string Agency, string Kind, Guid Id, string TrackingNumber, DateOnly? OldDueOn, DateOnly? NewDueOn);

public sealed record HolidayNoticeResult(int Year, string Notice, int OpenCasesChecked, IReadOnlyList<RederivedCase> Rederived);

public static class LoadHolidayNoticeEndpoint
{
    public static ProblemDetails Validate(int year, LoadHolidayNotice cmd) => new Problems.Required()
        .Check(cmd.Notice, "notice").Check(cmd.Off is not null, "off").Check(cmd.Reason, "reason", "Say why the notice is loaded or corrected; every moved due date records it.")
        .Add(new HolidayNotice(year, cmd.Notice ?? "-", cmd.Off ?? [], cmd.MakeupWorkdays ?? []).Validate().ToDictionary())
        .Result();

    /// <summary>
    /// Records the notice, puts it in force, and sends every open application and letter whose due date changes a
    /// re-derivation, which records on each the old date, the new one and why, and schedules its alarms anew.
    /// </summary>
    [WolverinePut("/api/calendar/{year}", OperationId = "loadHolidayNotice", Summary = "载入或更正节假日安排 · Load or correct a holiday notice")]
    [Authorize(Roles = Roles.Administering), Tags("Calendar")]
    public static async Task<HolidayNoticeResult> Put(int year, LoadHolidayNotice cmd, IDocumentStore store, CalendarStore calendars, ReferenceWrites writes,
        BusinessClock clock, HttpContext http, IMessageBus bus, ILogger<CalendarStore> log, CancellationToken ct)
    {
        var loaded = new HolidayNoticeLoaded(year, cmd.Notice!.Trim(), cmd.Off!.Distinct().Order().ToList(),
            (cmd.MakeupWorkdays ?? []).Distinct().Order().ToList(), cmd.Reason!.Trim(), clock.Now);
        // in force on this node once it returns, on every other node when it hears of it; only this one re-derives below
        await writes.RecordAsync(ReferenceStream.OfCalendar(), Actor.Of(http.User), [loaded], ct);
        var reason = $"{year} 年节假日安排（{loaded.Notice}）载入或更正：{loaded.Reason}";
        var (open, moved) = await RederiveAsync(store, calendars, bus, reason, ct);
        log.LogInformation("Holiday notice for {Year} loaded; {Moved} of {Open} open case(s) got a new due date", year, moved.Count, open);
        return new HolidayNoticeResult(year, loaded.Notice, open, moved);
    }

    /// <summary>
    /// Which open cases the calendar in force moves is seen on their stored documents (the clock is a pure function of the
    /// facts and the calendar); each moved case then gets its re-derivation through the write path.
    /// </summary>
    public static async Task<(int Open, List<RederivedCase> Moved)> RederiveAsync(IDocumentStore store, CalendarStore calendars, IMessageBus bus,
        string reason, CancellationToken ct)
    {
        List<Application> applications;
        List<Letter> letters;
        await using (var query = store.QuerySession())
        {
            applications = (await query.Query<Application>().Where(a => a.AnyTenant() && a.IsOpen).ToListAsync(ct)).ToList();
            letters = (await query.Query<Letter>().Where(l => l.AnyTenant() && l.AwaitingAction).ToListAsync(ct)).ToList();
        }
        var calendar = calendars.Current;
        var moved = new List<RederivedCase>();
        foreach (var app in applications.Where(a => StatutoryClock.Derive(a, calendar, calendars.Settings).DueOn != a.DueOn))
            if (await bus.SendAsync(app.Agency, new RederiveApplicationDueDate(reason) { Case = app.Id.ToString() }, ct) is { Outcome: CaseOutcome.Changed } answer)
                moved.Add(new RederivedCase(app.Agency, "application", app.Id, app.TrackingNumber, app.DueOn, ((Applications.ApplicationView)answer.View()).DueOn));
        foreach (var letter in letters.Where(l => LetterClock.Derive(l, calendar).DueOn != l.DueOn))
            if (await bus.SendAsync(letter.Agency, new RederiveLetterDueDate(reason) { Case = letter.Id.ToString() }, ct) is { Outcome: CaseOutcome.Changed } answer)
                moved.Add(new RederivedCase(letter.Agency, "letter", letter.Id, letter.TrackingNumber, letter.DueOn, ((Letters.LetterView)answer.View()).DueOn));
        return (applications.Count + letters.Count, moved);
    }
}
