using Disclosure.Domain.Reviews;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cases;

namespace Disclosure.Host.Reviews;

/// <summary>The review case as handlers see it, kept inline (<see cref="CaseProjection{TCase}"/>); its reply due date is recomputed with the calendar in force.</summary>
public sealed class ReviewProjection(CalendarStore calendars) : CaseProjection<ReviewCase>(ReviewKind.Instance, calendars);
