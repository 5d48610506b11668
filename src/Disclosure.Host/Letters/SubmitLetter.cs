using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Notices;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>The writer of a letter written online: a real name and a phone number (市长信箱 practice), an e-mail if they like.</summary>
public sealed record OnlineWriterInput([property: Required, Text(50)] string? Name, [property: Required, Text(40)] string? Phone, [property: Text(200)] string? Email);

/// <summary>
/// 网上写信: the writer fills the mailbox form on the public site (<c>/letters/new/{agency}</c>, or this endpoint). The letter
/// enters the staff's letters list as received through the online channel, by the same write path as a letter a clerk logs;
/// the writer gets the tracking number and the query code at once, and by e-mail where an address was given.
/// </summary>
public sealed record SubmitLetter(
    [property: Required, Codes(typeof(OnlineLetterCategories))] string? Category,
    [property: Required, Text(MailboxForm.SubjectMax)] string? Subject,
    [property: Required, Text(MailboxForm.BodyMax, MultiLine = true)] string? Body,
    [property: Required] OnlineWriterInput? Writer,
    [property: Required, Label("是否同意公开答复")] bool? PublicConsent) : IntakeCommand<Letter>
{
    /// <summary>Shown once in the answer (and mailed once); only its hash is stored.</summary>
    [JsonIgnore]
    public string QueryCode { get; init; } = "";

    /// <summary>The year of the submission (the tracking number's).</summary>
    [JsonIgnore]
    public int Year { get; init; }

    public override (string Kind, int Year) Number() => ("letter", Year);

    public override object Receive(Guid id, CaseContext context) =>
        LetterDecider.Submit(id, context.Agency.Id, context.Number, Domain.QueryCode.Hash(context.Number, QueryCode), Category, Subject, Body,
            new Writer(Writer!.Name?.Trim() ?? "", Blank(Writer.Phone), Blank(Writer.Email)), PublicConsent, context.Now,
            context.Agency.EffectiveLetterLimits, context.Today);

    public override object Accepted(Letter state) =>
        new LetterSubmitted(state.Id, state.TrackingNumber, QueryCode, state.SubmittedAt!.Value, LetterStatuses.PublicLabel(state.Status));

    /// <summary>The tracking number and query code by e-mail, stored with the letter (outbox) and sent after the commit.</summary>
    public override IEnumerable<object> Outgoing(Letter state) =>
        state.Writer.Email is { Length: > 0 } ? [new MailQueryCode(Guid.CreateVersion7(), state.Agency, MailQueryCode.Letter, state.Id, QueryCode)] : [];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The answer to a letter written online: the tracking number and the query code (shown once).</summary>
public sealed record LetterSubmitted(Guid Id, string TrackingNumber, string QueryCode, DateTimeOffset SubmittedAt, string Status);

public static class SubmitLetterEndpoint
{
    /// <summary>A resubmission of the same letter by the same writer within this time is the same letter.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(30);

    [WolverinePost("/public/agencies/{agency}/letters", OperationId = "submitLetter", Summary = "网上写信 · Write to the mailbox online")]
    [AllowAnonymous, EnableRateLimiting(Applications.SubmitApplicationEndpoint.RateLimitPolicy), Tags("Public")]
    [ProducesResponseType<LetterSubmitted>(201)]
    public static async Task<IResult> Post(string agency, SubmitLetter cmd, HttpContext http, IMessageBus bus, IDocumentStore store,
        BusinessClock clock, IdempotencyRecords records, PublicLimits limits, CancellationToken ct)
    {
        var answer = await SubmitAsync(agency, cmd, IdempotencyKeys.Of(http) ?? Guid.NewGuid().ToString(), bus, store, clock, records, limits, ct);
        return answer.ToResult(a => Results.Created("/public/status", a.Accepted));
    }

    public static ProblemDetails Validate(HttpContext http) => new Problems.Required().Add(IdempotencyKeys.Check(http)).Result();

    /// <summary>
    /// One letter per request, however often it is sent: the form's idempotency key makes a double click or a reload one
    /// letter (the write path replays the first answer), and a resubmission of the same title and text by the same phone
    /// within <see cref="DuplicateWindow"/>, still waiting to be accepted, answers as the first did. Past
    /// <see cref="PublicLimits.LettersPerPhonePerDay"/> letters from one phone number to one agency in a day, it is refused (429).
    /// </summary>
    public static async Task<CaseAnswer> SubmitAsync(string agency, SubmitLetter cmd, string idempotencyKey, IMessageBus bus,
        IDocumentStore store, BusinessClock clock, IdempotencyRecords records, PublicLimits limits, CancellationToken ct)
    {
        var phone = cmd.Writer?.Phone?.Trim() ?? "";
        await using (var session = store.QuerySession(agency))
        {
            if (await EarlierAsync(session, cmd, phone, clock, records, ct) is { } earlier) return earlier;
            var today = clock.Today;
            var sent = await session.Query<Letter>().CountAsync(l => l.Channel == "online" && l.ReceivedOn == today && l.Writer.Phone == phone, ct);
            if (sent >= limits.LettersPerPhonePerDay)
                return CaseAnswer.Problem(429, "writer.phone", $"This phone number has sent {sent} letters today; write again tomorrow.");
        }
        return await bus.ReceiveAsync(agency, cmd with { IdempotencyKey = idempotencyKey, QueryCode = QueryCode.New(), Year = clock.Today.Year }, ct);
    }

    private static async Task<CaseAnswer?> EarlierAsync(IQuerySession session, SubmitLetter cmd, string phone, BusinessClock clock,
        IdempotencyRecords records, CancellationToken ct)
    {
        var subject = cmd.Subject?.Trim() ?? "";
        var body = cmd.Body?.Trim() ?? "";
        var since = clock.Now - DuplicateWindow;
        var same = await session.Query<Letter>()
            .Where(l => l.SubmittedAt >= since && l.Status == LetterStatuses.Received && l.Writer.Phone == phone && l.Subject == subject && l.Body == body)
            .Select(l => l.Id).Take(1).ToListAsync(ct);
        if (same.Count == 0) return null;
        var kept = await session.Query<IdempotencyRecord>().Where(r => r.CaseId == same[0]).Take(1).ToListAsync(ct);
        return kept.Count == 1 && records.Open(kept[0]) is { } opened
            ? CaseAnswer.Replayed(same[0], JsonDocument.Parse(opened.Response).RootElement)
            : null;
    }
}

/// <summary>
/// Limits of the public front door besides the per-address rate limits (section <c>Limits</c>): <c>LettersPerPhonePerDay</c>
/// (5) letters written online from one phone number to one agency in a day.
/// </summary>
public sealed class PublicLimits
{
    public int LettersPerPhonePerDay { get; set; } = 5;

    public static PublicLimits Read(IConfiguration config) => new() { LettersPerPhonePerDay = Math.Clamp(config.GetValue("Limits:LettersPerPhonePerDay", 5), 1, 1000) };
}
