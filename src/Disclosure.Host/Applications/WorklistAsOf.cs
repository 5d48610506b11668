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

public static class WorklistAsOfEndpoint
{
    /// <summary>
    /// 到期提醒 as it stood: the worklist a handler saw at an instant (or at the end of a China day) — open cases past their
    /// due date then, and those due within <c>days</c> working days of that day — from a replay of the events recorded by
    /// then (条例第四十七条: for audits and supervision). A step recorded later does not change the answer.
    /// </summary>
    [WolverineGet("/api/agencies/{agency}/applications/worklist/as-of", OperationId = "applicationWorklistAsOf", Summary = "某时的到期提醒（申请） · The worklist as it stood")]
    [Authorize(Roles = Roles.Reading), Tags("Applications")]
    [ProducesResponseType<Worklist>(200)]
    public static async Task<IResult> Get(IQuerySession session, IDocumentStore store, CalendarStore calendars, CancellationToken ct,
        string? asOf = null, int days = 3)
    {
        if (AsOf.Required(asOf) is { } refused) return refused;
        var at = AsOf.Parse(asOf)!;

        var (cases, calendar) = await CaseReplay.CasesAsync<Application, IApplicationEvent>(ApplicationKind.Instance, store, session, calendars.Settings, at.Value, ct);
        var today = AsOf.DayOf(at.Value);
        var (until, horizon) = WorklistHorizon.From(calendar, today, days);
        if (horizon is not null) return horizon;
        // the same selection as the live worklist (ListApplicationsEndpoint.Worklist), over the cases as they stood
        var open = cases.Where(a => a.IsOpen && a.DueOn != null && a.DueOn <= until)
            .OrderBy(a => a.DueOn).ThenBy(a => a.ReceivedOn).ThenBy(a => a.TrackingNumber).ToList();
        return Results.Ok(new Worklist(today, until,
            open.Where(a => a.DueOn < today).Select(a => ApplicationSummary.From(a, today)).ToList(),
            open.Where(a => a.DueOn >= today).Select(a => ApplicationSummary.From(a, today)).ToList()));
    }
}
