using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Domain.Notices;
using Disclosure.Host.Notices;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>
/// 补正告知 (条例第三十条): once, within 7 working days of receipt — later notices are recorded and flagged. Once the agency
/// issues notices, the 补正告知书 is issued with it (<c>guidance</c>: how to correct, printed under the items).
/// </summary>
[Step("correction-request", "补正告知", 10)]
public sealed record RequestCorrection([property: Required] DateOnly? SentOn, [property: Required(ErrorMessage = "List what the applicant must correct."), Text(500, MultiLine = true)] IReadOnlyList<string>? Items, [property: Required] DateOnly? CorrectBy,
    [property: NoticeText, Text(2000, MultiLine = true)] string? Guidance = null) : ApplicationCommand, IIssuesNotices<Application>
{
    public static RequestCorrection Sample(DateOnly today) => new(today, ["-"], today.AddDays(1)); // the console's sample (Step): a period that ends after the notice
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.RequestCorrection(current, SentOn!.Value, Items, CorrectBy!.Value, context.Today)];

    public IEnumerable<NoticeModel> Notices(Application after, CaseContext context) =>
        [NoticeDrafts.Correction(after, context.Notices.RequireSettings(), CaseContext.NumberPending, SentOn!.Value, Guidance)];
}

public static class RequestCorrectionEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/correction-request", OperationId = "requestCorrection", Summary = "补正告知 · Ask the applicant for a correction")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, RequestCorrection cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
