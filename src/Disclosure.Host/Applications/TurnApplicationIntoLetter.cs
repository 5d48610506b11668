using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>An application answered 信访举报投诉类申请 (条例第三十九条) goes on as a mailbox letter, linked both ways.</summary>
[Step("letter", "转为市长信箱来信（信访举报投诉类）", 180, Secondary = true)]
public sealed record TurnApplicationIntoLetter([property: Required] DateOnly? On, [property: Codes(typeof(LetterCategories))] string? Category) : ApplicationCommand,
    IMintsIds<Application>
{
    /// <summary>The new letter's id, minted by the write path.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid LetterId { get; init; }

    /// <summary>The letter's query code, given to the writer once; only its hash is stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string QueryCode { get; init; } = "";

    public CaseCommand<Application> WithNewIds() => this with { LetterId = Guid.CreateVersion7(), QueryCode = Domain.QueryCode.New() };

    public override (string Kind, int Year)? NumberFor(Application current) => ("letter", On!.Value.Year);

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        ApplicationDecider.TurnIntoLetter(current, On!.Value, Category, LetterId, context.Number, Domain.QueryCode.Hash(context.Number, QueryCode),
            context.Agency.EffectiveLetterLimits, context.Today);
}

public sealed record ApplicationBecameLetter(Guid LetterId, string LetterNumber, string QueryCode, DateOnly? DueOn, ApplicationView Application);

public static class TurnApplicationIntoLetterEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/letter", OperationId = "turnApplicationIntoLetter", Summary = "转为市长信箱来信 · Pass the application on as a letter")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    [ProducesResponseType<ApplicationBecameLetter>(201)]
    public static async Task<IResult> Post(string agency, string id, TurnApplicationIntoLetter cmd, IMessageBus bus, CancellationToken ct)
    {
        return (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult(answer =>
        {
            var letter = answer.Opened.Single();
            return Results.Created($"/api/agencies/{agency}/letters/{letter.Id}",
                new ApplicationBecameLetter(letter.Id, letter.TrackingNumber, ((TurnApplicationIntoLetter)answer.Command!).QueryCode, letter.DueOn, (ApplicationView)answer.View()));
        });
    }
}
