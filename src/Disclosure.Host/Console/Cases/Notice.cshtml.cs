using Disclosure.Host.Notices;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Cases;

/// <summary>
/// A notice of a case as it was issued — the kept HTML, or the kept PDF (<c>?format=pdf</c>) — served with the console's
/// session by the API's own code (a console cookie never authenticates an <c>/api</c> call, so the page cannot link there).
/// </summary>
[Authorize(Roles = Roles.Reading)]
public sealed class NoticeModel(IDocumentStore store, KeptPdfs pdfs) : ConsolePage
{
    [FromRoute(Name = "id")] public string Id { get; set; } = "";
    [FromRoute(Name = "number")] public string Number { get; set; } = "";
    [FromQuery(Name = "format")] public string? Format { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await GetNoticeEndpoint.Get(AgencyId, Id, Number, Request, store, pdfs, ct, Format ?? "html");
        if (result is IStatusCodeHttpResult { StatusCode: >= 400 } failed)
        {
            await ErrorPage.WriteAsync(HttpContext, failed.StatusCode ?? StatusCodes.Status404NotFound);
            return new EmptyResult();
        }
        await result.ExecuteAsync(HttpContext);
        return new EmptyResult();
    }
}
