using Disclosure.Host.Cluster;
using Disclosure.Host.Notices;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Settings;

/// <summary>
/// 告知书模板: the agency's notice templates (the shipped ones until it sets its own), one open for editing with its
/// required elements and its versions. Saving calls the API endpoint's own code: a template that does not render or
/// leaves out a required element is refused with the element named, and documents already issued never change.
/// </summary>
[Authorize(Roles = Roles.Supervising)]
public sealed class TemplatesModel(IDocumentStore store, ReferenceWrites writes, NoticeIssuing issuing) : ConsolePage
{
    [FromRoute(Name = "key")] public string? Key { get; set; }
    [FromQuery(Name = "done")] public string? Done { get; set; }

    public IReadOnlyList<NoticeTemplateSummary> Templates { get; private set; } = [];
    public NoticeTemplateView? Open { get; private set; }
    public FormState Form { get; } = new();
    public IReadOnlyList<FormField> Fields { get; } = CommandForm.Fields(typeof(SetNoticeTemplate));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Key is null) return await ShowAsync(ct, 404);
        if (CommandForm.Bind<SetNoticeTemplate>(Request.Form, Today, Form) is not { } cmd) return await ShowAsync(ct, 400);
        var answer = await NoticeTemplateEndpoints.Put(AgencyId, Key, cmd, store, writes, issuing, Clock, HttpContext, ct);
        return EndpointAnswer.Failed(answer, Form, out var status) ? await ShowAsync(ct, status) : Redirect($"{Request.Path}?done=1");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct, int status = 200)
    {
        await using var session = store.QuerySession();
        Templates = await NoticeTemplateEndpoints.List(AgencyId, session, ct);
        if (Key is not null)
        {
            Open = (await NoticeTemplateEndpoints.Get(AgencyId, Key, session, issuing, ct) as IValueHttpResult)?.Value as NoticeTemplateView;
            if (Open is null) status = 404;
        }
        Response.StatusCode = status;
        return Page();
    }
}
