using Disclosure.Domain.Agencies;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Disclosure.Host.StaffConsole.SignIn;

/// <summary>The console's entry: straight to the worklist of the user's one agency, else a choice of the agencies they may act for.</summary>
[Authorize]
public sealed class StartModel(IDocumentStore store, Infrastructure.BusinessClock clock) : PageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var all = await session.Query<Agency>().OrderBy(a => a.Id).ToListAsync(ct);
        Agencies = all.Where(a => AgencyGate.CanActFor(User, a.Id)).ToList();
        var claimed = User.FindAll(Roles.AgencyClaim).Select(c => c.Value).Distinct().ToList();
        if (claimed.Count == 1 && Agencies.Any(a => a.Id == claimed[0]))
            // a statistician's work is the report; everyone else starts at the worklist
            return Redirect(Roles.Reading.Split(',').Any(User.IsInRole) ? $"{ConsoleSetup.Prefix}/{claimed[0]}" : $"{ConsoleSetup.Prefix}/{claimed[0]}/reports/{clock.Today.Year}");
        return Page();
    }
}
