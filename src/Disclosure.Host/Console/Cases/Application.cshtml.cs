using Disclosure.Domain.Applications;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cases;
using Disclosure.Host.Notices;
using Disclosure.Host.Search;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;

namespace Disclosure.Host.StaffConsole.Cases;

/// <summary>
/// 申请: the case page of an application, with its repeats (the earlier applications it may repeat or that the same applicant
/// filed, each with the reason), the links recorded and the applicant's counts per month and year.
/// </summary>
[Authorize(Roles = Roles.Reading)]
public sealed class ApplicationModel(IDocumentStore store, CalendarStore calendars, AgencyDirectory agencies, RepeatCheck repeats, ApplicantRequestCounts counts,
    NoticeMailer mailer)
    : CasePage<Application>(CaseSteps.Application, store, calendars, agencies)
{
    public RepeatsView Repeats { get; private set; } = null!;

    /// <summary>电子送达: whether this deployment sends notices by e-mail (Smtp:Host), the form of the notice just refused.</summary>
    public bool MailConfigured => mailer.Configured;
    public IReadOnlyList<FormField> EmailFields { get; } = CommandForm.Fields(typeof(EmailNoticeRequest));
    public FormState Email { get; } = new();
    [FromQuery(Name = "number")] public string? EmailedNumber { get; set; }

    /// <summary>
    /// 电子送达 of a kept notice (POST …/notices/{number}/email, the endpoint's own code): queued, sent and retried after the
    /// page answers; the mailer records the delivery (or its failure) on the case through the one write path.
    /// </summary>
    public async Task<IActionResult> OnPostEmailAsync([FromQuery(Name = "number")] string? number, [FromServices] IMessageBus bus, CancellationToken ct)
    {
        if (!May(Roles.Handling))
        {
            await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status403Forbidden);
            return new EmptyResult();
        }
        EmailedNumber = number;
        if (CommandForm.Bind<EmailNoticeRequest>(Request.Form, Today, Email) is not { } request) return await ShowAgainAsync(400, ct);
        await using var session = Store.QuerySession(AgencyId);
        var answer = await EmailNoticeEndpoint.Post(AgencyId, Id, number ?? "", request, session, mailer, bus, ct);
        if (EndpointAnswer.Failed(answer, Email, out var status)) return await ShowAgainAsync(status, ct);
        return Redirect($"{Request.Path}?done=email&number={Uri.EscapeDataString(number ?? "")}#notices");
    }

    protected override long VersionOf(Application current) => current.Version;

    protected override async Task ShowingAsync(CancellationToken ct)
    {
        await using var session = Store.QuerySession(AgencyId);
        var report = await repeats.OfAsync(session, Current, ct);
        var relate = May(Roles.Handling) ? new RelateForm(Version, Current.Relations.Select(r => (r.CaseId, r.Kind)).ToList()) : null;
        Repeats = new RepeatsView(AgencyId, report, Current.Relations, await counts.ForAsync(AgencyId, Current, ct), relate);
    }
}
