using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;

namespace Disclosure.Domain;

/// <summary>
/// Everything a decision on a case may use besides the case and the command: today (the domain has no clock of its
/// own), the calendar and clock settings in force, the agency with its settings and closed years, the case as it was
/// last stored (the clock of a re-derivation compares against it) and, for a command that opens a case, its tracking
/// number.
/// </summary>
public sealed record CaseContext(
    DateOnly Today, WorkingDayCalendar Calendar, ClockSettings Settings, Agency Agency, IReadOnlyList<int> ClosedYears,
    object? Stored = null, string? TrackingNumber = null)
{
    /// <summary>Shown in place of a tracking number while a command is checked before a number is taken for it.</summary>
    public const string NumberPending = "（待编号）";

    public string Number => TrackingNumber ?? NumberPending;

    /// <summary>The moment of the step, for the few facts that carry their time besides their date (an online confirmation, 条例第三十一条).</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>The agency's notice settings, fee policy and template choices (none set: steps issue no notice).</summary>
    public Notices.NoticeSetup Notices { get; init; } = Domain.Notices.NoticeSetup.None;

    /// <summary>How many files a step may attach, and how large (the deployment's setting).</summary>
    public UploadLimits Uploads { get; init; } = UploadLimits.Default;

    /// <summary>How many working days before a due date the agency's handlers are reminded.</summary>
    public int ReminderDays => Agency.ReminderWorkingDays ?? Agency.DefaultReminderWorkingDays;

    /// <summary>Working days after which an undelivered answer notice reminds the handlers (0: never).</summary>
    public int UndeliveredNoticeDays => Agency.UndeliveredNoticeWorkingDays ?? 0;
}

/// <summary>A decision that opens another case in the same transaction (a conversion): its stream id and first event.</summary>
public sealed record CaseOpened(Guid Id, object FirstEvent);

/// <summary>
/// A decision that records one event on a linked case in the same transaction (a review and its application keep each
/// other's outcome): the linked stream is read for writing, so a concurrent change to it fails the whole commit (409).
/// </summary>
public sealed record CaseLinked(Guid Id, object Event);
