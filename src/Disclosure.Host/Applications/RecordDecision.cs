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
/// The answer (办理结果, 条例第三十六条): one of the 21 outcome codes; an answer after the due date is recorded and flagged.
/// 不予处理（重复申请）names in <c>relatedTo</c> (id or tracking number) the earlier answered application of the same applicant
/// it repeats, unless the case already links one. Once the agency issues notices, its 告知书 is issued with it (<c>notice</c>:
/// what the clerk adds to the standard wording).
/// </summary>
[Step("decision", "答复", 110)]
public sealed record RecordDecision([property: Required] DateOnly? DecidedOn, [property: Required, Codes(typeof(Outcomes))] string? Outcome, [property: Text(4000, MultiLine = true)] string? Note,
    [property: NoticeText] AnswerNoticeInput? Notice = null, [property: Text(60)] string? RelatedTo = null) : ApplicationCommand, IIssuesNotices<Application>, ICompletedByWritePath<Application>
{
    /// <summary>The application <see cref="RelatedTo"/> names, and those the case links, as the write path found them.</summary>
    [JsonIgnore]
    public Application? Related { get; init; }

    [JsonIgnore]
    public IReadOnlyList<Application> Linked { get; init; } = [];

    /// <summary>An answer 不予处理（重复申请）, or one naming <c>relatedTo</c>, is judged with the application named and those linked.</summary>
    public CaseNeeds Needs(Application current, CaseContext context) =>
        Outcome == Outcomes.NotProcessedDuplicate || !string.IsNullOrWhiteSpace(RelatedTo)
            ? new(Named: RelatedTo, Linked: current.Relations.Select(r => r.CaseId).ToList())
            : CaseNeeds.None;

    public CaseCommand<Application> CompleteWith(CaseFound found) => this with { Related = found.Named, Linked = found.Linked };

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        ApplicationDecider.RecordDecision(current, DecidedOn!.Value, Outcome, Note, context.Today, RelatedTo, Related, Linked);

    public IEnumerable<NoticeModel> Notices(Application after, CaseContext context) =>
        [AnswerNoticeInput.Draft(Notice, after, context, DecidedOn!.Value)];
}

public static class RecordDecisionEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/decision", OperationId = "recordDecision", Summary = "记录答复 · Record the decision")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, RecordDecision cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
