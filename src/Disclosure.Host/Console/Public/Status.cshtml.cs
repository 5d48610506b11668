using Disclosure.Host.Applications;
using Disclosure.Host.Letters;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>
/// 办理进度查询, for applicants and letter writers, without signing in: the tracking number and the query code given at
/// intake. The same look-ups as the API's public endpoints, under the same per-client rate limit; a wrong code and an
/// unknown number give the same answer. The code is posted, never put in a URL.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicLetterStatusEndpoint.RateLimitPolicy)]
public sealed class StatusModel(IDocumentStore store) : PageModel
{
    public string? Kind { get; private set; } = "application";
    public string? TrackingNumber { get; private set; }
    public PublicApplicationStatus? Application { get; private set; }
    public PublicLetterStatus? Letter { get; private set; }
    public bool Missing { get; private set; }

    public void OnGet() { }

    public async Task OnPostAsync([FromForm(Name = "kind")] string? kind, [FromForm(Name = "trackingNumber")] string? trackingNumber,
        [FromForm(Name = "code")] string? code, CancellationToken ct)
    {
        Kind = kind == "letter" ? "letter" : "application";
        TrackingNumber = trackingNumber?.Trim();
        var number = TrackingNumber ?? "";
        if (Kind == "letter") Letter = await PublicLetterStatusEndpoint.FindAsync(store, number, code, ct);
        else Application = await PublicApplicationStatusEndpoint.FindAsync(store, number, code, ct);
        Missing = Application is null && Letter is null;
        if (Missing) Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
