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

/// <summary>
/// 逾期未缴费，视为放弃申请 (国办函〔2020〕109号; report （六）2): a handler who sees the 缴费期限 has passed records the lapse on
/// this one case, by the same rule the deadline check applies the day after the window (<see cref="ApplicationDecider.LapseFee"/>);
/// refused while the window runs.
/// </summary>
[Step("fee-lapse", "逾期未缴费，视为放弃申请", 90)]
public sealed record LapseFee([property: Required] DateOnly? On) : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.LapseFee(current, On!.Value, context.Calendar, context.Today)];
}

public static class LapseFeeEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/fee-lapse", OperationId = "lapseFee", Summary = "逾期未缴费，视为放弃申请 · Record that the fee was not paid in time")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, LapseFee cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
