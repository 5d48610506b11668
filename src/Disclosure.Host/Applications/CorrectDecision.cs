using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Domain.Notices;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Notices;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>
/// A recorded answer was wrong: record the right one with a reason; the old one stays in the history. Once the agency
/// issues notices, the corrected answer gets a new 告知书 (dated the day of the correction); the old one stays kept.
/// </summary>
[Step("decision-correction", "更正答复", 130, Secondary = true)]
public sealed record CorrectDecision([property: Required] DateOnly? CorrectedOn, [property: Required, Codes(typeof(Outcomes))] string? Outcome, DateOnly? DecidedOn, [property: Required, Text(2000, MultiLine = true)] string? Reason,
    [property: NoticeText] AnswerNoticeInput? Notice = null) : ApplicationCommand, IIssuesNotices<Application>, ICompletedByWritePath<Application>
{
    public static CorrectDecision Sample(DateOnly today) => new(today, Outcomes.OtherOther, null, "-"); // the console's sample (Step)
    /// <summary>The applications the case links, as the write path found them (a correction to 不予处理（重复申请） needs one it repeats).</summary>
    [JsonIgnore]
    public IReadOnlyList<Application> Linked { get; init; } = [];

    public CaseNeeds Needs(Application current, CaseContext context) =>
        Outcome == Outcomes.NotProcessedDuplicate ? new(Linked: current.Relations.Select(r => r.CaseId).ToList()) : CaseNeeds.None;

    public CaseCommand<Application> CompleteWith(CaseFound found) => this with { Linked = found.Linked };

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.CorrectDecision(current, CorrectedOn!.Value, Outcome, DecidedOn, Reason, context.Today, Linked)];

    public IEnumerable<NoticeModel> Notices(Application after, CaseContext context)
    {
        var decided = after.Answer!.DecidedOn;
        return [AnswerNoticeInput.Draft(Notice, after, context, CorrectedOn!.Value > decided ? CorrectedOn.Value : decided)];
    }
}

public static class CorrectDecisionEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/decision-correction", OperationId = "correctDecision", Summary = "更正答复 · Correct a recorded decision")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, CorrectDecision cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
