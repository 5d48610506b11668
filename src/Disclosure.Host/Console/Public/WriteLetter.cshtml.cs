using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Letters;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Wolverine;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>
/// 网上写信 to one agency (<c>/letters/new/{agency}</c>, no sign-in; <see cref="AgencyGate"/> has resolved the agency): the
/// mailbox form, whose field names are <see cref="SubmitLetter"/>'s. Posted, the form becomes that command and goes the
/// endpoint's way (<see cref="SubmitLetterEndpoint.SubmitAsync"/>): the form's idempotency key and the content check make a
/// double click or a resubmission one letter. A refused form writes nothing and says why next to the field and in the
/// error summary on top.
/// </summary>
[AllowAnonymous, EnableRateLimiting(SubmitApplicationEndpoint.RateLimitPolicy)]
public sealed class WriteLetterModel(IDocumentStore store, AgencyDirectory agencies, BusinessClock clock, IMessageBus bus, IdempotencyRecords records,
    PublicLimits limits) : PublicFormPage<SubmitLetter, LetterSubmitted>(agencies, clock)
{
    protected override string KeyUsedForOtherContent => "这份表单已经提交过另一封信。如要再写一封，请重新打开写信页面。";

    protected override Task<CaseAnswer> SubmitAsync(SubmitLetter command, string idempotencyKey, CancellationToken ct) =>
        SubmitLetterEndpoint.SubmitAsync(AgencyId, command, idempotencyKey, bus, store, Clock, records, limits, ct);
}
