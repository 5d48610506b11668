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

/// <summary>The applicant withdrew the application (report row （六）3 其他).</summary>
[Step("withdrawal", "申请人撤回", 100, Secondary = true)]
public sealed record WithdrawApplication([property: Required] DateOnly? On, [property: Text(2000, MultiLine = true)] string? Reason) : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.Withdraw(current, On!.Value, Reason, context.Today)];
}

public static class WithdrawApplicationEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/withdrawal", OperationId = "withdrawApplication", Summary = "申请人撤回 · Record a withdrawal")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, WithdrawApplication cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
