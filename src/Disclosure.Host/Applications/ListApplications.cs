using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

public sealed record Worklist(DateOnly Today, DateOnly DueSoonUntil, IReadOnlyList<ApplicationSummary> Overdue, IReadOnlyList<ApplicationSummary> DueSoon);

public static class ListApplicationsEndpoint
{
    /// <summary>A page of summaries, soonest due first. Identity and phone numbers are masked.</summary>
    [WolverineGet("/api/agencies/{agency}/applications", OperationId = "listApplications", Summary = "申请列表 · List applications")]
    [Authorize(Roles = Roles.Reading), Tags("Applications")]
    [ProducesResponseType<Paged<ApplicationSummary>>(200)]
    public static async Task<IResult> Get(IQuerySession session, BusinessClock clock, CancellationToken ct,
        string? status = null, bool? overdue = null, DateOnly? dueBefore = null, int? receivedYear = null, int page = 1, int pageSize = 50)
    {
        var errors = CaseLists.Check(page, pageSize, status, ApplicationStatuses.All, receivedYear);
        foreach (var (k, v) in RequestRules.CheckDates(("dueBefore", dueBefore))) errors[k] = v;
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        var today = clock.Today;
        var query = CaseLists.Filter(ApplicationKind.Instance, session.Query<Application>(), today, status, overdue, receivedYear);
        if (dueBefore is { } before) query = query.Where(a => a.IsOpen && a.DueOn != null && a.DueOn < before);
        return await CaseLists.PageAsync(query, q => q.OrderBy(a => a.DueOn).ThenBy(a => a.ReceivedOn).ThenBy(a => a.TrackingNumber),
            page, pageSize, a => ApplicationSummary.From(a, today), ct);
    }

    /// <summary>What a handler must look at today: open cases past their due date, and those due within <c>days</c> working days.</summary>
    [WolverineGet("/api/agencies/{agency}/applications/worklist", OperationId = "applicationWorklist", Summary = "到期提醒（申请） · Applications overdue or due soon")]
    [Authorize(Roles = Roles.Reading), Tags("Applications")]
    [ProducesResponseType<Worklist>(200)]
    public static async Task<IResult> Worklist(IQuerySession session, BusinessClock clock, CalendarStore calendars, CancellationToken ct, int days = 3)
    {
        var today = clock.Today;
        return await CaseLists.WorklistAsync(calendars.Current, today, days, ApplicationKind.Instance, session.Query<Application>(),
            q => q.OrderBy(a => a.DueOn).Take(1000), a => ApplicationSummary.From(a, today), (until, overdue, soon) => new Worklist(today, until, overdue, soon), ct);
    }
}
