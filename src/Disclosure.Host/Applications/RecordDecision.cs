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

/// <summary>
/// The answer (办理结果, 条例第三十六条): one of the 21 outcome codes; an answer after the due date is recorded and flagged.
/// 不予处理（重复申请）names in <c>relatedTo</c> (id or tracking number) the earlier answered application of the same applicant
/// it repeats, unless the case already links one.
/// </summary>
public sealed record RecordDecision([property: Required] DateOnly? DecidedOn, [property: Required, Codes(typeof(Outcomes))] string? Outcome,
    [property: Text(4000, MultiLine = true)] string? Note, [property: Text(60)] string? RelatedTo = null) : ApplicationCommand
{
    /// <summary>The application <see cref="RelatedTo"/> names, and those the case links, as the front door found them.</summary>
    [JsonIgnore]
    public Application? Related { get; init; }

    [JsonIgnore]
    public IReadOnlyList<Application> Linked { get; init; } = [];

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        ApplicationDecider.RecordDecision(current, DecidedOn!.Value, Outcome, Note, context.Today, RelatedTo, Related, Linked);
}

public static class RecordDecisionEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/decision", OperationId = "recordDecision", Summary = "记录答复 · Record the decision")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, RecordDecision cmd, IQuerySession session, IMessageBus bus, CancellationToken ct)
    {
        if (cmd.Outcome == Outcomes.NotProcessedDuplicate || !string.IsNullOrWhiteSpace(cmd.RelatedTo))
            cmd = cmd with { Related = await RelatedApplications.FindAsync(session, cmd.RelatedTo, ct), Linked = await RelatedApplications.LinkedAsync(session, id, ct) };
        return (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
    }
}
