using Disclosure.Domain.Letters;
using Disclosure.Host.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>What a writer sees: the status and, when published, the reply — nothing else.</summary>
public sealed record PublicLetterStatus(string TrackingNumber, string Status, DateOnly ReceivedOn, DateOnly? RepliedOn, string? Reply);

public static class PublicLetterStatusEndpoint
{
    public const string RateLimitPolicy = "public";

    /// <summary>
    /// No login: the tracking number and the query code given at intake. A wrong code and an unknown number
    /// answer the same 404, and the endpoint is rate-limited per client, so codes cannot be guessed.
    /// </summary>
    [WolverineGet("/public/letters/{trackingNumber}", OperationId = "publicLetterStatus", Summary = "来信办理进度查询 · A letter's status for its writer")]
    [AllowAnonymous, EnableRateLimiting(RateLimitPolicy), Tags("Public")]
    [ProducesResponseType<PublicLetterStatus>(200)]
    public static async Task<IResult> Get(string trackingNumber, IDocumentStore store, CancellationToken ct, string? code = null) =>
        await FindAsync(store, trackingNumber, code, ct) is { } status ? Results.Ok(status) : Problems.NotFound("No letter matches this tracking number and query code.");

    /// <summary>The status, or null for an unknown number or a wrong code (the same answer for both).</summary>
    public static async Task<PublicLetterStatus?> FindAsync(IDocumentStore store, string trackingNumber, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || trackingNumber.Length > 40 || code.Length > 40) return null;
        var hash = Domain.QueryCode.Hash(trackingNumber, code);
        // any agency's: in each database that holds agencies (one, unless there are several)
        var letter = (await store.InEachDatabaseAsync<Letter>(async session => await session.Query<Letter>()
            .Where(l => l.AnyTenant() && l.TrackingNumber == trackingNumber && l.QueryCodeHash == hash).Take(1).ToListAsync(ct))).FirstOrDefault();
        if (letter is null) return null;
        var reply = letter.Replies.LastOrDefault();
        return new PublicLetterStatus(letter.TrackingNumber, LetterStatuses.PublicLabel(letter.Status), letter.ReceivedOn,
            reply?.On, reply is { Publish: true } ? reply.Text : null);
    }
}
