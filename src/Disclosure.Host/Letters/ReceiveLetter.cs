using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

public sealed record WriterInput([property: Required, Text(100)] string? Name, [property: Text(40)] string? Phone, [property: Text(200)] string? Email);

/// <summary>A letter to the mayor's mailbox arrived.</summary>
public sealed record ReceiveLetter(
    [property: Required, Codes(typeof(LetterChannels))] string? Channel,
    [property: Required, Codes(typeof(LetterCategories))] string? Category,
    [property: Required, Text(200)] string? Subject,
    [property: Required, Text(20_000, MultiLine = true)] string? Body,
    [property: Required] WriterInput? Writer,
    [property: Required] DateOnly? ReceivedOn,
    bool? PublicConsent,
    bool? Petition = null) : IntakeCommand<Letter>
{
    /// <summary>The code the writer gets once with the answer; only its hash is stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string QueryCode { get; init; } = "";

    public override (string Kind, int Year) Number() => ("letter", ReceivedOn!.Value.Year);

    public override object Receive(Guid id, CaseContext context)
    {
        var writer = new Writer(Writer!.Name!, Blank(Writer.Phone), Blank(Writer.Email));
        return LetterDecider.Receive(id, context.Agency.Id, context.Number, Domain.QueryCode.Hash(context.Number, QueryCode), Channel, Category,
            Subject, Body, writer, ReceivedOn!.Value, PublicConsent ?? false, context.Agency.EffectiveLetterLimits, context.Today,
            Petition ?? false);
    }

    public override object Accepted(Letter state) => new LetterAccepted(state.Id, state.TrackingNumber, QueryCode, state.DueOn, state.Status);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The writer keeps the tracking number and the query code; the code is shown once and stored only as a hash.</summary>
public sealed record LetterAccepted(Guid Id, string TrackingNumber, string QueryCode, DateOnly? DueOn, string Status);

public static class ReceiveLetterEndpoint
{
    public static ProblemDetails Validate(HttpContext http) => new Problems.Required().Add(IdempotencyKeys.Check(http)).Result();

    /// <summary>A retry with the same <c>Idempotency-Key</c> gets the first answer again, with the first query code.</summary>
    [WolverinePost("/api/agencies/{agency}/letters", OperationId = "receiveLetter", Summary = "登记市长信箱来信 · Log a mailbox letter")]
    [Authorize(Roles = Roles.Registering), Tags("Letters")]
    [ProducesResponseType<LetterAccepted>(201)]
    public static async Task<IResult> Post(string agency, ReceiveLetter cmd, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var answer = await bus.ReceiveAsync(agency, cmd with { IdempotencyKey = IdempotencyKeys.Of(http), QueryCode = Domain.QueryCode.New() }, ct);
        return answer.ToResult(a => Results.Created($"/api/agencies/{agency}/letters/{a.Id}", a.Accepted));
    }
}
