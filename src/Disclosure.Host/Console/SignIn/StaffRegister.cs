using System.Security.Claims;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;

namespace Disclosure.Host.StaffConsole.SignIn;

/// <summary>
/// A member of an agency's staff as the console has met them: the user name they sign in with (the <c>sub</c>), their
/// roles and department as the identity provider last said, and when. There is no user directory in this system (the
/// identity provider is the directory): this register is what the console knows of the staff, kept per agency.
/// </summary>
public sealed class StaffMember
{
    public string Id { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string? Department { get; set; }
    public DateTimeOffset LastSignedIn { get; set; }

    public bool Handles => Roles.Contains(Security.Roles.Handler);
}

/// <summary>
/// Who the agency's handlers and departments are, for the 转办/分办 form's pickers: every sign-in to the console (the demo
/// sign-in and the identity provider's alike) records the user in each agency of their <c>agency</c> claims. A handler
/// who has never signed in is not listed; the form then takes the user name typed in.
/// </summary>
public static class StaffRegister
{
    public static async Task RecordAsync(IDocumentStore store, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var name = user.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(name)) return;
        var roles = user.FindAll(Security.Roles.RoleClaim).Select(c => c.Value).Distinct().ToList();
        var department = user.FindFirst(Security.Roles.DepartmentClaim)?.Value;
        foreach (var agency in user.FindAll(Security.Roles.AgencyClaim).Select(c => c.Value).Distinct())
        {
            await using var session = store.LightweightSession(agency);
            session.Store(new StaffMember { Id = name, Roles = roles, Department = department, LastSignedIn = now });
            await session.SaveChangesAsync(ct);
        }
    }

    /// <summary>The agency's handlers (by user name) and the departments its staff said they work in.</summary>
    public static async Task<(IReadOnlyList<StaffMember> Handlers, IReadOnlyList<string> Departments)> OfAsync(IQuerySession session, CancellationToken ct)
    {
        var staff = await session.Query<StaffMember>().OrderBy(s => s.Id).Take(1000).ToListAsync(ct);
        return ([.. staff.Where(s => s.Handles)],
            [.. staff.Select(s => s.Department).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }
}
