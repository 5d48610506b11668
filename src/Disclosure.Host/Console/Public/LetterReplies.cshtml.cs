using Disclosure.Domain.Agencies;
using Disclosure.Host.Agencies;
using Disclosure.Host.Letters;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>
/// 来信选登: an agency's published replies (<c>/letters/replies/{agency}?page=N</c>, no sign-in), 20 a page, newest first —
/// what <see cref="PublishedReplies"/> shows and why.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicLetterStatusEndpoint.RateLimitPolicy)]
public sealed class LetterRepliesModel(IDocumentStore store, AgencyDirectory agencies) : PageModel
{
    public string? AgencyId => HttpContext.Features.Get<ActingAgency>()?.Id;
    public Agency? Agency { get; private set; }
    public PublishedReplyPage? Replies { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        var agency = AgencyId ?? "";
        Agency = await agencies.FindAsync(agency, ct);
        // a page number that is not one shows the first page (nothing to refuse on a list anyone may read)
        var number = int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= PublishedReplies.MaxPage ? n : 1;
        Replies = await PublishedReplies.PageAsync(store, agency, number, ct);
        return Page();
    }
}
