using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Agencies;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Letters;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>An application answered 信访举报投诉类申请 (条例第三十九条) goes on as a mailbox letter, linked both ways.</summary>
public sealed record TurnApplicationIntoLetter(DateOnly? On, string? Category);

public sealed record ApplicationBecameLetter(Guid LetterId, string LetterNumber, string QueryCode, DateOnly? DueOn, ApplicationView Application);

public static class TurnApplicationIntoLetterEndpoint
{
    public static ProblemDetails Validate(TurnApplicationIntoLetter cmd) => new Problems.Required()
        .Check(cmd.On is not null, "on")
        .Check(cmd.Category is null || LetterCategories.All.Find(cmd.Category) is not null, "category", $"Allowed: {string.Join(", ", LetterCategories.All.Select(t => t.Code))}.")
        .Result();

    [NonTransactional] // commits both streams in one transaction
    [WolverinePost("/api/agencies/{agency}/applications/{id}/letter"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    [ProducesResponseType<ApplicationBecameLetter>(201)]
    public static async Task<IResult> Post(string agency, string id, TurnApplicationIntoLetter cmd, IDocumentSession session, HttpContext http, IMessageBus bus,
        AgencyDirectory agencies, TrackingNumbers numbers, BusinessClock clock, CalendarStore calendars, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        if (await steps.FetchForWritingAsync(id, ct) is not { Aggregate: { } app } stream) return steps.NotFound(id);
        var applicationId = stream.Id;

        var found = (await agencies.FindAsync(agency, ct))!;
        var letterId = Guid.CreateVersion7();
        var on = cmd.On!.Value;
        LetterReceived received;
        try
        {
            ApplicationDecider.EnsureCanBecomeLetter(app, on, clock.Today);
            var writer = new Writer(app.Applicant.Name, app.Applicant.Phone, app.Applicant.Email);
            received = LetterDecider.Receive(letterId, agency, "", "", "other", cmd.Category ?? "complaint",
                $"由政府信息公开申请 {app.TrackingNumber} 转来", app.Description, writer, on, false, found.EffectiveLetterLimits, clock.Today);
        }
        catch (Refusal refusal)
        {
            return Problems.From(refusal);
        }
        var number = await numbers.NextAsync(agency, found.Code, "letter", on.Year, ct);
        var code = ReceiveLetterEndpoint.NewQueryCode();
        received = received with
        {
            TrackingNumber = number, QueryCodeHash = ReceiveLetterEndpoint.HashCode(number, code),
            FromApplicationId = app.Id, FromApplicationNumber = app.TrackingNumber,
        };

        session.LastModifiedBy = Actor.Of(http.User);
        session.Events.StartStream<Letter>(letterId, received);
        stream.AppendOne(new ApplicationTurnedIntoLetter(on, letterId, number));
        var letter = Letter.From([received], calendars.Current);
        await new LetterSteps(session, http, bus).ScheduleDeadlinesAsync(letter, ct); // stored in this transaction
        if (await steps.CommitAsync(ct) is { } conflict) return conflict;
        var view = await steps.ViewAsync(applicationId, ct);
        return Results.Created($"/api/agencies/{agency}/letters/{letterId}", new ApplicationBecameLetter(letterId, number, code, letter.DueOn, view!));
    }
}
