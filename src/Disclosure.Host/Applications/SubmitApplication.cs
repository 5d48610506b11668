using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>
/// 网上申请: the applicant fills the 条例第二十九条 form on the public site (<c>/apply</c>, or this endpoint). The case opens
/// awaiting confirmation (条例第三十一条: an application by internet is received the day both sides confirm); the applicant
/// gets the tracking number and query code at once.
/// </summary>
public sealed record SubmitApplication(
    [property: Required] ApplicantInput? Applicant,
    [property: Required, Text(10_000, MultiLine = true)] string? Description,
    [property: Text(100)] string? DocumentNumber = null,
    [property: Required, Codes(typeof(InformationForms))] string? InformationForm = null,
    [property: Required, Codes(typeof(ObtainWays))] string? ObtainBy = null,
    bool? OtherWayAcceptable = null,
    [property: Required] bool? ElectronicConsent = null) : IntakeCommand<Application>, ICarriesFiles
{
    /// <summary>Files sent with the form (<c>/apply</c>): proof of identity and other papers; the bytes never enter an event.</summary>
    [JsonIgnore]
    public IReadOnlyList<Upload> Files { get; init; } = [];

    /// <summary>Shown once in the answer; only its hash is stored.</summary>
    [JsonIgnore]
    public string QueryCode { get; init; } = "";

    /// <summary>The year of the submission (the tracking number's).</summary>
    [JsonIgnore]
    public int Year { get; init; }

    public override (string Kind, int Year) Number() => ("application", Year);

    public override object Receive(Guid id, CaseContext context) =>
        ApplicationDecider.Submit(id, context.Agency.Id, context.Number, Applicant!.ToApplicant(), Description!,
            new RequestedInformation(Blank(DocumentNumber), InformationForm, ObtainBy, OtherWayAcceptable, ElectronicConsent),
            context.Today, context.Now, QueryCode.Length > 0 ? Domain.QueryCode.Hash(context.Number, QueryCode) : null);

    public override IEnumerable<object> Following(CaseContext context) =>
        ApplicationDecider.AttachAtSubmission(Files, context.Uploads, context.Today, context.Now) is { } attached ? [attached] : [];

    public override object Accepted(Application state) =>
        new ApplicationSubmitted(state.Id, state.TrackingNumber, state.SubmittedAt!.Value, ApplicationStatuses.PublicLabel(state.Status), QueryCode);

    /// <summary>The tracking number and query code by e-mail where an address was given, stored with the case (outbox).</summary>
    public override IEnumerable<object> Outgoing(Application state) =>
        state.Applicant.Email is { Length: > 0 } ? [new Notices.MailQueryCode(Guid.CreateVersion7(), state.Agency, Notices.MailQueryCode.Application, state.Id, QueryCode)] : [];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The answer to a submission: the tracking number and the query code (shown once), not yet a receipt.</summary>
public sealed record ApplicationSubmitted(Guid Id, string TrackingNumber, DateTimeOffset SubmittedAt, string Status, string QueryCode);

public static class SubmitApplicationEndpoint
{
    public const string RateLimitPolicy = "public-submission";

    /// <summary>A resubmission of the same request by the same applicant within this time is the same application.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(30);

    [WolverinePost("/public/agencies/{agency}/applications", OperationId = "submitApplication", Summary = "网上提交政府信息公开申请 · Submit an application online")]
    [AllowAnonymous, EnableRateLimiting(RateLimitPolicy), Tags("Public")]
    [ProducesResponseType<ApplicationSubmitted>(201)]
    public static async Task<IResult> Post(string agency, SubmitApplication cmd, HttpContext http, IMessageBus bus, IDocumentStore store,
        BusinessClock clock, IdempotencyRecords records, CancellationToken ct)
    {
        var answer = await SubmitAsync(agency, cmd, IdempotencyKeys.Of(http) ?? Guid.NewGuid().ToString(), bus, store, clock, records, ct);
        return answer.ToResult(a => Results.Created($"/public/status", a.Accepted));
    }

    public static ProblemDetails Validate(HttpContext http) => new Problems.Required().Add(IdempotencyKeys.Check(http)).Result();

    /// <summary>
    /// One application per request, however often it is sent: the form's idempotency key makes a double click or a reload
    /// one case (the write path replays the first answer), and the content check makes a resubmission of the same request
    /// by the same applicant, still awaiting confirmation, within <see cref="DuplicateWindow"/> answer as the first did.
    /// </summary>
    public static async Task<CaseAnswer> SubmitAsync(string agency, SubmitApplication cmd, string idempotencyKey, IMessageBus bus,
        IDocumentStore store, BusinessClock clock, IdempotencyRecords records, CancellationToken ct)
    {
        if (await EarlierAsync(agency, cmd, store, clock, records, ct) is { } earlier) return earlier;
        return await bus.ReceiveAsync(agency, cmd with { IdempotencyKey = idempotencyKey, QueryCode = QueryCode.New(), Year = clock.Today.Year }, ct);
    }

    private static async Task<CaseAnswer?> EarlierAsync(string agency, SubmitApplication cmd, IDocumentStore store, BusinessClock clock,
        IdempotencyRecords records, CancellationToken ct)
    {
        var applicant = cmd.Applicant!.ToApplicant();
        var description = cmd.Description!.Trim();
        var since = clock.Now - DuplicateWindow;
        await using var session = store.QuerySession(agency);
        var query = session.Query<Application>()
            .Where(a => a.AwaitingConfirmation && a.SubmittedAt >= since && a.Description == description && a.Applicant.Name == applicant.Name);
        // the same applicant: the identity the submission must carry (a person's document number, an organisation's code)
        if (applicant.IdNumber is { } idNumber) query = query.Where(a => a.Applicant.IdNumber == idNumber);
        if (applicant.CreditCode is { } creditCode) query = query.Where(a => a.Applicant.CreditCode == creditCode);
        var same = await query.Select(a => a.Id).Take(1).ToListAsync(ct);
        if (same.Count == 0) return null;
        var kept = await session.Query<IdempotencyRecord>().Where(r => r.CaseId == same[0]).Take(1).ToListAsync(ct);
        return kept.Count == 1 && records.Open(kept[0]) is { } opened
            ? CaseAnswer.Replayed(same[0], JsonDocument.Parse(opened.Response).RootElement)
            : null;
    }
}
