using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

public sealed record Worklist(DateOnly Today, DateOnly DueSoonUntil, IReadOnlyList<ApplicationSummary> Overdue, IReadOnlyList<ApplicationSummary> DueSoon);

public static class ListApplicationsEndpoint
{
    /// <summary>A page of summaries, soonest due first, optionally of one handler or department. Identity and phone numbers are masked.</summary>
    [WolverineGet("/api/agencies/{agency}/applications", OperationId = "listApplications", Summary = "申请列表 · List applications")]
    [Authorize(Roles = Roles.Reading), Tags("Applications")]
    [ProducesResponseType<Paged<ApplicationSummary>>(200)]
    public static async Task<IResult> Get(IQuerySession session, BusinessClock clock, CancellationToken ct,
        string? status = null, bool? overdue = null, DateOnly? dueBefore = null, int? receivedYear = null, int page = 1, int pageSize = 50,
        string? handler = null, string? department = null)
    {
        var errors = Paging.Check(page, pageSize, status, ApplicationStatuses.All);
        foreach (var (k, v) in RequestRules.CheckDates(("dueBefore", dueBefore))) errors[k] = v;
        if (receivedYear is < 2008 or > 2100) errors["receivedYear"] = ["2008 to 2100."];
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        var today = clock.Today;
        IQueryable<Application> query = session.Query<Application>();
        if (status is not null) query = query.Where(a => a.Status == status);
        if (overdue == true) query = query.Where(a => a.IsOpen && a.DueOn != null && a.DueOn < today);
        if (overdue == false) query = query.Where(a => !(a.IsOpen && a.DueOn != null && a.DueOn < today));
        if (dueBefore is { } before) query = query.Where(a => a.IsOpen && a.DueOn != null && a.DueOn < before);
        if (receivedYear is { } year) query = query.Where(a => a.ReceivedYear == year);
        // 转办/分办: the applications assigned to a handler (承办人) or a department (承办部门)
        if (!string.IsNullOrWhiteSpace(handler)) { var h = handler.Trim(); query = query.Where(a => a.Handler == h); }
        if (!string.IsNullOrWhiteSpace(department)) { var d = department.Trim(); query = query.Where(a => a.Department == d); }

        var items = await ((IMartenQueryable<Application>)query).Stats(out var stats)
            .OrderBy(a => a.DueOn).ThenBy(a => a.ReceivedOn).ThenBy(a => a.TrackingNumber)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return Results.Ok(new Paged<ApplicationSummary>(items.Select(a => ApplicationSummary.From(a, today)).ToList(), page, pageSize, stats.TotalResults));
    }

    /// <summary>What a handler must look at today: open cases past their due date, and those due within <c>days</c> working days.</summary>
    [WolverineGet("/api/agencies/{agency}/applications/worklist", OperationId = "applicationWorklist", Summary = "到期提醒（申请） · Applications overdue or due soon")]
    [Authorize(Roles = Roles.Reading), Tags("Applications")]
    [ProducesResponseType<Worklist>(200)]
    public static async Task<IResult> Worklist(IQuerySession session, BusinessClock clock, CalendarStore calendars, CancellationToken ct, int days = 3)
    {
        var today = clock.Today;
        var (until, problem) = WorklistHorizon.From(calendars.Current, today, days);
        if (problem is not null) return problem;

        var open = await session.Query<Application>()
            .Where(a => a.IsOpen && a.DueOn != null && a.DueOn <= until)
            .OrderBy(a => a.DueOn).Take(1000).ToListAsync(ct);
        return Results.Ok(new Worklist(today, until,
            open.Where(a => a.DueOn < today).Select(a => ApplicationSummary.From(a, today)).ToList(),
            open.Where(a => a.DueOn >= today).Select(a => ApplicationSummary.From(a, today)).ToList()));
    }
}
