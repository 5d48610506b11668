using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Notices;

/// <summary>A notice of a case as listed: what was issued, how it was delivered, where its document is.</summary>
public sealed record NoticeSummary(
    string Number, [property: Domain.Codes(typeof(NoticeKinds))] string Kind, string Label, string Title, DateOnly IssuedOn, string TemplateVersion, string ContentHash,
    IReadOnlyList<NoticeDelivered> Deliveries, IReadOnlyList<MailReturned> Returns, IReadOnlyList<DeliveryFailed> Failures,
    DateOnly? MaskedOn, string Html, string Pdf);

public static class GetNoticeEndpoint
{
    /// <summary>The notices issued on an application, in the order issued, with their deliveries.</summary>
    [WolverineGet("/api/agencies/{agency}/applications/{id}/notices", OperationId = "listNotices", Summary = "告知书列表 · The notices of an application")]
    [Authorize(Roles = Roles.Reading), Tags("Notices")]
    [ProducesResponseType<IReadOnlyList<NoticeSummary>>(200)]
    public static async Task<IResult> List(string agency, string id, IQuerySession session, CancellationToken ct)
    {
        if (await CaseWrites.ResolveAsync<Application>(session, id, ct) is not { } caseId || await session.LoadAsync<Application>(caseId, ct) is not { } app)
            return Problems.NotFound(ApplicationKind.Instance.NotFound(id));
        var masked = (await session.Query<KeptNotice>().Where(k => k.ApplicationId == caseId).Select(k => new { k.Number, k.MaskedOn }).ToListAsync(ct))
            .ToDictionary(k => k.Number, k => k.MaskedOn);
        var url = $"/api/agencies/{agency}/applications/{caseId}/notices/";
        return Results.Ok(app.Notices.Select(n =>
        {
            var kind = NoticeKinds.Require("kind", n.Kind);
            var at = url + Uri.EscapeDataString(n.Number);
            return new NoticeSummary(n.Number, n.Kind, kind.Label, kind.Title, n.IssuedOn, n.TemplateVersion, n.ContentHash,
                n.Deliveries, n.Returns, n.Failures, masked.GetValueOrDefault(n.Number), at + "?format=html", at + "?format=pdf");
        }).ToList());
    }

    /// <summary>
    /// One notice as it was issued: the kept HTML, or the kept PDF (printed on first request if the print queued at issue has
    /// not run yet) — by <c>?format=html|pdf</c> or the Accept header (<c>application/pdf</c>); HTML by default.
    /// </summary>
    [WolverineGet("/api/agencies/{agency}/applications/{id}/notices/{number}", OperationId = "getNotice", Summary = "告知书 · A notice as issued (HTML or PDF)")]
    [Authorize(Roles = Roles.Reading), Tags("Notices")]
    [ProducesResponseType<string>(200, "text/html", "application/pdf")]
    public static async Task<IResult> Get(string agency, string id, string number, HttpRequest request, IDocumentStore store, KeptPdfs pdfs, CancellationToken ct, string? format = null)
    {
        await using var session = store.LightweightSession(agency); // a print kept on first request commits on its own
        format ??= request.Headers.Accept.ToString().Contains("application/pdf", StringComparison.OrdinalIgnoreCase) ? "pdf" : "html";
        if (format is not ("html" or "pdf"))
            return Problems.ValidationResult(new Dictionary<string, string[]> { ["format"] = ["The format is html or pdf."] });
        if (await CaseWrites.ResolveAsync<Application>(session, id, ct) is not { } caseId)
            return Problems.NotFound(ApplicationKind.Instance.NotFound(id));
        var key = KeptNotice.IdOf(caseId, number);
        if (format == "html")
            return await session.LoadAsync<KeptNotice>(key, ct) is { } kept
                ? Results.Text(kept.Html, "text/html; charset=utf-8")
                : Problems.NotFound($"The application has no notice '{number}'.");
        return await pdfs.EnsureAsync(session, key, ct) is { } pdf
            ? Results.File(pdf, "application/pdf", $"{caseId}-{number}.pdf")
            : Problems.NotFound($"The application has no notice '{number}'.");
    }
}
