using Disclosure.Domain.Agencies;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>网上写信, first step: the writer chooses the agency among the registered ones.</summary>
[AllowAnonymous, EnableRateLimiting(Disclosure.Host.Letters.PublicLetterStatusEndpoint.RateLimitPolicy)]
public sealed class WriteLetterIndexModel(IDocumentStore store) : PageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        Agencies = await session.Query<Agency>().OrderBy(a => a.Name).ToListAsync(ct);
    }
}
