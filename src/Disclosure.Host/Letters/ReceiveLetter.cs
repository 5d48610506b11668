using System.Security.Cryptography;
using System.Text;
using Disclosure.Domain;
using Disclosure.Domain.Letters;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

public sealed record WriterInput(string? Name, string? Phone, string? Email);

/// <summary>A letter to the mayor's mailbox arrived.</summary>
public sealed record ReceiveLetter(string? Channel, string? Category, string? Subject, string? Body, WriterInput? Writer, DateOnly? ReceivedOn, bool? PublicConsent);

/// <summary>The writer keeps the tracking number and the query code; the code is shown once and stored only as a hash.</summary>
public sealed record LetterAccepted(Guid Id, string TrackingNumber, string QueryCode, DateOnly? DueOn, string Status);

public static class ReceiveLetterEndpoint
{
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static ProblemDetails Validate(ReceiveLetter cmd) => new Problems.Required()
        .Check(cmd.Channel, "channel")
        .Check(cmd.Channel is null || LetterChannels.All.Find(cmd.Channel) is not null, "channel", $"Allowed: {string.Join(", ", LetterChannels.All.Select(t => t.Code))}.")
        .Check(cmd.Category, "category")
        .Check(cmd.Category is null || LetterCategories.All.Find(cmd.Category) is not null, "category", $"Allowed: {string.Join(", ", LetterCategories.All.Select(t => t.Code))}.")
        .Check(cmd.Subject, "subject").Check((cmd.Subject?.Length ?? 0) <= 200, "subject", "At most 200 characters.")
        .Check(cmd.Body, "body").Check((cmd.Body?.Length ?? 0) <= 20_000, "body", "At most 20,000 characters.")
        .Check(cmd.Writer?.Name, "writer.name").Check((cmd.Writer?.Name?.Length ?? 0) <= 100, "writer.name", "At most 100 characters.")
        .Check((cmd.Writer?.Phone?.Length ?? 0) <= 40, "writer.phone", "At most 40 characters.")
        .Check((cmd.Writer?.Email?.Length ?? 0) <= 200, "writer.email", "At most 200 characters.")
        .Check(cmd.ReceivedOn is not null, "receivedOn").Result();

    [NonTransactional] // commits itself
    [WolverinePost("/api/agencies/{agency}/letters"), Authorize(Roles = Roles.Registering), Tags("Letters")]
    [ProducesResponseType<LetterAccepted>(201)]
    public static async Task<IResult> Post(string agency, ReceiveLetter cmd, IDocumentSession session, HttpContext http, IMessageBus bus,
        AgencyDirectory agencies, TrackingNumbers numbers, BusinessClock clock, CalendarStore calendars, CancellationToken ct)
    {
        var found = (await agencies.FindAsync(agency, ct))!;
        var w = cmd.Writer!;
        var writer = new Writer(w.Name!, Blank(w.Phone), Blank(w.Email));
        var id = Guid.CreateVersion7();
        LetterReceived received;
        try
        {
            received = LetterDecider.Receive(id, agency, "", "", cmd.Channel, cmd.Category, cmd.Subject, cmd.Body, writer,
                cmd.ReceivedOn!.Value, cmd.PublicConsent ?? false, found.EffectiveLetterLimits, clock.Today);
        }
        catch (Refusal refusal)
        {
            return Problems.From(refusal);
        }

        var number = await numbers.NextAsync(agency, found.Code, "letter", received.ReceivedOn.Year, ct);
        var code = NewQueryCode();
        received = received with { TrackingNumber = number, QueryCodeHash = HashCode(number, code) };
        var state = Letter.From([received], calendars.Current);

        session.LastModifiedBy = Actor.Of(http.User);
        session.Events.StartStream<Letter>(id, received);
        await new LetterSteps(session, http, bus).ScheduleDeadlinesAsync(state, ct); // stored in this transaction
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/agencies/{agency}/letters/{id}", new LetterAccepted(id, number, code, state.DueOn, state.Status));
    }

    /// <summary>The code a writer gets once, to look the letter up without logging in (no 0/O, 1/I/L to misread).</summary>
    public static string NewQueryCode() => RandomNumberGenerator.GetString(CodeAlphabet, 8);

    public static string HashCode(string trackingNumber, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{trackingNumber}:{code.Trim().ToUpperInvariant()}")));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
