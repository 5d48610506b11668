using Disclosure.Domain;
using Disclosure.Domain.Letters;
using Disclosure.Host.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>
/// What a writer sees: the status, the title and type, the writer's name masked (张**), the dates and, when published, the
/// reply — nothing else (not the phone, not the e-mail, not the body: whoever holds the code may be someone the writer showed it to).
/// </summary>
public sealed record PublicLetterStatus(string TrackingNumber, string Status, DateOnly ReceivedOn, DateOnly? RepliedOn, string? Reply,
    string Writer = "", string Subject = "", string Category = "", DateTimeOffset? SubmittedAt = null);

public static class PublicLetterStatusEndpoint
{
    public const string RateLimitPolicy = "public";

    /// <summary>
    /// No login: the tracking number and the query code given at intake. A wrong code and an unknown number
    /// answer the same 404, after the same pause (<see cref="Applications.PublicApplicationStatusEndpoint.MissDelay"/>), and the
    /// endpoint is rate-limited per client, so codes cannot be guessed.
    /// </summary>
    [WolverineGet("/public/letters/{trackingNumber}", OperationId = "publicLetterStatus", Summary = "来信办理进度查询 · A letter's status for its writer")]
    [AllowAnonymous, EnableRateLimiting(RateLimitPolicy), Tags("Public")]
    [ProducesResponseType<PublicLetterStatus>(200)]
    public static async Task<IResult> Get(string trackingNumber, IDocumentStore store, CancellationToken ct, string? code = null) =>
        await FindAsync(store, trackingNumber, code, ct) is { } status ? Results.Ok(status) : Problems.NotFound("No letter matches this tracking number and query code.");

    /// <summary>The status, or null for an unknown number or a wrong code (the same answer for both).</summary>
    public static async Task<PublicLetterStatus?> FindAsync(IDocumentStore store, string trackingNumber, string? code, CancellationToken ct)
    {
        Letter? letter = null;
        if (!string.IsNullOrWhiteSpace(code) && !string.IsNullOrWhiteSpace(trackingNumber) && trackingNumber.Length <= 40 && code.Length <= 40)
        {
            var hash = Domain.QueryCode.Hash(trackingNumber, code);
            // any agency's: in each database that holds agencies (one, unless there are several)
            letter = (await store.InEachDatabaseAsync<Letter>(async session => await session.Query<Letter>()
                .Where(l => l.AnyTenant() && l.TrackingNumber == trackingNumber && l.QueryCodeHash == hash).Take(1).ToListAsync(ct))).FirstOrDefault();
        }
        if (letter is null)
        {
            await Task.Delay(Applications.PublicApplicationStatusEndpoint.MissDelay, ct); // guessing codes is slow as well as rate-limited
            return null;
        }
        var reply = letter.Replies.LastOrDefault();
        return new PublicLetterStatus(letter.TrackingNumber, LetterStatuses.PublicLabel(letter.Status), letter.ReceivedOn,
            reply?.On, reply is { Publish: true } ? PublishedReplies.Public(letter, reply.Text) : null, Privacy.Mask.Name(letter.Writer.Name, null), letter.Subject,
            LetterCategories.All.Find(letter.Category)?.Label ?? letter.Category, letter.SubmittedAt);
    }
}
