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

/// <summary>The applicant paid: the fee waiting period ends on this day.</summary>
[Step("fee-payment", "缴费", 80)]
public sealed record PayFee([property: Required] DateOnly? PaidOn) : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.PayFee(current, PaidOn!.Value, context.Today, context.Calendar)];
}

public static class PayFeeEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/fee-payment", OperationId = "payFee", Summary = "缴费 · Record the fee payment")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, PayFee cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
