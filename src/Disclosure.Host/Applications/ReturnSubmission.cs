using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>
/// 退回: an online submission that is no disclosure application (a complaint, a 信访 matter, an empty form) goes back with the
/// reason, which the applicant reads on the status page. It was never received: no period, not in the report.
/// </summary>
[Step("return-submission", "退回网上提交（不属于政府信息公开申请）", 2)]
public sealed record ReturnSubmission([property: Required, Text(500, MultiLine = true)] string? Reason) : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.ReturnSubmission(current, Reason, context.Today, context.Now)];
}

public static class ReturnSubmissionEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/return", OperationId = "returnSubmission", Summary = "退回网上提交 · Return an online submission as not an application")]
    [Authorize(Roles = Roles.Registering), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, ReturnSubmission cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
