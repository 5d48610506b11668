using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Domain.Notices;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>延期答复 (条例第三十三条第二款): once, at most 20 working days, approved by the head of the disclosure office.</summary>
/// <remarks>Once the agency issues notices, the 延期答复告知书 is issued with it, stating the new answer date.</remarks>
[Step("extension", "延期答复", 60)]
public sealed record ApproveExtension([property: Required] DateOnly? ApprovedOn, [property: Required, Text(100)] string? ApprovedBy, [property: Required, Range(1, 20)] int? WorkingDays, [property: Required, Text(2000, MultiLine = true)] string? Reason) : ApplicationCommand, IIssuesNotices<Application>
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.ApproveExtension(current, ApprovedOn!.Value, ApprovedBy, WorkingDays!.Value, Reason, context.Today)];

    public IEnumerable<NoticeModel> Notices(Application after, CaseContext context) =>
        [NoticeDrafts.Extension(after, context.Notices.RequireSettings(), CaseContext.NumberPending, ApprovedOn!.Value, context.Calendar, context.Settings)];
}

public static class ApproveExtensionEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/extension", OperationId = "approveExtension", Summary = "批准延期答复 · Approve an extension")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, ApproveExtension cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
