using Disclosure.Domain.Applications;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Cases;

/// <summary>
/// A file the applicant attached (proof of identity, other papers), for the staff who work the case — 登记, 承办, 审核
/// (个人信息保护法第六条: an identity document is for those who need it; others get 403) — in the agency's own tenant: a case or
/// file of another agency, or an id guessed, is the same 404 as nothing. Served as a download only (<see cref="CaseFiles.Download"/>).
/// </summary>
[Authorize(Roles = Roles.Reading)]
public sealed class FileModel(IDocumentStore store) : ConsolePage
{
    [FromRoute(Name = "id")] public string Id { get; set; } = "";
    [FromRoute(Name = "file")] public string FileId { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Privacy.CaseWorker)
        {
            await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status403Forbidden);
            return new EmptyResult();
        }
        await using var session = store.QuerySession(AgencyId);
        var app = await CaseWrites.ResolveAsync<Application>(session, Id, ct) is { } caseId ? await session.LoadAsync<Application>(caseId, ct) : null;
        var attached = Guid.TryParse(FileId, out var fileId) ? app?.Attachments.FirstOrDefault(f => !f.Erased && f.Id == fileId) : null;
        var stored = attached is null ? null : await CaseFiles.LoadAsync(session, app!.Id, attached.Id, ct);
        if (stored is null)
        {
            await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status404NotFound);
            return new EmptyResult();
        }
        await CaseFiles.Download(HttpContext, stored, attached!.Name).ExecuteAsync(HttpContext);
        return new EmptyResult();
    }
}
