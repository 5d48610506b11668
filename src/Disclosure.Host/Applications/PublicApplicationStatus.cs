using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Letters;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>What an applicant sees without logging in: the status, the dates — nothing about the handling inside the agency.</summary>
public sealed record PublicApplicationStatus(string TrackingNumber, string Status, DateOnly ReceivedOn, DateOnly? DueOn, DateOnly? AnsweredOn);

public static class PublicApplicationStatusEndpoint
{
    /// <summary>
    /// No login: the tracking number and the query code given at intake. A wrong code and an unknown number answer the same
    /// 404, and the look-up shares the rate limit of the letters' (per client address), so codes cannot be guessed.
    /// </summary>
    [WolverineGet("/public/applications/{trackingNumber}", OperationId = "publicApplicationStatus", Summary = "申请办理进度查询 · Status of an application by tracking number and query code")]
    [AllowAnonymous, EnableRateLimiting(PublicLetterStatusEndpoint.RateLimitPolicy), Tags("Public")]
    [ProducesResponseType<PublicApplicationStatus>(200)]
    public static async Task<IResult> Get(string trackingNumber, IDocumentStore store, CancellationToken ct, string? code = null) =>
        await FindAsync(store, trackingNumber, code, ct) is { } status ? Results.Ok(status) : Problems.NotFound("No application matches this tracking number and query code.");

    /// <summary>The status, or null for an unknown number or a wrong code (the same answer for both).</summary>
    public static async Task<PublicApplicationStatus?> FindAsync(IDocumentStore store, string trackingNumber, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || trackingNumber.Length > 40 || code.Length > 40) return null;
        var hash = QueryCode.Hash(trackingNumber, code);
        await using var session = store.QuerySession();
        var app = (await session.Query<Application>()
            .Where(a => a.AnyTenant() && a.TrackingNumber == trackingNumber && a.QueryCodeHash == hash).Take(1).ToListAsync(ct)).FirstOrDefault();
        return app is null ? null : new PublicApplicationStatus(app.TrackingNumber, ApplicationStatuses.PublicLabel(app.Status), app.ReceivedOn,
            app.IsOpen ? app.DueOn : null, app.Answer?.DecidedOn);
    }
}
