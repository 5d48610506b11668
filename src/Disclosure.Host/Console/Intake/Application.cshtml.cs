using Disclosure.Host.Applications;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;

namespace Disclosure.Host.StaffConsole.Intake;

/// <summary>
/// 登记政府信息公开申请: every element of 条例第二十九条, sent as <see cref="ReceiveApplication"/>; the answer shows the earlier
/// applications it may repeat, as the API's answer carries them.
/// </summary>
[Authorize(Roles = Roles.Registering)]
public sealed class ApplicationModel : IntakePage<ReceiveApplication, ApplicationAccepted>
{
    // the write path runs the repeat check once the intake is accepted (RepeatCheck.AtIntakeAsync), and the answer carries it
    protected override Task<ReceiveApplication> PrepareAsync(ReceiveApplication command, string idempotencyKey, CancellationToken ct) =>
        Task.FromResult(command with { IdempotencyKey = idempotencyKey, QueryCode = Domain.QueryCode.New() });
}
