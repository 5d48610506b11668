using Disclosure.Domain;
using Disclosure.Domain.Letters;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Privacy;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>
/// A published reply as the public reads it: the title, the type, the dates and the reply. Never the writer's name, phone or
/// e-mail, and never the letter's body: the body is the writer's own account (addresses, neighbours' names, their situation)
/// and nobody reviews it for publication, whereas the reply is written by the agency and marked publishable by the handler
/// who wrote it (<see cref="ReplyToLetter"/>'s <c>publish</c>), and only where the writer consented. The title (10–25
/// characters, chosen by the writer knowing the reply may be published) is shown so that the reply reads with its question.
/// </summary>
public sealed record PublishedReply(string TrackingNumber, [property: Codes(typeof(LetterCategories))] string Category, string CategoryLabel,
    string Title, DateOnly ReceivedOn, DateOnly RepliedOn, string Reply);

public sealed record PublishedReplyPage(IReadOnlyList<PublishedReply> Items, int Page, int PageCount, long Total);

public static class PublishedReplies
{
    public const int PageSize = 20;
    public const int MaxPage = 10_000;
    public const string Masked = "***";

    /// <summary>
    /// One page of an agency's published replies, newest reply first: letters whose writer allowed publication, whose latest
    /// reply the handler marked publishable, and whose personal data was not erased (<see cref="Letter.PublishedReplyOn"/>).
    /// </summary>
    public static async Task<PublishedReplyPage> PageAsync(IDocumentStore store, string agency, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, MaxPage);
        await using var session = store.QuerySession(agency);
        var letters = await session.Query<Letter>()
            .Where(l => l.PublishedReplyOn != null && l.PublicConsent && l.PersonalDataErasedOn == null)
            .OrderByDescending(l => l.PublishedReplyOn).ThenByDescending(l => l.TrackingNumber)
            .ToPagedListAsync(page, PageSize, ct);
        var items = letters.Where(l => l.PublishedReply() is not null).Select(Of).ToList();
        return new PublishedReplyPage(items, page, (int)Math.Max(1, letters.PageCount), letters.TotalItemCount);
    }

    public static PublishedReply Of(Letter letter)
    {
        var reply = letter.PublishedReply()!;
        return new PublishedReply(letter.TrackingNumber, letter.Category, LetterCategories.All.Find(letter.Category)?.Label ?? letter.Category,
            Public(letter, letter.Subject), letter.ReceivedOn, reply.On, Public(letter, reply.Text));
    }

    /// <summary>
    /// A backstop behind the handler's judgement: the writer's name (张三 → 张**), identity numbers, mobile numbers and e-mail
    /// addresses are masked wherever they still appear in a text shown to the public.
    /// </summary>
    public static string Public(Letter letter, string text)
    {
        if (letter.Writer.Name is { Length: >= 2 } name) text = text.Replace(name, Mask.Name(name, null), StringComparison.Ordinal);
        return PersonalDataRedactor.MaskPersonalData(text, Masked);
    }
}

public static class PublishedRepliesEndpoint
{
    /// <summary>No login; paged (20 a page); rate-limited per client like the other public look-ups.</summary>
    [WolverineGet("/public/agencies/{agency}/letters/replies", OperationId = "publishedLetterReplies", Summary = "来信选登 · An agency's published replies to letters")]
    [AllowAnonymous, EnableRateLimiting(PublicLetterStatusEndpoint.RateLimitPolicy), Tags("Public")]
    [ProducesResponseType<PublishedReplyPage>(200)]
    public static async Task<IResult> Get(string agency, IDocumentStore store, CancellationToken ct, int? page = null)
    {
        if (page is < 1 or > PublishedReplies.MaxPage)
            return Problems.ValidationResult(new Dictionary<string, string[]> { ["page"] = [$"1 to {PublishedReplies.MaxPage}."] });
        return Results.Ok(await PublishedReplies.PageAsync(store, agency, page ?? 1, ct));
    }
}
