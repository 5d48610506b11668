using Disclosure.Host.Applications;
using Disclosure.Host.Search;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;

namespace Disclosure.Host.StaffConsole.Intake;

/// <summary>
/// 登记政府信息公开申请: every element of 条例第二十九条, sent as <see cref="ReceiveApplication"/>; the answer shows the earlier
/// applications it may repeat, as the API's answer carries them.
/// </summary>
[Authorize(Roles = Roles.Registering)]
public sealed class ApplicationModel(IDocumentStore store, RepeatCheck repeats) : IntakePage<ReceiveApplication, ApplicationAccepted>
{
    protected override async Task<ReceiveApplication> PrepareAsync(ReceiveApplication command, string idempotencyKey, CancellationToken ct)
    {
        await using var session = store.QuerySession(AgencyId);
        var (report, _) = await repeats.AtIntakeAsync(session, command, ct);
        return command with { IdempotencyKey = idempotencyKey, QueryCode = Domain.QueryCode.New(), Repeats = report };
    }
}
