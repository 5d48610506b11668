using Disclosure.Domain.Applications;
using Disclosure.Host.Agencies;
using Disclosure.Host.Calendar;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;

namespace Disclosure.Host.StaffConsole.Cases;

[Authorize(Roles = Roles.Reading)]
public sealed class ApplicationModel(IDocumentStore store, CalendarStore calendars, AgencyDirectory agencies)
    : CasePage<Application>(CaseSteps.Application, store, calendars, agencies)
{
    protected override long VersionOf(Application current) => current.Version;
}
