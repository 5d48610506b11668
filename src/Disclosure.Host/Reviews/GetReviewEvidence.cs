using Disclosure.Domain.Reviews;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Reviews;

/// <summary>
/// 证据材料 kept with a review (<see cref="ReviewEvidenceKept"/>): the PDF built when the reply was filed, served byte for byte
/// as kept — checked against the SHA-256 its event recorded — whatever was recorded on the application since.
/// </summary>
public static class GetReviewEvidenceEndpoint
{
    public sealed record Kept(byte[] Pdf, string FileName);

    [WolverineGet("/api/agencies/{agency}/reviews/{id}/evidence", OperationId = "getReviewEvidence", Summary = "随答复提交的证据材料（PDF） · The evidence bundle kept with a review")]
    [Authorize(Roles = Roles.Reading), Tags("Reviews")]
    [ProducesResponseType<byte[]>(200, Applications.EvidenceBundle.ContentType)]
    public static async Task<IResult> Get(string id, IQuerySession session, CancellationToken ct)
    {
        var (kept, problem) = await LoadAsync(session, id, ct);
        return kept is not null ? Results.File(kept.Pdf, Applications.EvidenceBundle.ContentType, kept.FileName) : Problems.NotFound(problem!);
    }

    /// <summary>The kept bundle, or why there is none (no such review; no reply yet; the reply's bundle not built yet; erased).</summary>
    public static async Task<(Kept? Kept, string? Problem)> LoadAsync(IQuerySession session, string id, CancellationToken ct)
    {
        if (await CaseWrites.ResolveAsync<ReviewCase>(session, id, ct) is not { } reviewId || await session.LoadAsync<ReviewCase>(reviewId, ct) is not { } review)
            return (null, ReviewKind.Instance.NotFound(id));
        if (review.EvidenceBundle is not { } recorded)
            return (null, review.RepliedOn is null ? "The evidence bundle is kept when the reply is filed; no reply is filed yet." : "The evidence bundle of the reply is being built; try again shortly.");
        if (await session.LoadAsync<ReviewEvidencePdf>(reviewId, ct) is not { } pdf)
            return (null, "The evidence bundle of this review is no longer kept (its personal data was erased).");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf.Pdf));
        if (hash != recorded.Sha256)
            throw new InvalidOperationException($"The kept evidence bundle of review {review.TrackingNumber} does not match the SHA-256 its event recorded.");
        return (new Kept(pdf.Pdf, pdf.FileName), null);
    }
}
