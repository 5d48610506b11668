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

/// <summary>The corrected application arrived: the 20-working-day period restarts (条例第三十条).</summary>
[Step("correction", "收到补正", 20)]
public sealed record ReceiveCorrection([property: Required] DateOnly? ReceivedOn) : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.ReceiveCorrection(current, ReceivedOn!.Value, context.Today)];
}

public static class ReceiveCorrectionEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/correction", OperationId = "receiveCorrection", Summary = "收到补正 · Record the corrected application")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, ReceiveCorrection cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
