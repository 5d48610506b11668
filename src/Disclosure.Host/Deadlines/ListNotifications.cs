using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Deadlines;

public static class ListNotificationsEndpoint
{
    /// <summary>Reminders of the agency, newest first; <c>user</c> keeps those addressed to one user.</summary>
    [WolverineGet("/api/agencies/{agency}/notifications", OperationId = "listNotifications", Summary = "提醒 · Reminders of the agency")]
    [Authorize(Roles = Roles.Reading), Tags("Deadlines")]
    [ProducesResponseType<Paged<Notification>>(200)]
    public static async Task<IResult> Get(IQuerySession session, CancellationToken ct, string? user = null, string? kind = null, int page = 1, int pageSize = 50)
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
