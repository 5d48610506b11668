using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>A recorded answer was wrong: record the right one with a reason; the old one stays in the history.</summary>
public sealed record CorrectDecision([property: Required] DateOnly? CorrectedOn, [property: Required, Codes(typeof(Outcomes))] string? Outcome, DateOnly? DecidedOn, [property: Required, Text(2000, MultiLine = true)] string? Reason) : ApplicationCommand
{
    /// <summary>The applications the case links, as the front door found them (a correction to 不予处理（重复申请） needs one it repeats).</summary>
    [JsonIgnore]
    public IReadOnlyList<Application> Linked { get; init; } = [];

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.CorrectDecision(current, CorrectedOn!.Value, Outcome, DecidedOn, Reason, context.Today, Linked)];
}

public static class CorrectDecisionEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/decision-correction", OperationId = "correctDecision", Summary = "更正答复 · Correct a recorded decision")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, CorrectDecision cmd, IQuerySession session, IMessageBus bus, CancellationToken ct)
    {
        if (cmd.Outcome == Outcomes.NotProcessedDuplicate) cmd = cmd with { Linked = await RelatedApplications.LinkedAsync(session, id, ct) };
        return (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
    }
}
