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

/// <summary>The letter is really a disclosure application: it becomes one whose legal receipt date is the letter's.</summary>
[Step("reclassification", "转为政府信息公开申请", 90)]
public sealed record ReclassifyLetter([property: Required] DateOnly? On) : LetterCommand, IMintsIds<Letter>
{
    /// <summary>The new application's id, minted by the write path.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid ApplicationId { get; init; }

    public CaseCommand<Letter> WithNewIds() => this with { ApplicationId = Guid.CreateVersion7() };

    public override (string Kind, int Year)? NumberFor(Letter current) => ("application", current.ReceivedOn.Year);

    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        LetterDecider.Reclassify(current, On!.Value, ApplicationId, context.Number, context.Today);
}

public sealed record LetterReclassifiedResult(Guid ApplicationId, string ApplicationNumber, DateOnly ReceivedOn, DateOnly? DueOn, LetterView Letter);

public static class ReclassifyLetterEndpoint
{

    [WolverinePost("/api/agencies/{agency}/letters/{id}/reclassification", OperationId = "reclassifyLetter", Summary = "转为政府信息公开申请 · Turn a letter into an application")]
    [Authorize(Roles = Roles.Handling), Tags("Letters")]
    [ProducesResponseType<LetterReclassifiedResult>(201)]
    public static async Task<IResult> Post(string agency, string id, ReclassifyLetter cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult(answer =>
        {
            var application = answer.Opened.Single();
            var letter = (LetterView)answer.View();
            return Results.Created($"/api/agencies/{agency}/applications/{application.Id}",
                new LetterReclassifiedResult(application.Id, application.TrackingNumber, letter.ReceivedOn, application.DueOn, letter));
        });
}
