using Disclosure.Domain.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>收费通知 (条例第四十二条; 国办函〔2020〕109号): per item or per page, never both.</summary>
public sealed record SendFeeNotice(DateOnly? SentOn, decimal? AmountYuan, string? Basis, long? Version);

public static class SendFeeNoticeEndpoint
{
    public static ProblemDetails Validate(SendFeeNotice cmd) => new Problems.Required()
        .Check(cmd.SentOn is not null, "sentOn").Check(cmd.AmountYuan is not null, "amountYuan").Check(cmd.Basis, "basis").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/fee-notice"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, SendFeeNotice cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.SendFeeNotice(app, cmd.SentOn!.Value, cmd.AmountYuan!.Value, cmd.Basis, steps.Today), ct);
    }
}
