using System.Text.Json;
using Disclosure.Domain.Agencies;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Letters;
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
/// 网上写信 to one agency (<c>/letters/new/{agency}</c>, no sign-in; <see cref="AgencyGate"/> has resolved the agency): the
/// mailbox form, whose field names are <see cref="SubmitLetter"/>'s. Posted, the form becomes that command and goes the
/// endpoint's way (<see cref="SubmitLetterEndpoint.SubmitAsync"/>): the form's idempotency key and the content check make a
/// double click or a resubmission one letter. A refused form writes nothing and says why next to the field and in the
/// error summary on top.
/// </summary>
[AllowAnonymous, EnableRateLimiting(SubmitApplicationEndpoint.RateLimitPolicy)]
public sealed class WriteLetterModel(IDocumentStore store, AgencyDirectory agencies, BusinessClock clock, IMessageBus bus, IdempotencyRecords records,
    PublicLimits limits) : PageModel
{
    public string AgencyId => HttpContext.Features.Get<ActingAgency>()?.Id ?? "";
    public Agency Agency { get; private set; } = new();
    public FormState Form { get; } = new();
    public IReadOnlyList<FormField> Fields { get; } = CommandForm.Fields(typeof(SubmitLetter));
    public string IdempotencyKey { get; private set; } = "";
    public LetterSubmitted? Saved { get; private set; }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public FieldView Field(string name) =>
        Fields.Single(f => f.Name == name) is var field ? new FieldView(field, Form, null, "", field.Kind is FieldKind.TextArea) : null!;

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        Agency = await agencies.FindAsync(AgencyId, HttpContext.RequestAborted) ?? new Agency();
        await next();
    }

    public void OnGet() => IdempotencyKey = Guid.NewGuid().ToString();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "idempotencyKey")] string? key)
    {
        IdempotencyKey = key is { Length: > 0 } k && TextRules.Check(k, IdempotencyKeys.MaxLength, multiLine: false) is null ? k : Guid.NewGuid().ToString();
        if (CommandForm.Bind<SubmitLetter>(Request.Form, clock.Today, Form) is not { } command)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var answer = await SubmitLetterEndpoint.SubmitAsync(AgencyId, command, IdempotencyKey, bus, store, clock, records, limits, HttpContext.RequestAborted);
        if (!answer.Succeeded)
        {
            Response.StatusCode = answer.Status is >= 400 ? answer.Status : StatusCodes.Status400BadRequest;
            var text = answer.Text ?? Domain.KeyedMessage.Literal(answer.Message ?? "");
            if (answer.Status == 422) Form.Problem = "这份表单已经提交过另一封信。如要再写一封，请重新打开写信页面。";
            else if (answer.Field is { Length: > 0 } field && Form.Values.ContainsKey(field)) Form.Errors[field] = ChineseMessages.Translate(text, Form.Value(field));
            else Form.Problem = ChineseMessages.Translate(text, "-");
            return Page();
        }
        Saved = answer.Accepted as LetterSubmitted ?? JsonSerializer.Deserialize<LetterSubmitted>(JsonSerializer.Serialize(answer.Accepted, Web), Web);
        Response.StatusCode = StatusCodes.Status201Created;
        return Page();
    }
}
