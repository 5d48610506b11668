using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Search;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

public sealed record ApplicantInput(
    [property: Required, Codes(typeof(ApplicantCategories))] string? Category,
    [property: Required, Text(200)] string? Name,
    [property: Text(40)] string? IdNumber,
    [property: Text(40)] string? Phone,
    [property: Text(200)] string? Email,
    [property: Text(500)] string? Address,
    [property: Codes(typeof(IdentityDocumentTypes))] string? IdType = null,
    [property: Text(200)] string? Workplace = null,
    [property: Text(18)] string? CreditCode = null,
    [property: Text(100)] string? LegalRepresentative = null,
    [property: Text(100)] string? ContactName = null,
    [property: Text(10)] string? PostalCode = null)
{
    /// <summary>The applicant as the form gave them, blanks dropped (what the case records and the repeat check compares).</summary>
    public Applicant ToApplicant() => new(Category!, Name!, Blank(IdNumber), Blank(Phone), Blank(Email), Blank(Address),
        Blank(IdType), Blank(Workplace), Blank(CreditCode)?.ToUpperInvariant(), Blank(LegalRepresentative), Blank(ContactName), Blank(PostalCode));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>收到申请: an intake clerk logs an application (条例第二十九条、第三十一条).</summary>
public sealed record ReceiveApplication(
    [property: Required, Codes(typeof(Channels))] string? Channel,
    [property: Required] ApplicantInput? Applicant,
    [property: Required, Text(10_000, MultiLine = true)] string? Description,
    [property: Required(ErrorMessage = "'receivedOn' (the legal receipt date, yyyy-MM-dd) is required.")] DateOnly? ReceivedOn,
    DateOnly? SubmittedOn,
    [property: Text(100)] string? DocumentNumber = null,
    [property: Codes(typeof(InformationForms))] string? InformationForm = null,
    [property: Codes(typeof(ObtainWays))] string? ObtainBy = null,
    bool? OtherWayAcceptable = null,
    bool? ElectronicConsent = null) : IntakeCommand<Application>
{
    /// <summary>The code the applicant gets once with the answer, to look the case up without logging in; only its hash is stored.</summary>
    [JsonIgnore]
    public string QueryCode { get; init; } = "";

    public override (string Kind, int Year) Number() => ("application", ReceivedOn!.Value.Year);

    /// <summary>Earlier applications this one may repeat, found by the write path once the intake is accepted (the answer carries them).</summary>
    [JsonIgnore]
    public RepeatReport? Repeats { get; init; }

    /// <summary>How long the repeat check took (the API answers it as <c>Server-Timing: repeats</c>); null when it failed.</summary>
    [JsonIgnore]
    public double? RepeatMilliseconds { get; init; }

    public override object Receive(Guid id, CaseContext context)
    {
        var requested = new RequestedInformation(Blank(DocumentNumber), Blank(InformationForm), Blank(ObtainBy), OtherWayAcceptable, ElectronicConsent);
        return ApplicationDecider.Receive(id, context.Agency.Id, context.Number, Channel!, ApplicantAsGiven(), Description!, SubmittedOn, ReceivedOn!.Value, context.Today,
            QueryCode.Length > 0 ? Domain.QueryCode.Hash(context.Number, QueryCode) : null, requested);
    }

    /// <summary>The applicant as the form gave them, blanks dropped (what the case records and the repeat check compares).</summary>

    public Applicant ApplicantAsGiven() => Applicant!.ToApplicant();

    public override object Accepted(Application state) =>
        new ApplicationAccepted(state.Id, state.TrackingNumber, state.ReceivedOn, state.DueOn, state.Status, QueryCode.Length > 0 ? QueryCode : null, Repeats)
            { RepeatMilliseconds = RepeatMilliseconds };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>
/// The intake's answer; <c>QueryCode</c> is shown once (a retry with the same key gets the same one) and stored only as a hash;
/// <c>repeats</c>: earlier applications of the same applicant or asking the same, with the reason.
/// </summary>
public sealed record ApplicationAccepted(Guid Id, string TrackingNumber, DateOnly ReceivedOn, DateOnly? DueOn, string Status, string? QueryCode = null, RepeatReport? Repeats = null)
{
    /// <summary>The repeat check's time, for the <c>Server-Timing</c> header; not part of the answer (nor of a replay).</summary>
    [JsonIgnore]
    public double? RepeatMilliseconds { get; init; }
}

public static class ReceiveApplicationEndpoint
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static ProblemDetails Validate(HttpContext http) => new Problems.Required().Add(IdempotencyKeys.Check(http)).Result();

    [WolverinePost("/api/agencies/{agency}/applications", OperationId = "receiveApplication", Summary = "登记政府信息公开申请 · Log an application")]
    [Authorize(Roles = Roles.Registering), Tags("Applications")]
    [ProducesResponseType<ApplicationAccepted>(201)]
    public static async Task<IResult> Post(string agency, ReceiveApplication cmd, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        // the write path runs the repeat check once the intake is accepted (RepeatCheck.AtIntakeAsync); it never stops an intake
        var answer = await bus.ReceiveAsync(agency, cmd with { IdempotencyKey = IdempotencyKeys.Of(http), QueryCode = Domain.QueryCode.New() }, ct);
        if (answer.Accepted is ApplicationAccepted { RepeatMilliseconds: { } milliseconds })
            http.Response.Headers["Server-Timing"] = FormattableString.Invariant($"repeats;dur={milliseconds:0.0}");
        return answer.ToResult(a => Results.Created($"/api/agencies/{agency}/applications/{a.Id}", a.Accepted));
    }
}
