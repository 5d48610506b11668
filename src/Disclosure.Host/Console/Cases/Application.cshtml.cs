using Disclosure.Domain.Applications;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cases;
using Disclosure.Host.Search;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;

namespace Disclosure.Host.StaffConsole.Cases;

/// <summary>
/// 申请: the case page of an application, with its repeats (the earlier applications it may repeat or that the same applicant
/// filed, each with the reason), the links recorded and the applicant's counts per month and year.
/// </summary>
[Authorize(Roles = Roles.Reading)]
public sealed class ApplicationModel(IDocumentStore store, CalendarStore calendars, AgencyDirectory agencies, RepeatCheck repeats, ApplicantRequestCounts counts)
    : CasePage<Application>(CaseSteps.Application, store, calendars, agencies)
{
    public RepeatsView Repeats { get; private set; } = null!;

    protected override long VersionOf(Application current) => current.Version;

    protected override async Task ShowingAsync(CancellationToken ct)
    {
        await using var session = Store.QuerySession(AgencyId);
        var report = await repeats.OfAsync(session, Current, ct);
        var relate = May(Roles.Handling) && AsOfInstant is null ? new RelateForm(Version, Current.Relations.Select(r => (r.CaseId, r.Kind)).ToList()) : null;
        Repeats = new RepeatsView(AgencyId, report, Current.Relations, await counts.ForAsync(AgencyId, Current, ct), relate);
    }
}
