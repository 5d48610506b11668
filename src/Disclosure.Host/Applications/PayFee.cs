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

/// <summary>The applicant paid: the fee waiting period ends on this day.</summary>
public sealed record PayFee(DateOnly? PaidOn, long? Version);

public static class PayFeeEndpoint
{
    public static ProblemDetails Validate(PayFee cmd) => new Problems.Required().Check(cmd.PaidOn is not null, "paidOn").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/fee-payment"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, PayFee cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.PayFee(app, cmd.PaidOn!.Value, steps.Today), ct);
    }
}
