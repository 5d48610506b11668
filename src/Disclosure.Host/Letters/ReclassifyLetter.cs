using Disclosure.Domain;
using Disclosure.Domain.Applications;
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

/// <summary>The letter is really a disclosure application: it becomes one whose legal receipt date is the letter's.</summary>
public sealed record ReclassifyLetter(DateOnly? On);

public sealed record LetterReclassifiedResult(Guid ApplicationId, string ApplicationNumber, DateOnly ReceivedOn, DateOnly? DueOn, LetterView Letter);

public static class ReclassifyLetterEndpoint
{
    public static ProblemDetails Validate(ReclassifyLetter cmd) => new Problems.Required().Check(cmd.On is not null, "on").Result();

    [NonTransactional] // commits both streams in one transaction
    [WolverinePost("/api/agencies/{agency}/letters/{id}/reclassification"), Authorize(Roles = Roles.Handling), Tags("Letters")]
    [ProducesResponseType<LetterReclassifiedResult>(201)]
    public static async Task<IResult> Post(string agency, string id, ReclassifyLetter cmd, IDocumentSession session, HttpContext http, IMessageBus bus,
        AgencyDirectory agencies, TrackingNumbers numbers, BusinessClock clock, CalendarStore calendars, CancellationToken ct)
    {
        var steps = new LetterSteps(session, http, bus);
        if (await steps.FetchForWritingAsync(id, ct) is not { Aggregate: { } letter } stream) return steps.NotFound(id);
        var letterId = stream.Id;

        var applicationId = Guid.CreateVersion7();
        ApplicationReceived received;
        try
        {
            LetterDecider.EnsureReclassifiable(letter, cmd.On!.Value, clock.Today);
            var applicant = new Applicant(ApplicantCategories.NaturalPerson, letter.Writer.Name, null, letter.Writer.Phone, letter.Writer.Email, null);
            received = ApplicationDecider.Receive(applicationId, agency, "", ChannelOf(letter.Channel), applicant,
                $"{letter.Subject}\n{letter.Body}", letter.ReceivedOn, letter.ReceivedOn, clock.Today);
        }
        catch (Refusal refusal)
        {
            return Problems.From(refusal);
        }
        var code = (await agencies.FindAsync(agency, ct))!.Code;
        var number = await numbers.NextAsync(agency, code, "application", letter.ReceivedOn.Year, ct);
        received = received with { TrackingNumber = number, FromLetterId = letter.Id, FromLetterNumber = letter.TrackingNumber };

        session.LastModifiedBy = Actor.Of(http.User);
        session.Events.StartStream<Application>(applicationId, received);
        stream.AppendOne(new LetterReclassified(cmd.On!.Value, applicationId, number));
        var app = Application.From([received], calendars.Current, calendars.Settings);
        await new ApplicationSteps(session, http, bus).ScheduleDeadlinesAsync(app, ct); // stored in this transaction
        if (await steps.CommitAsync(ct) is { } conflict) return conflict;
        var view = await steps.ViewAsync(letterId, ct);
        return Results.Created($"/api/agencies/{agency}/applications/{applicationId}",
            new LetterReclassifiedResult(applicationId, number, received.ReceivedOn, app.DueOn, view!));
    }

    private static string ChannelOf(string letterChannel) => letterChannel switch
    {
        "online" or "post" or "in_person" or "email" => letterChannel,
        _ => "other",
    };
}
