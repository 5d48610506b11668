using Disclosure.Host.Calendar;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Microsoft.AspNetCore.Authorization;

namespace Disclosure.Host.StaffConsole.Worklist;

/// <summary>承办人工作量: for a supervisor, the open applications each handler holds, how many overdue and due soon.</summary>
[Authorize(Roles = Roles.Supervising)]
public sealed class WorkloadModel(WorklistQuery worklist, CalendarStore calendars) : ConsolePage
{
    public IReadOnlyList<HandlerLoad> Loads { get; private set; } = [];
    public DateOnly DueSoonUntil { get; private set; }
    public string? WindowNote { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        (Loads, DueSoonUntil, WindowNote) = await worklist.LoadAsync(AgencyId, Today, calendars.Current,
            Agency.ReminderWorkingDays ?? Domain.Agencies.Agency.DefaultReminderWorkingDays, ct);
}
