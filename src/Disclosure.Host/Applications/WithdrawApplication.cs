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

/// <summary>The applicant withdrew the application (report row （六）3 其他).</summary>
public sealed record WithdrawApplication(DateOnly? On, string? Reason, long? Version);

public static class WithdrawApplicationEndpoint
{
    public static ProblemDetails Validate(WithdrawApplication cmd) => new Problems.Required().Check(cmd.On is not null, "on").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/withdrawal"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, WithdrawApplication cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.Withdraw(app, cmd.On!.Value, cmd.Reason, steps.Today), ct);
    }
}
