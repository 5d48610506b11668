using Disclosure.Domain.Agencies;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>网上申请, first step: the applicant chooses the agency (行政机关) among the registered ones.</summary>
[AllowAnonymous, EnableRateLimiting(Disclosure.Host.Letters.PublicLetterStatusEndpoint.RateLimitPolicy)]
public sealed class ApplyIndexModel(IDocumentStore store) : PageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        Agencies = await session.Query<Agency>().OrderBy(a => a.Name).ToListAsync(ct);
    }
}
