using Disclosure.Domain.Letters;
using Disclosure.Host.Agencies;
using Disclosure.Host.Calendar;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;

namespace Disclosure.Host.StaffConsole.Cases;

[Authorize(Roles = Roles.Reading)]
public sealed class LetterModel(IDocumentStore store, CalendarStore calendars, AgencyDirectory agencies)
    : CasePage<Letter>(CaseSteps.Letter, store, calendars, agencies)
{
    protected override long VersionOf(Letter current) => current.Version;
}
