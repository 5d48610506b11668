using Disclosure.Domain.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cases;

namespace Disclosure.Host.Applications;

/// <summary>The application as handlers see it, kept inline with its stream (<see cref="CaseProjection{TCase}"/>).</summary>
public sealed class ApplicationProjection(CalendarStore calendars) : CaseProjection<Application>(ApplicationKind.Instance, calendars);
