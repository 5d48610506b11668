using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Notices;

/// <summary>
/// A notice issued on its own, after the step it belongs to (the rules: <see cref="NoticeDecider.Issue"/>).
/// </summary>
/// <param name="IssuedOn">The date of the notice (default today).</param>
/// <param name="ConsultationId">For a 征求意见书 or 征求意见告知书: the consultation.</param>
[NoStep("notices are issued by the steps that need them (IIssuesNotices); the API issues one on its own")]
public sealed record IssueNotice(
    [property: Required, Codes(typeof(NoticeKinds))] string? Kind,
    DateOnly? IssuedOn = null,
    Guid? ConsultationId = null,
    [property: Text(2000, MultiLine = true)] string? Guidance = null,
    [property: Text(2000, MultiLine = true)] string? Information = null,
    bool? PartyIsAgency = null,
    bool? PartyIsPerson = null,
    AnswerNoticeInput? Notice = null) : ApplicationCommand, IIssuesNotices<Application>
{
    public override IEnumerable<object> Decide(Application current, CaseContext context)
    {
        NoticeDecider.Issue(current, context.Notices, Kind, ConsultationId);
        return []; // the notice itself is the only fact: issued by the write path from Notices
    }

    public IEnumerable<NoticeModel> Notices(Application after, CaseContext context)
    {
        var settings = context.Notices.RequireSettings();
        var on = IssuedOn ?? context.Today;
        return
        [
            Kind switch
            {
                NoticeKinds.Receipt => NoticeDrafts.Receipt(after, settings, CaseContext.NumberPending, on),
                NoticeKinds.Correction => NoticeDrafts.Correction(after, settings, CaseContext.NumberPending, on, Guidance),
                NoticeKinds.Extension => NoticeDrafts.Extension(after, settings, CaseContext.NumberPending, on, context.Calendar, context.Settings),
                NoticeKinds.ConsultationLetter => NoticeDrafts.ConsultationLetter(after, ConsultationId!.Value, settings, CaseContext.NumberPending, on,
                    Information, PartyIsAgency ?? false, PartyIsPerson ?? false),
                NoticeKinds.ConsultationNotice => NoticeDrafts.ConsultationNotice(after, ConsultationId!.Value, settings, CaseContext.NumberPending, on, PartyIsAgency ?? false),
                _ => AnswerNoticeInput.Draft(Notice, after, context, on),
            },
        ];
    }
}

public static class IssueNoticeEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/notices", OperationId = "issueNotice", Summary = "出具告知书 · Issue a notice")]
    [Authorize(Roles = Roles.Handling), Tags("Notices")]
    [ProducesResponseType<ApplicationView>(200)]
    public static async Task<IResult> Post(string agency, string id, IssueNotice cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
