using Disclosure.Host.Calendar;
using Disclosure.Host.Deadlines;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Worklist;

/// <summary>
/// 工作台: the agency's cases, overdue and due soon first, with filters and paging, and the user's reminders. Whose cases:
/// 我的 (the applications assigned to the user), 本部门 (the applications and letters of the user's department, from the
/// sign-in's <c>department</c> claim) or 全部 — 全部 until the user chooses, then what they chose last.
/// </summary>
[Authorize(Roles = Roles.Reading)]
public sealed class IndexModel(WorklistQuery worklist, CalendarStore calendars, IDocumentStore store) : ConsolePage
{
    public const string Mine = "mine";
    public const string OwnDepartment = "department";
    public const string Everyone = "all";
    public const string ScopeCookie = "disclosure.worklist";

    [FromQuery(Name = "scope")] public string? Scope { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "department")] public string? Department { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public WorklistPage Result { get; private set; } = new([], false, 0, 0, default);
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    /// <summary>The user's department (承办部门), if their sign-in names one.</summary>
    public string? MyDepartment => User.FindFirst(Roles.DepartmentClaim)?.Value is { Length: > 0 } d ? d : null;

    public string Me => User.Identity?.Name ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        // the scope chosen last is kept (a cookie of the console, no personal data): a handler who works from 我的 stays there
        Scope ??= Request.Cookies[ScopeCookie];
        Scope = Scope is Mine or Everyone || (Scope == OwnDepartment && MyDepartment is not null) ? Scope : Everyone;
        Response.Cookies.Append(ScopeCookie, Scope, new CookieOptions { Path = ConsoleSetup.Prefix, HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        Kind = Kind is "application" or "letter" or "review" ? Kind : null;
        Status = string.IsNullOrWhiteSpace(Status) ? null : Status;
        Department = string.IsNullOrWhiteSpace(Department) ? null : Department.Trim();
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var department = Scope == OwnDepartment ? MyDepartment : Department;
        Result = await worklist.PageAsync(AgencyId, new WorklistFilter(Kind, Status, department, PageNumber, Scope == Mine ? Me : null), Today, calendars.Current,
            Agency.ReminderWorkingDays ?? Domain.Agencies.Agency.DefaultReminderWorkingDays, ct);
        await using var session = store.QuerySession(AgencyId);
        Notifications = await session.Query<Notification>().Where(n => n.Recipients.Contains(Me)).OrderByDescending(n => n.CreatedAt).Take(10).ToListAsync(ct);
    }

    public string PageLink(int page) => Link(Scope, page);

    /// <summary>The worklist with the same filters, for another scope (我的/本部门/全部) or page.</summary>
    public string Link(string? scope, int page = 1)
    {
        var query = new Dictionary<string, string?>
        {
            ["scope"] = scope, ["kind"] = Kind, ["status"] = Status, ["department"] = Department,
            ["page"] = page == 1 ? null : page.ToString(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"{ConsoleSetup.Prefix}/{AgencyId}", query.Where(kv => kv.Value is not null)!);
    }
}
