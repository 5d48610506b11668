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
/// 转办/分办: the application goes to a handler (承办人, the user name they sign in with) and/or a department (承办部门),
/// or is passed on from one to another. The rule (what a department without a handler means) is
/// <see cref="ApplicationDecider.Assign"/>; the worklist's 我的 and 本部门 read the result. Handlers pass cases on (转办) and
/// supervisors share them out (分办); the intake desk logs them and assigns nothing.
/// </summary>
[Step("assignment", "转办/分办", 5)]
public sealed record AssignApplication(
    [property: Text(100), PickStaff(StaffList.Handlers)] string? Handler,
    [property: Text(100), PickStaff(StaffList.Departments)] string? Department,
    [property: Required] DateOnly? On,
    [property: Text(500, MultiLine = true)] string? Note) : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.Assign(current, On!.Value, Handler, Department, Note, context.Today)];
}

public static class AssignApplicationEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/assignment", OperationId = "assignApplication", Summary = "转办/分办 · Assign an application to a handler and/or a department")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, AssignApplication cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
