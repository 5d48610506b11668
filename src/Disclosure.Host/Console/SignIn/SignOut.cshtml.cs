using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Disclosure.Host.StaffConsole.SignIn;

/// <summary>Sign-out is a form (a POST with the antiforgery token), so no other site can sign a clerk out; the page says it happened.</summary>
[AllowAnonymous]
public sealed class SignOutModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuthentication.Cookie);
        return RedirectToPage();
    }
}
