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

/// <summary>回访: the writer's satisfaction; unsatisfied reopens the letter.</summary>
[Step("feedback", "回访", 70)]
public sealed record RecordFeedback([property: Required] DateOnly? On, [property: Required, Codes(typeof(Satisfactions))] string? Satisfaction) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.RecordFeedback(current, On!.Value, Satisfaction, context.Today)];
}

public static class RecordFeedbackEndpoint
{

    [WolverinePost("/api/agencies/{agency}/letters/{id}/feedback", OperationId = "recordFeedback", Summary = "回访 · Record the writer's satisfaction")]
    [Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, RecordFeedback cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
