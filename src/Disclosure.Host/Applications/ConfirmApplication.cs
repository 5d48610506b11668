using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Host.Cases;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>
/// 确认收到网上申请 (条例第三十一条第三项: by internet, the day both sides confirm is the day of receipt): the clerk confirms an
/// online submission; the confirmation, dated and timed now, starts the 20 working days, and the 登记回执 is issued with it
/// once the agency issues notices.
/// </summary>
[Step("confirm", "确认收到网上申请", 1)]
public sealed record ConfirmApplication : ApplicationCommand, IIssuesNotices<Application>
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.Confirm(current, context.Today, context.Now)];

    public IEnumerable<NoticeModel> Notices(Application after, CaseContext context) =>
        [NoticeDrafts.Receipt(after, context.Notices.RequireSettings(), CaseContext.NumberPending, context.Today)];
}

public static class ConfirmApplicationEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/confirmation", OperationId = "confirmApplication", Summary = "确认收到网上申请 · Confirm an online application")]
    [Authorize(Roles = Roles.Registering), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, ConfirmApplication? cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, (cmd ?? new ConfirmApplication()) with { Case = id }, ct)).ToResult();
}
