using Disclosure.Domain.Agencies;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Disclosure.Host.StaffConsole.SignIn;

/// <summary>
/// Where the console sends someone who is not signed in. With an identity provider: straight on to it (the code flow).
/// Without one, in Development only: a form to pick a demo user, roles and an agency. Anywhere else: 404 — the demo
/// sign-in does not exist.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(ConsoleSignInSettings settings, IDocumentStore store, BusinessClock clock) : PageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public string? ReturnUrl { get; private set; }
    public string UserName { get; private set; } = "";
    public IReadOnlyList<string> Chosen { get; private set; } = [Roles.Intake];
    public string? AgencyChoice { get; private set; }
    public string? DepartmentChoice { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = Local(returnUrl);
        if (settings.UsesOpenIdConnect)
            return Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl ?? ConsoleSetup.Prefix }, ConsoleAuthentication.OpenIdConnect);
        if (!settings.DemoSignIn) return NotFound();
        await LoadAgenciesAsync(ct);
        AgencyChoice = Agencies.FirstOrDefault()?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? user, string[]? role, string? agency, string? returnUrl, string? department, CancellationToken ct)
    {
        if (!settings.DemoSignIn) return NotFound();
        ReturnUrl = Local(returnUrl);
        await LoadAgenciesAsync(ct);
        UserName = user?.Trim() ?? "";
        Chosen = (role ?? []).Where(Roles.All.Contains).Distinct().ToList();
        AgencyChoice = agency;
        DepartmentChoice = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        if (UserName.Length is 0 or > 100 || TextRules.HasControlCharacters(UserName)) Problem = "请填写用户名（最多 100 个字）。";
        else if (Chosen.Count == 0) Problem = "请至少选择一个角色。";
        else if (string.IsNullOrEmpty(agency) && !Chosen.Contains(Roles.Admin)) Problem = "请选择机关（只有系统管理员可以不选）。";
        else if (!string.IsNullOrEmpty(agency) && Agencies.All(a => a.Id != agency)) Problem = "没有这个机关。";
        else if (DepartmentChoice is { } d && (d.Length > 100 || TextRules.HasControlCharacters(d))) Problem = "部门名称最多 100 个字。";
        if (Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var principal = ConsoleAuthentication.Principal(UserName, Chosen, string.IsNullOrEmpty(agency) ? [] : [agency], "demo", DepartmentChoice);
        await HttpContext.SignInAsync(ConsoleAuthentication.Cookie, principal, ConsoleAuthentication.Session(clock.Now, null));
        await StaffRegister.RecordAsync(store, principal, clock.Now, ct);
        return LocalRedirect(ReturnUrl ?? ConsoleSetup.Prefix);
    }

    private async Task LoadAgenciesAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        Agencies = await session.Query<Agency>().OrderBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>Only a path of the console itself: a sign-in never sends anyone elsewhere.</summary>
    private static string? Local(string? url) =>
        url is { Length: > 0 and <= 500 } && url.StartsWith(ConsoleSetup.Prefix, StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\') ? url : null;
}
