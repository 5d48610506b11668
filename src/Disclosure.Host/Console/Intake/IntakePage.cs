using System.Text.Json;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.StaffConsole.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Intake;

/// <summary>
/// 登记: a form whose fields are the API's intake request, sent as the same command. Each form carries its own
/// <c>Idempotency-Key</c>, made when the form is opened: a double click or a reload of the answer sends the same key and
/// gets the first answer again — one case.
/// </summary>
public abstract class IntakePage<TCommand, TAccepted> : ConsolePage where TCommand : class
{
    public FormState Form { get; } = new();
    public IReadOnlyList<FormField> Fields { get; } = CommandForm.Fields(typeof(TCommand));
    public string IdempotencyKey { get; private set; } = "";
    public TAccepted? Saved { get; private set; }
    /// <summary>
    /// The answer is the first one given again (a reload re-sent the form, or a second click): the 查询码 was shown with the
    /// first answer and is not shown again — whoever stands at the screen later must not read it off.
    /// </summary>
    public bool Replayed { get; private set; }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public FieldView Field(string name, string? @for = null, bool wide = false)
    {
        var field = Fields.Single(f => f.Name == name);
        return new FieldView(field, Form, field.Name == "receivedOn" ? Today.ToString("yyyy-MM-dd") : null, "", wide || field.Kind is FieldKind.TextArea, @for);
    }

    public void OnGet() => IdempotencyKey = Guid.NewGuid().ToString();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "idempotencyKey")] string? key)
    {
        IdempotencyKey = key is { Length: > 0 } k && TextRules.Check(k, IdempotencyKeys.MaxLength, multiLine: false) is null ? k : Guid.NewGuid().ToString();
        if (CommandForm.Bind<TCommand>(Request.Form, Today, Form) is not { } command)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var answer = await ReceiveAsync(await PrepareAsync(command, IdempotencyKey, HttpContext.RequestAborted));
        if (!answer.Succeeded)
        {
            if (answer.Status == 422) Form.Problem = "这份表单已经登记过另一份内容。如要登记新的案件，请重新打开登记页面。";
            else Show(answer, Form);
            if (answer.Status == 422) Response.StatusCode = 422;
            return Page();
        }
        // a replayed answer is the stored JSON of the first one
        Replayed = answer.Outcome == CaseOutcome.Replayed;
        Saved = answer.Accepted is TAccepted accepted ? accepted : JsonSerializer.Deserialize<TAccepted>(JsonSerializer.Serialize(answer.Accepted, Web), Web);
        Response.StatusCode = StatusCodes.Status201Created;
        return Page();
    }

    /// <summary>The command as the API's endpoint sends it: with the form's key and a new query code (and what else the endpoint adds).</summary>
    protected abstract Task<TCommand> PrepareAsync(TCommand command, string idempotencyKey, CancellationToken ct);
}
