using Disclosure.Domain.Applications;
using Marten;
using Microsoft.Net.Http.Headers;

namespace Disclosure.Host.Applications;

/// <summary>
/// The bytes of a file attached to an application (<see cref="FilesAttached"/> describes it on the case): one document per
/// file in the agency's tenant, with the case it belongs to, the type its content showed, its size and SHA-256. Written only
/// by the write path in the transaction of its event, deleted by it when the case's personal data is erased.
/// </summary>
public sealed class CaseFile
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string MediaType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
}

/// <summary>A command that carries uploaded files: the write path keeps the bytes of those its decision attached.</summary>
public interface ICarriesFiles
{
    IReadOnlyList<Upload> Files { get; }
}

/// <summary>How many files and how large (<c>Attachments:MaxFiles</c>, <c>Attachments:MaxFileBytes</c>, <c>Attachments:MaxTotalBytes</c>).</summary>
public sealed class AttachmentSettings(IConfiguration config)
{
    public UploadLimits Limits { get; } = new(
        Math.Clamp(config.GetValue("Attachments:MaxFiles", UploadLimits.Default.MaxFiles), 1, 50),
        Math.Clamp(config.GetValue("Attachments:MaxFileBytes", UploadLimits.Default.MaxFileBytes), 1024, 100L * 1024 * 1024),
        Math.Clamp(config.GetValue("Attachments:MaxTotalBytes", UploadLimits.Default.MaxTotalBytes), 1024, 200L * 1024 * 1024));

    /// <summary>The largest request body a form with files may send: the files, and room for the form's text fields and multipart framing.</summary>
    public long MaxBodyBytes => Limits.MaxTotalBytes + 1024 * 1024;

    /// <summary>The public pages that take files (posted): the application form and the status page (a 补正 answered online).</summary>
    public static bool TakesFiles(HttpRequest request) => HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments(StaffConsole.ConsoleSetup.Apply) || request.Path.StartsWithSegments(StaffConsole.ConsoleSetup.PublicStatus));
}

public static class CaseFiles
{
    /// <summary>The form fields that carry files, and the purpose each gives them.</summary>
    public const string IdentityProofField = "identityProof";
    public const string OtherFilesField = "otherFiles";

    /// <summary>
    /// Served only as a download: never shown inline, never sniffed into another type, and sandboxed if a browser renders
    /// it anyway (no script, no same origin) — whatever a file holds, it cannot act in the site's name.
    /// </summary>
    public const string ContentSecurityPolicy = "sandbox; default-src 'none'";

    /// <summary>The files of a posted form, proof of identity first, with new ids (a door mints the ids it answers with).</summary>
    public static async Task<IReadOnlyList<Upload>> FromFormAsync(IFormCollection form, CancellationToken ct)
    {
        var uploads = new List<Upload>();
        foreach (var (field, purpose) in new[] { (IdentityProofField, AttachmentPurposes.IdentityProof), (OtherFilesField, AttachmentPurposes.Other) })
            foreach (var file in form.Files.GetFiles(field))
            {
                // a file input left empty posts a part without a file name and without bytes: nothing was attached
                if (file.Length == 0 && string.IsNullOrEmpty(file.FileName)) continue;
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                uploads.Add(new Upload(Guid.CreateVersion7(), purpose, file.FileName, buffer.ToArray()));
            }
        return uploads;
    }

    /// <summary>In the write path, in the transaction of the events: the bytes of every file the appended events attached.</summary>
    public static void Keep(IDocumentSession session, Guid caseId, object command, IEnumerable<object> appended)
    {
        if (command is not ICarriesFiles carrier) return;
        foreach (var file in appended.OfType<FilesAttached>().SelectMany(e => e.Files))
        {
            var upload = carrier.Files.Single(u => u.Id == file.Id);
            session.Insert(new CaseFile { Id = file.Id, CaseId = caseId, MediaType = file.MediaType, Size = file.Size, Sha256 = file.Sha256, Content = upload.Content });
        }
    }

    /// <summary>Erasure: the bytes go with the case's personal data (the event keeps only a blanked description).</summary>
    public static void Erase(IDocumentSession session, Guid caseId) => session.DeleteWhere<CaseFile>(f => f.CaseId == caseId);

    /// <summary>The bytes of one file of one case, in the agency's tenant; null when that case has no such file (or its bytes were erased).</summary>
    public static async Task<CaseFile?> LoadAsync(IQuerySession session, Guid caseId, Guid fileId, CancellationToken ct) =>
        await session.LoadAsync<CaseFile>(fileId, ct) is { } file && file.CaseId == caseId ? file : null;

    /// <summary>The download: an attachment (never inline), its sniffed type, <c>nosniff</c> and a sandbox.</summary>
    public static IResult Download(HttpContext http, CaseFile file, string name)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(name);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return Results.Bytes(file.Content, file.MediaType);
    }
}
