using Disclosure.Host.Calendar;
using Disclosure.Host.Deadlines;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Worklist;

/// <summary>工作台: the agency's cases, overdue and due soon first, with filters and paging, and the user's reminders.</summary>
[Authorize(Roles = Roles.Reading)]
public sealed class IndexModel(WorklistQuery worklist, CalendarStore calendars, IDocumentStore store) : ConsolePage
{
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "department")] public string? Department { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public WorklistPage Result { get; private set; } = new([], false, 0, 0, default);
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Kind = Kind is "application" or "letter" ? Kind : null;
        Status = string.IsNullOrWhiteSpace(Status) ? null : Status;
        Department = string.IsNullOrWhiteSpace(Department) ? null : Department.Trim();
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        Result = await worklist.PageAsync(AgencyId, new WorklistFilter(Kind, Status, Department, PageNumber), Today, calendars.Current,
            Agency.ReminderWorkingDays ?? Domain.Agencies.Agency.DefaultReminderWorkingDays, ct);
        await using var session = store.QuerySession(AgencyId);
        var me = User.Identity?.Name ?? "";
        Notifications = await session.Query<Notification>().Where(n => n.Recipients.Contains(me)).OrderByDescending(n => n.CreatedAt).Take(10).ToListAsync(ct);
    }

    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?> { ["kind"] = Kind, ["status"] = Status, ["department"] = Department, ["page"] = page.ToString() };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"{ConsoleSetup.Prefix}/{AgencyId}", query.Where(kv => kv.Value is not null)!);
    }
}
