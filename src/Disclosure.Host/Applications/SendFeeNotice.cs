using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>收费通知 (条例第四十二条; 国办函〔2020〕109号): per item or per page, never both.</summary>
public sealed record SendFeeNotice([property: Required] DateOnly? SentOn, [property: Required, Range(typeof(decimal), "0.01", "100000000")] decimal? AmountYuan, [property: Required, Codes(typeof(FeeBases))] string? Basis) : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.SendFeeNotice(current, SentOn!.Value, AmountYuan!.Value, Basis, context.Today)];
}

public static class SendFeeNoticeEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/fee-notice", OperationId = "sendFeeNotice", Summary = "收费通知 · Send a fee notice")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, SendFeeNotice cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
