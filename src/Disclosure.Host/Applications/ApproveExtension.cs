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

/// <summary>延期答复 (条例第三十三条第二款): once, at most 20 working days, approved by the head of the disclosure office.</summary>
public sealed record ApproveExtension(DateOnly? ApprovedOn, string? ApprovedBy, int? WorkingDays, string? Reason, long? Version);

public static class ApproveExtensionEndpoint
{
    public static ProblemDetails Validate(ApproveExtension cmd) => new Problems.Required()
        .Check(cmd.ApprovedOn is not null, "approvedOn").Check(cmd.ApprovedBy, "approvedBy")
        .Check(cmd.WorkingDays is not null, "workingDays").Check(cmd.Reason, "reason").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/extension"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, ApproveExtension cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.ApproveExtension(app, cmd.ApprovedOn!.Value, cmd.ApprovedBy, cmd.WorkingDays!.Value, cmd.Reason, steps.Today), ct);
    }
}
