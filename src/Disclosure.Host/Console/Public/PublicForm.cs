using System.Text.Json;
using Disclosure.Domain.Agencies;
using Disclosure.Host.Agencies;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>
/// A public door of one agency (<see cref="AgencyGate"/> has resolved it, no sign-in): a form whose field names are
/// <typeparamref name="TCommand"/>'s. Posted, the form becomes that command and goes its endpoint's way
/// (<see cref="SubmitAsync"/>), so the door and the API answer alike: the form's idempotency key and the endpoint's content
/// check make a double click or a resubmission one case; a refused form writes nothing and says why next to the field (and
/// in the error summary on top). One behaviour for every public form (网上申请, 网上写信).
/// </summary>
public abstract class PublicFormPage<TCommand, TSaved>(AgencyDirectory agencies, BusinessClock clock) : PageModel
    where TCommand : class where TSaved : class
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Today and now, as the endpoint sees them.</summary>
    protected BusinessClock Clock { get; } = clock;

    public string AgencyId => HttpContext.Features.Get<ActingAgency>()?.Id ?? "";
    public Agency Agency { get; private set; } = new();
    public FormState Form { get; } = new();
    public IReadOnlyList<FormField> Fields { get; } = CommandForm.Fields(typeof(TCommand));
    public string IdempotencyKey { get; private set; } = "";
    public TSaved? Saved { get; private set; }

    /// <summary>What the page says when the form's key was used before for other content (the endpoint's 422).</summary>
    protected abstract string KeyUsedForOtherContent { get; }

    /// <summary>The endpoint's own path for the bound command.</summary>
    protected abstract Task<CaseAnswer> SubmitAsync(TCommand command, string idempotencyKey, CancellationToken ct);

    /// <summary>What else the page shows of the agency (its 指南), loaded for every handler.</summary>
    protected virtual Task LoadAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>A refusal the page places itself (e.g. on its file field); false to place it by the field's name.</summary>
    protected virtual bool Place(string field, string message) => false;

    public FieldView Field(string name, string? @for = null) =>
        Fields.Single(f => f.Name == name) is var field ? new FieldView(field, Form, null, "", field.Kind is FieldKind.TextArea, @for) : null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Agency = await agencies.FindAsync(AgencyId, HttpContext.RequestAborted) ?? new Agency();
        await LoadAsync(HttpContext.RequestAborted);
        await next();
    }

    public void OnGet() => IdempotencyKey = Guid.NewGuid().ToString();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "idempotencyKey")] string? key)
    {
        IdempotencyKey = key is { Length: > 0 } k && TextRules.Check(k, IdempotencyKeys.MaxLength, multiLine: false) is null ? k : Guid.NewGuid().ToString();
        if (CommandForm.Bind<TCommand>(Request.Form, Clock.Today, Form) is not { } command)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var answer = await SubmitAsync(command, IdempotencyKey, HttpContext.RequestAborted);
        if (!answer.Succeeded)
        {
            Response.StatusCode = answer.Status is >= 400 ? answer.Status : StatusCodes.Status400BadRequest;
            var text = answer.Text ?? Domain.KeyedMessage.Literal(answer.Message ?? "");
            if (answer.Status == 422) Form.Problem = KeyUsedForOtherContent;
            else if (answer.Field is { Length: > 0 } placed && Place(placed, ChineseMessages.Translate(text, "-"))) { }
            else if (answer.Field is { Length: > 0 } field && Form.Values.ContainsKey(field)) Form.Errors[field] = ChineseMessages.Translate(text, Form.Value(field));
            else Form.Problem = ChineseMessages.Translate(text, "-");
            return Page();
        }
        Saved = answer.Accepted as TSaved ?? JsonSerializer.Deserialize<TSaved>(JsonSerializer.Serialize(answer.Accepted, Web), Web);
        Response.StatusCode = StatusCodes.Status201Created;
        return Page();
    }
}

/// <summary>The first step of a public door: the registered agencies (行政机关) to choose among.</summary>
public abstract class AgencyChoicePage(IDocumentStore store) : PageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        Agencies = await session.Query<Agency>().OrderBy(a => a.Name).ToListAsync(ct);
    }
}
