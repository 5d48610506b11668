using System.Security.Cryptography;
using System.Text.Json;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Agencies;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using JasperFx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

public sealed record ApplicantInput(string? Category, string? Name, string? IdNumber, string? Phone, string? Email, string? Address);

/// <summary>收到申请: an intake clerk logs an application (条例第二十九条、第三十一条).</summary>
public sealed record ReceiveApplication(string? Channel, ApplicantInput? Applicant, string? Description, DateOnly? ReceivedOn, DateOnly? SubmittedOn);

public sealed record ApplicationAccepted(Guid Id, string TrackingNumber, DateOnly ReceivedOn, DateOnly? DueOn, string Status);

/// <summary>The first answer to an intake with an <c>Idempotency-Key</c>; a retry gets it back instead of a second case.</summary>
public sealed class IdempotencyRecord
{
    public string Id { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public Guid ApplicationId { get; set; }
    public ApplicationAccepted Response { get; set; } = null!;
    public DateTimeOffset RecordedAt { get; set; }
}

public static class ReceiveApplicationEndpoint
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static ProblemDetails Validate(ReceiveApplication cmd, HttpContext http)
    {
        var required = new Problems.Required()
            .Check(cmd.Channel, "channel")
            .Check(cmd.Channel is null || Channels.All.Find(cmd.Channel) is not null, "channel", $"Unknown channel '{cmd.Channel}'. Allowed: {string.Join(", ", Channels.All.Select(t => t.Code))}.")
            .Check(cmd.Applicant is not null, "applicant")
            .Check(cmd.Description, "description")
            .Check(cmd.Description is null || cmd.Description.Length <= 10_000, "description", "At most 10,000 characters.")
            .Check(cmd.ReceivedOn is not null, "receivedOn", "'receivedOn' (the legal receipt date, yyyy-MM-dd) is required.");
        if (cmd.Applicant is { } a)
        {
            required.Check(a.Category, "applicant.category")
                .Check(a.Category is null || ApplicantCategories.All.Find(a.Category) is not null, "applicant.category",
                    $"Unknown applicant category '{a.Category}'. Allowed: {string.Join(", ", ApplicantCategories.All.Select(t => t.Code))}.")
                .Check(a.Name, "applicant.name")
                .Check((a.Name?.Length ?? 0) <= 200, "applicant.name", "At most 200 characters.")
                .Check((a.IdNumber?.Length ?? 0) <= 40, "applicant.idNumber", "At most 40 characters.")
                .Check((a.Phone?.Length ?? 0) <= 40, "applicant.phone", "At most 40 characters.")
                .Check((a.Email?.Length ?? 0) <= 200, "applicant.email", "At most 200 characters.")
                .Check((a.Address?.Length ?? 0) <= 500, "applicant.address", "At most 500 characters.");
        }
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        required.Check(key.Length <= 200, IdempotencyHeader, "At most 200 characters.");
        return required.Result();
    }

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications"), Authorize(Roles = Roles.Registering), Tags("Applications")]
    [ProducesResponseType<ApplicationAccepted>(201)]
    public static async Task<IResult> Post(string agency, ReceiveApplication cmd, IDocumentSession session, HttpContext http, IMessageBus bus,
        AgencyDirectory agencies, TrackingNumbers numbers, BusinessClock clock, CalendarStore calendars, CancellationToken ct)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        var fingerprint = key.Length == 0 ? "" : Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(cmd)));
        if (key.Length > 0 && await session.LoadAsync<IdempotencyRecord>(key, ct) is { } earlier)
            return Replay(agency, earlier, fingerprint);

        var a = cmd.Applicant!;
        var applicant = new Applicant(a.Category!, a.Name!, Blank(a.IdNumber), Blank(a.Phone), Blank(a.Email), Blank(a.Address));
        var id = Guid.CreateVersion7();
        ApplicationReceived received;
        try
        {
            received = ApplicationDecider.Receive(id, agency, "", cmd.Channel!, applicant, cmd.Description!, cmd.SubmittedOn, cmd.ReceivedOn!.Value, clock.Today);
        }
        catch (Refusal refusal)
        {
            return Problems.From(refusal);
        }

        var code = (await agencies.FindAsync(agency, ct))!.Code;
        received = received with { TrackingNumber = await numbers.NextAsync(agency, code, "application", received.ReceivedOn.Year, ct) };
        var state = Application.From([received], calendars.Current, calendars.Settings);
        var accepted = new ApplicationAccepted(id, received.TrackingNumber, received.ReceivedOn, state.DueOn, state.Status);

        session.Events.StartStream<Application>(id, received);
        if (key.Length > 0)
            session.Insert(new IdempotencyRecord { Id = key, Fingerprint = fingerprint, ApplicationId = id, Response = accepted, RecordedAt = clock.Now });
        session.LastModifiedBy = Actor.Of(http.User);
        await new ApplicationSteps(session, http, bus).ScheduleDeadlinesAsync(state, ct); // stored in this transaction
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (key.Length > 0 && StorageConflict.Is(e))
        {
            // the same key raced us and won: answer as it did
            session.EjectAllPendingChanges(); // nothing of this request may be saved by a later flush
            await using var fresh = session.DocumentStore.QuerySession(agency);
            var winner = await fresh.LoadAsync<IdempotencyRecord>(key, ct);
            return Replay(agency, winner!, fingerprint);
        }
        return Results.Created($"/api/agencies/{agency}/applications/{id}", accepted);
    }

    private static IResult Replay(string agency, IdempotencyRecord earlier, string fingerprint) =>
        earlier.Fingerprint == fingerprint
            ? Results.Created($"/api/agencies/{agency}/applications/{earlier.ApplicationId}", earlier.Response)
            : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused.",
                detail: "This Idempotency-Key was already used for a different application; use a new key for a new request.");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
