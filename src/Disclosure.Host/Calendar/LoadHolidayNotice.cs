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
using Wolverine.Marten;

namespace Disclosure.Host.Calendar;

/// <summary>Load a newly published holiday notice, or correct a loaded one.</summary>
public sealed record LoadHolidayNotice(
    [property: Text(100)] string? Notice,
    IReadOnlyList<DateOnly>? Off,
    IReadOnlyList<DateOnly>? MakeupWorkdays,
    [property: Text(1000, MultiLine = true)] string? Reason);

/// <summary>The notice in force, and the job re-deriving the open cases (<c>GET /api/jobs/{id}</c>: each moved case with its old and new due date).</summary>
public sealed record HolidayNoticeResult(int Year, string Notice, Jobs.Job Job);

public static class LoadHolidayNoticeEndpoint
{
    public static ProblemDetails Validate(int year, LoadHolidayNotice cmd) => new Problems.Required()
        .Check(cmd.Notice, "notice").Check(cmd.Off is not null, "off").Check(cmd.Reason, "reason", "Say why the notice is loaded or corrected; every moved due date records it.")
        .Add(new HolidayNotice(year, cmd.Notice ?? "-", cmd.Off ?? [], cmd.MakeupWorkdays ?? []).Validate().ToDictionary())
        .Result();

    /// <summary>
    /// Records the notice, puts it in force, and starts the re-derivation of every open application and letter as a job
    /// (202 with its location): each case whose due date changes gets a re-derivation, which records on it the old date,
    /// the new one and why, and schedules its alarms anew.
    /// </summary>
    [WolverinePut("/api/calendar/{year}", OperationId = "loadHolidayNotice", Summary = "载入或更正节假日安排 · Load or correct a holiday notice")]
    [Authorize(Roles = Roles.Administering), Tags("Calendar")]
    [ProducesResponseType<HolidayNoticeResult>(202)]
    public static async Task<IResult> Put(int year, LoadHolidayNotice cmd, IDocumentStore store, ReferenceWrites writes,
        BusinessClock clock, HttpContext http, IMartenOutbox outbox, Jobs.JobSettings settings, ILogger<CalendarStore> log, CancellationToken ct)
    {
        var loaded = new HolidayNoticeLoaded(year, cmd.Notice!.Trim(), cmd.Off!.Distinct().Order().ToList(),
            (cmd.MakeupWorkdays ?? []).Distinct().Order().ToList(), cmd.Reason!.Trim(), clock.Now);
        // in force on this node once it returns, on every other node when it hears of it; only this one re-derives (the job)
        await writes.RecordAsync(ReferenceStream.OfCalendar(), Actor.Of(http.User), [loaded], ct);
        var job = Jobs.Job.New(RederiveJob.KindName, null, Actor.Of(http.User), clock.Now, settings);
        job.Reason = $"{year} 年节假日安排（{loaded.Notice}）载入或更正：{loaded.Reason}";
        await Jobs.JobRunner.StartAsync(store, outbox, job, ct);
        log.LogInformation("Holiday notice for {Year} loaded; re-derivation of the open cases started as job {JobId}", year, job.Id);
        return Results.Accepted(job.Location, new HolidayNoticeResult(year, loaded.Notice, job));
    }
}
