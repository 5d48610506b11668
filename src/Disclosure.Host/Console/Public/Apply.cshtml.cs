using System.Text.Json;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Notices;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
    AttachmentSettings attachments) : PageModel
{
    /// <summary>The limits the form states next to its file fields (the same the write path checks).</summary>
    public Domain.Applications.UploadLimits Limits => attachments.Limits;

    public string AgencyId => HttpContext.Features.Get<ActingAgency>()?.Id ?? "";
    public Agency Agency { get; private set; } = new();
    public NoticeSetup Setup { get; private set; } = NoticeSetup.None;
    public FormState Form { get; } = new();
    public IReadOnlyList<FormField> Fields { get; } = CommandForm.Fields(typeof(SubmitApplication));
    public string IdempotencyKey { get; private set; } = "";
    public ApplicationSubmitted? Saved { get; private set; }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public FieldView Field(string name, string? @for = null) =>
        Fields.Single(f => f.Name == name) is var field ? new FieldView(field, Form, null, "", field.Kind is FieldKind.TextArea, @for) : null!;

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        Agency = await agencies.FindAsync(AgencyId, HttpContext.RequestAborted) ?? new Agency();
        await using var session = store.QuerySession(AgencyId);
        Setup = await session.LoadReferenceAsync<NoticeSetup>(AgencyId, HttpContext.RequestAborted) ?? NoticeSetup.None;
        await next();
    }

    public void OnGet() => IdempotencyKey = Guid.NewGuid().ToString();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "idempotencyKey")] string? key)
    {
        IdempotencyKey = key is { Length: > 0 } k && TextRules.Check(k, IdempotencyKeys.MaxLength, multiLine: false) is null ? k : Guid.NewGuid().ToString();
        if (CommandForm.Bind<SubmitApplication>(Request.Form, clock.Today, Form) is not { } command)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // 附件 (条例第二十九条第一项: 身份证明): checked by the Domain in the write path, kept with the case in its transaction
        command = command with { Files = await CaseFiles.FromFormAsync(Request.Form, HttpContext.RequestAborted) };
        var answer = await SubmitApplicationEndpoint.SubmitAsync(AgencyId, command, IdempotencyKey, bus, store, clock, records, HttpContext.RequestAborted);
        if (!answer.Succeeded)
        {
            Response.StatusCode = answer.Status is >= 400 ? answer.Status : StatusCodes.Status400BadRequest;
            var text = answer.Text ?? Domain.KeyedMessage.Literal(answer.Message ?? "");
            if (answer.Status == 422) Form.Problem = "这份表单已经提交过另一份内容。如要提交新的申请，请重新打开申请页面。";
            else if (answer.Field is { Length: > 0 } files && files.StartsWith("files", StringComparison.Ordinal))
                Form.Errors["files"] = ChineseMessages.Translate(text, "-") + "请重新选择文件。";
            else if (answer.Field is { Length: > 0 } field && Form.Values.ContainsKey(field)) Form.Errors[field] = ChineseMessages.Translate(text, Form.Value(field));
            else Form.Problem = ChineseMessages.Translate(text, "-");
            return Page();
        }
        Saved = answer.Accepted as ApplicationSubmitted ?? JsonSerializer.Deserialize<ApplicationSubmitted>(JsonSerializer.Serialize(answer.Accepted, Web), Web);
        Response.StatusCode = StatusCodes.Status201Created;
        return Page();
    }
}
