using System.ComponentModel.DataAnnotations;
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
/// Once the agency issues notices, its 告知书 is issued with it (<c>notice</c>: what the clerk adds to the standard wording).
/// </summary>
public sealed record RecordDecision([property: Required] DateOnly? DecidedOn, [property: Required, Codes(typeof(Outcomes))] string? Outcome, [property: Text(4000, MultiLine = true)] string? Note,
    AnswerNoticeInput? Notice = null) : ApplicationCommand, IIssuesNotices<Application>
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.RecordDecision(current, DecidedOn!.Value, Outcome, Note, context.Today)];

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
