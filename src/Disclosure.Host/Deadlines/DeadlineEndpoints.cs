using Disclosure.Domain.Agencies;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Deadlines;

public sealed record SweepResult(int Cases, int Actions);

public sealed record SetReminderSetting(int? WorkingDaysBefore);

public static class NotificationsEndpoint
{
    /// <summary>Reminders of the agency, newest first; <c>user</c> keeps those addressed to one user.</summary>
    [WolverineGet("/api/agencies/{agency}/notifications"), Authorize(Roles = Roles.Reading), Tags("Deadlines")]
    [ProducesResponseType<Paged<Notification>>(200)]
    public static async Task<IResult> Get(IDocumentSession session, CancellationToken ct, string? user = null, string? kind = null, int page = 1, int pageSize = 50)
    {
        var errors = Paging.Check(page, pageSize);
        if (errors.Count > 0) return Problems.ValidationResult(errors);
        IQueryable<Notification> q = session.Query<Notification>();
        if (user is not null) q = q.Where(n => n.Recipients.Contains(user));
        if (kind is not null) q = q.Where(n => n.Kind == kind);
        var items = await ((IMartenQueryable<Notification>)q).Stats(out var stats).OrderByDescending(n => n.CreatedAt)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return Results.Ok(new Paged<Notification>(items, page, pageSize, stats.TotalResults));
    }
}

public static class SweepDeadlinesEndpoint
{
    /// <summary>Runs the nightly sweep now (after loading a holiday notice, or to catch up after downtime).</summary>
    [NonTransactional]
    [WolverinePost("/api/deadlines/sweep"), Authorize(Roles = Roles.Administering), Tags("Deadlines")]
    public static async Task<SweepResult> Post(DeadlineWork work, CancellationToken ct)
    {
        var (cases, actions) = await work.SweepAsync(ct);
        return new SweepResult(cases, actions);
    }
}

public static class ReminderSettingEndpoint
{
    public static ProblemDetails Validate(SetReminderSetting cmd) => new Problems.Required()
        .Check(cmd.WorkingDaysBefore is >= 0 and <= 20, "workingDaysBefore", "0 to 20 working days.").Result();

    /// <summary>How many working days before a due date the agency's handlers are reminded (default 3).</summary>
    [NonTransactional]
    [WolverinePut("/api/agencies/{agency}/settings/reminders"), Authorize(Roles = Roles.Supervisor + "," + Roles.Admin), Tags("Deadlines")]
    public static async Task<IResult> Put(string agency, SetReminderSetting cmd, IDocumentStore store, AgencyDirectory directory, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        await using var session = store.LightweightSession(); // agencies live in the default tenant
        session.LastModifiedBy = Actor.Of(http.User);
        session.Events.Append(RegisterAgencyEndpoint.StreamId(agency), new ReminderSettingSet(agency, cmd.WorkingDaysBefore!.Value, clock.Now));
        await session.SaveChangesAsync(ct);
        directory.Forget(agency);
        return Results.Ok(new { workingDaysBefore = cmd.WorkingDaysBefore });
    }
}
