using Disclosure.Host.Applications;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;

namespace Disclosure.Host.StaffConsole.Intake;

/// <summary>登记政府信息公开申请: every element of 条例第二十九条, sent as <see cref="ReceiveApplication"/>.</summary>
[Authorize(Roles = Roles.Registering)]
public sealed class ApplicationModel : IntakePage<ReceiveApplication, ApplicationAccepted>
{
    protected override ReceiveApplication Prepare(ReceiveApplication command, string idempotencyKey) =>
        command with { IdempotencyKey = idempotencyKey, QueryCode = Domain.QueryCode.New() };
}
