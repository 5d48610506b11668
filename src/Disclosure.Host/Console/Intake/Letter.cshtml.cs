using Disclosure.Host.Letters;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;

namespace Disclosure.Host.StaffConsole.Intake;

/// <summary>登记市长信箱来信, sent as <see cref="ReceiveLetter"/>.</summary>
[Authorize(Roles = Roles.Registering)]
public sealed class LetterModel : IntakePage<ReceiveLetter, LetterAccepted>
{
    protected override Task<ReceiveLetter> PrepareAsync(ReceiveLetter command, string idempotencyKey, CancellationToken ct) =>
        Task.FromResult(command with { IdempotencyKey = idempotencyKey, QueryCode = Domain.QueryCode.New() });
}
