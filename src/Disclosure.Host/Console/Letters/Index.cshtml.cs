using Disclosure.Domain.Letters;
using Disclosure.Host.Calendar;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Disclosure.Host.StaffConsole.Worklist;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Letters;

/// <summary>信件: the letters awaiting action, soonest due first, and each department's worklist.</summary>
[Authorize(Roles = Roles.Reading)]
public sealed class IndexModel(WorklistQuery worklist, CalendarStore calendars, IDocumentStore store) : ConsolePage
{
    [FromQuery(Name = "department")] public string? Department { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public WorklistPage Result { get; private set; } = new([], false, 0, 0, default);
    /// <summary>Departments holding letters awaiting action, with how many each holds.</summary>
    public IReadOnlyList<(string Department, int Count)> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Department = string.IsNullOrWhiteSpace(Department) ? null : Department.Trim();
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        Result = await worklist.PageAsync(AgencyId, new WorklistFilter("letter", null, Department, PageNumber), Today, calendars.Current,
            Agency.ReminderWorkingDays ?? Domain.Agencies.Agency.DefaultReminderWorkingDays, ct);
        await using var session = store.QuerySession(AgencyId);
        var held = await session.Query<Letter>().Where(l => l.AwaitingAction && l.Department != null).Select(l => l.Department!).ToListAsync(ct);
        Departments = held.GroupBy(d => d).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
    }
}
