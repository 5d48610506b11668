using Disclosure.Domain.Agencies;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>来信选登, first step: the agencies whose published replies can be read.</summary>
[AllowAnonymous, EnableRateLimiting(Disclosure.Host.Letters.PublicLetterStatusEndpoint.RateLimitPolicy)]
public sealed class LetterRepliesIndexModel(IDocumentStore store) : PageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        Agencies = await session.Query<Agency>().OrderBy(a => a.Name).ToListAsync(ct);
    }
}
