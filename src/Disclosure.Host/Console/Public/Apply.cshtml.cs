using Disclosure.Domain.Notices;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Wolverine;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>
/// 网上申请 to one agency (<c>/apply/{agency}</c>, no sign-in; <see cref="AgencyGate"/> has resolved the agency): its 指南 and
/// the 条例第二十九条 form, whose field names are <see cref="SubmitApplication"/>'s. Posted, the form becomes that command and
/// goes the endpoint's way (<see cref="SubmitApplicationEndpoint.SubmitAsync"/>): the form's idempotency key and the content
/// check make a double click or a resubmission one application. A refused form writes nothing and says why next to the field.
/// </summary>
[AllowAnonymous, EnableRateLimiting(SubmitApplicationEndpoint.RateLimitPolicy)]
public sealed class ApplyModel(IDocumentStore store, AgencyDirectory agencies, BusinessClock clock, IMessageBus bus, IdempotencyRecords records,
    AttachmentSettings attachments) : PublicFormPage<SubmitApplication, ApplicationSubmitted>(agencies, clock)
{
    /// <summary>The limits the form states next to its file fields (the same the write path checks).</summary>
    public Domain.Applications.UploadLimits Limits => attachments.Limits;
    /// <summary>The agency's 指南: the name, contact lines and fee policy it set for its notices.</summary>
    public NoticeSetup Setup { get; private set; } = NoticeSetup.None;

    protected override string KeyUsedForOtherContent => "这份表单已经提交过另一份内容。如要提交新的申请，请重新打开申请页面。";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AgencyId);
        Setup = await session.LoadReferenceAsync<NoticeSetup>(AgencyId, ct) ?? NoticeSetup.None;
    }

    // 附件 (条例第二十九条第一项: 身份证明): checked by the Domain in the write path, kept with the case in its transaction
    protected override async Task<CaseAnswer> SubmitAsync(SubmitApplication command, string idempotencyKey, CancellationToken ct) =>
        await SubmitApplicationEndpoint.SubmitAsync(AgencyId, command with { Files = await CaseFiles.FromFormAsync(Request.Form, ct) }, idempotencyKey,
            bus, store, Clock, records, ct);

    // a refused file cannot be shown back: the browser forgets the choice
    protected override bool Place(string field, string message)
    {
        if (!field.StartsWith("files", StringComparison.Ordinal)) return false;
        Form.Errors["files"] = message + "请重新选择文件。";
        return true;
    }
}
