using Disclosure.Domain.Applications;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Letters;
using Disclosure.Host.Notices;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Wolverine;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>
/// 办理进度查询, for applicants and letter writers, without signing in: the tracking number and the query code given at
/// intake. The same look-ups as the API's public endpoints, under the same per-client rate limit; a wrong code and an
/// unknown number give the same answer, after the same pause. The code is posted, never put in a URL. An applicant also
/// downloads the notices issued to them (as kept, PDF) and answers a 补正 request — each action posts the number and code again.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicLetterStatusEndpoint.RateLimitPolicy)]
public sealed class StatusModel(IDocumentStore store, KeptPdfs pdfs, IMessageBus bus, BusinessClock clock) : PageModel
{
    /// <summary>Who the history names for what the applicant did online.</summary>
    public const string ApplicantActor = "申请人（网上）";

    public string? Kind { get; private set; } = "application";
    public string? TrackingNumber { get; private set; }
    /// <summary>Kept in the page's forms (posted back, never in a URL) so the applicant's next action needs no retyping.</summary>
    public string? Code { get; private set; }
    public PublicApplicationStatus? Application { get; private set; }
    public PublicLetterStatus? Letter { get; private set; }
    public bool Missing { get; private set; }
    public FormState Correction { get; } = new();
    public bool CorrectionSent { get; private set; }
    public bool Withdrawn { get; private set; }
    /// <summary>Why the withdrawal was refused (the case moved on: confirmed or returned meanwhile).</summary>
    public string? WithdrawProblem { get; private set; }

    public void OnGet() { }

    public async Task OnPostAsync([FromForm(Name = "kind")] string? kind, [FromForm(Name = "trackingNumber")] string? trackingNumber,
        [FromForm(Name = "code")] string? code, CancellationToken ct)
    {
        Kind = kind == "letter" ? "letter" : "application";
        TrackingNumber = trackingNumber?.Trim();
        var number = TrackingNumber ?? "";
        if (Kind == "letter") Letter = await PublicLetterStatusEndpoint.FindAsync(store, number, code, ct);
        else Application = await PublicApplicationStatusEndpoint.FindAsync(store, number, code, ct);
        Found(code);
    }

    /// <summary>A notice issued to the applicant, as kept (PDF); the same 404 page for a wrong code or a notice not theirs.</summary>
    public async Task<IActionResult> OnPostNoticeAsync([FromForm(Name = "trackingNumber")] string? trackingNumber, [FromForm(Name = "code")] string? code,
        [FromForm(Name = "number")] string? number, CancellationToken ct)
    {
        TrackingNumber = trackingNumber?.Trim();
        var app = await PublicApplicationStatusEndpoint.FindCaseAsync(store, TrackingNumber, code, ct);
        if (app?.Notices.FirstOrDefault(n => n.Number == number && PublicApplicationStatusEndpoint.ToApplicant(n)) is not { } notice)
        {
            if (app is not null) Application = PublicApplicationStatusEndpoint.Of(app);
            Found(app is null ? null : code);
            if (app is not null) Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        await using var session = store.LightweightSession(app.Agency);
        var pdf = await pdfs.EnsureAsync(session, KeptNotice.IdOf(app.Id, notice.Number), ct);
        if (pdf is null) return NotFound();
        return File(pdf, "application/pdf", $"{app.TrackingNumber}-{notice.Kind}.pdf");
    }

    /// <summary>
    /// A file the applicant attached, with the number and code posted again: served as a download only (<see cref="CaseFiles.Download"/>).
    /// A wrong code, an unknown number or a file id not of this case answer as a case not found (404, after the same pause).
    /// </summary>
    public async Task<IActionResult> OnPostFileAsync([FromForm(Name = "trackingNumber")] string? trackingNumber, [FromForm(Name = "code")] string? code,
        [FromForm(Name = "file")] string? file, CancellationToken ct)
    {
        TrackingNumber = trackingNumber?.Trim();
        var app = await PublicApplicationStatusEndpoint.FindCaseAsync(store, TrackingNumber, code, ct);
        var attached = app?.Attachments.FirstOrDefault(f => !f.Erased && Guid.TryParse(file, out var id) && f.Id == id);
        CaseFile? stored = null;
        if (app is not null && attached is not null)
        {
            await using var session = store.QuerySession(app.Agency);
            stored = await CaseFiles.LoadAsync(session, app.Id, attached.Id, ct);
        }
        if (stored is null)
        {
            Found(null);
            return Page();
        }
        return new HttpResultAction(CaseFiles.Download(HttpContext, stored, attached!.Name));
    }

    /// <summary>撤回 before confirmation (the case was never received): through the write path; it leaves the 待确认 list.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync([FromForm(Name = "trackingNumber")] string? trackingNumber, [FromForm(Name = "code")] string? code,
        CancellationToken ct)
    {
        TrackingNumber = trackingNumber?.Trim();
        var app = await PublicApplicationStatusEndpoint.FindCaseAsync(store, TrackingNumber, code, ct);
        if (app is null)
        {
            Found(null);
            return Page();
        }
        if (bus is IMessageContext context) context.UserName = ApplicantActor;
        var answer = await bus.SendAsync(app.Agency, new WithdrawSubmission { Case = app.Id.ToString() }, ct);
        if (answer.Succeeded) Withdrawn = true;
        else
        {
            Response.StatusCode = answer.Status is >= 400 ? answer.Status : StatusCodes.Status409Conflict;
            WithdrawProblem = ChineseMessages.Translate(answer.Text ?? Domain.KeyedMessage.Literal(answer.Message ?? ""), "-");
        }
        app = await PublicApplicationStatusEndpoint.FindCaseAsync(store, TrackingNumber, code, ct) ?? app;
        Application = PublicApplicationStatusEndpoint.Of(app);
        Found(code);
        return Page();
    }

    /// <summary>补正 answered online: recorded through the write path as its arrival today (条例第三十条: the period restarts).</summary>
    public async Task<IActionResult> OnPostCorrectionAsync([FromForm(Name = "trackingNumber")] string? trackingNumber, [FromForm(Name = "code")] string? code,
        [FromForm(Name = "text")] string? text, CancellationToken ct)
    {
        TrackingNumber = trackingNumber?.Trim();
        var app = await PublicApplicationStatusEndpoint.FindCaseAsync(store, TrackingNumber, code, ct);
        if (app is null)
        {
            Found(null);
            return Page();
        }
        Correction.Values["text"] = text ?? "";
        var command = new AnswerCorrectionOnline(text) { Case = app.Id.ToString(), Files = await CaseFiles.FromFormAsync(Request.Form, ct) };
        var errors = RequestRules.Check(command, clock.Today);
        if (errors.Count > 0)
        {
            Correction.Errors["text"] = ChineseMessages.Translate(Domain.KeyedMessage.Literal(errors.First().Value[0]), text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            if (bus is IMessageContext context) context.UserName = ApplicantActor;
            var answer = await bus.SendAsync(app.Agency, command, ct);
            if (answer.Succeeded) CorrectionSent = true;
            else
            {
                Response.StatusCode = answer.Status is >= 400 ? answer.Status : StatusCodes.Status400BadRequest;
                var message = ChineseMessages.Translate(answer.Text ?? Domain.KeyedMessage.Literal(answer.Message ?? ""), text);
                if (answer.Field is { } field && field.StartsWith("files", StringComparison.Ordinal)) Correction.Errors["files"] = message + "请重新选择文件。";
                else Correction.Errors["text"] = message;
            }
            app = await PublicApplicationStatusEndpoint.FindCaseAsync(store, TrackingNumber, code, ct) ?? app;
        }
        Application = PublicApplicationStatusEndpoint.Of(app);
        Found(code);
        return Page();
    }

    private void Found(string? code)
    {
        Missing = Application is null && Letter is null;
        if (Missing) Response.StatusCode = StatusCodes.Status404NotFound;
        else Code = code?.Trim();
    }
}

/// <summary>An <see cref="IResult"/> (a minimal API's answer, shared with the console's own download) returned from a page handler.</summary>
public sealed class HttpResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
