using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;

namespace Disclosure.Domain.Letters;

public sealed class Assignment
{
    public string Department { get; set; } = "";
    public DateOnly On { get; set; }
    public DateOnly? ReturnedOn { get; set; }
    public string? ReturnReason { get; set; }
}

public sealed class Reply
{
    public DateOnly On { get; set; }
    public string Text { get; set; } = "";
    public bool Publish { get; set; }
    public int Round { get; set; }
    public bool OnTime { get; set; }
}

public sealed class Feedback
{
    public DateOnly On { get; set; }
    public string Satisfaction { get; set; } = "";
}

/// <summary>A mayor's-mailbox letter (市长信箱来信) as handlers see it; the clock view is recomputed after every event.</summary>
public sealed class Letter : ITrackedCase
{
    public Guid Id { get; set; }
    public string Agency { get; set; } = "";
    public string TrackingNumber { get; set; } = "";
    public string QueryCodeHash { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Category { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public Writer Writer { get; set; } = new("", null, null);
    public DateOnly ReceivedOn { get; set; }
    public int ReceivedYear { get; set; }
    public bool PublicConsent { get; set; }
    public int AcceptWithin { get; set; }
    public int? ReplyWithin { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    public DateOnly? RejectedOn { get; set; }
    public string? RejectionReason { get; set; }
    public string? RejectionNote { get; set; }
    public List<Assignment> Assignments { get; set; } = [];
    public LetterExtensionApproved? Extension { get; set; }
    public List<Reply> Replies { get; set; } = [];
    public List<Feedback> Feedback { get; set; } = [];
    public DateOnly? ReopenedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public Guid? ApplicationId { get; set; }
    public string? ApplicationNumber { get; set; }
    public Guid? FromApplicationId { get; set; }
    public string? FromApplicationNumber { get; set; }
    public string Status { get; set; } = LetterStatuses.Received;
    public DateOnly? PersonalDataErasedOn { get; set; }

    public DateOnly? DueOn { get; set; }
    public Deadline? Deadline { get; set; }
    public long Version { get; set; }

    /// <summary>The department that has the letter now (null when unassigned or returned).</summary>
    public string? Department { get; set; }
    public int Round => Replies.Count + 1;

    /// <summary>Someone must act by <see cref="DueOn"/>: accept or refuse, or reply.</summary>
    public bool AwaitingAction { get; set; } = true;

    public bool IsOverdue(DateOnly today) => AwaitingAction && DueOn is { } due && today > due;

    /// <summary>督办: when the letter was last flagged, the day it must be answered by, and what the supervisor asked.</summary>
    public DateOnly? SupervisedOn { get; set; }
    public DateOnly? SuperviseBy { get; set; }
    public string? SupervisionNote { get; set; }

    /// <summary>Past the 督办 day and still waiting for an answer.</summary>
    public bool IsSupervisionOverdue(DateOnly today) => AwaitingAction && SuperviseBy is { } by && today > by;

    public static Letter From(IEnumerable<object> events, WorkingDayCalendar? calendar = null)
    {
        var letter = new Letter();
        foreach (var e in events) letter.Fold(e);
        if (calendar is not null) letter.Refresh(calendar);
        return letter;
    }

    public void Fold(object @event)
    {
        switch (@event)
        {
            case LetterReceived e:
                Id = e.LetterId; Agency = e.Agency; TrackingNumber = e.TrackingNumber; QueryCodeHash = e.QueryCodeHash; Channel = e.Channel;
                Category = e.Category; Subject = e.Subject; Body = e.Body; Writer = e.Writer; ReceivedOn = e.ReceivedOn;
                ReceivedYear = e.ReceivedOn.Year; PublicConsent = e.PublicConsent; AcceptWithin = e.AcceptWithin;
                FromApplicationId = e.FromApplicationId; FromApplicationNumber = e.FromApplicationNumber;
                break;
            case LetterAccepted e: AcceptedOn = e.On; ReplyWithin = e.ReplyWithin; break;
            case LetterRejected e: RejectedOn = e.On; RejectionReason = e.Reason; RejectionNote = e.Note; break;
            case LetterAssigned e: Assignments.Add(new Assignment { Department = e.Department, On = e.On }); Department = e.Department; break;
            case LetterReturned e:
                if (Assignments.LastOrDefault() is { } current) { current.ReturnedOn = e.On; current.ReturnReason = e.Reason; }
                Department = null;
                break;
            case LetterExtensionApproved e: Extension = e; break;
            case LetterReplied e:
                Replies.Add(new Reply { On = e.On, Text = e.Text, Publish = e.Publish, Round = e.Round, OnTime = e.OnTime });
                ReopenedOn = null;
                break;
            case FeedbackRecorded e:
                Feedback.Add(new Feedback { On = e.On, Satisfaction = e.Satisfaction });
                if (e.Satisfaction == Satisfactions.Unsatisfied) ReopenedOn = e.On;
                break;
            case LetterClosed e: ClosedOn = e.On; break;
            case PersonalDataErased e:
                Writer = Writer.Erased; Subject = PersonalDataErased.Placeholder; Body = PersonalDataErased.Placeholder; PersonalDataErasedOn = e.On;
                foreach (var reply in Replies) reply.Text = PersonalDataErased.Placeholder;
                if (RejectionNote is not null) RejectionNote = PersonalDataErased.Placeholder;
                foreach (var assignment in Assignments) if (assignment.ReturnReason is not null) assignment.ReturnReason = PersonalDataErased.Placeholder;
                if (Extension is not null) Extension = Extension with { Reason = PersonalDataErased.Placeholder };
                break;
            case LetterReclassified e: ApplicationId = e.ApplicationId; ApplicationNumber = e.ApplicationNumber; ClosedOn = e.On; break;
            case LetterDueDateRederived: break; // the clock is recomputed from the facts; this event only records why it moved
            case LetterSupervised e: SupervisedOn = e.On; SuperviseBy = e.ReplyBy; SupervisionNote = e.Note; break;
            default: throw new UnhandledEvent(typeof(Letter), @event);
        }
        Status = DeriveStatus();
        AwaitingAction = Status is LetterStatuses.Received or LetterStatuses.Accepted or LetterStatuses.Assigned or LetterStatuses.Returned or LetterStatuses.Reopened;
    }

    private string DeriveStatus()
    {
        if (ApplicationId is not null) return LetterStatuses.Reclassified;
        if (ClosedOn is not null) return LetterStatuses.Closed;
        if (RejectedOn is not null) return LetterStatuses.Rejected;
        if (AcceptedOn is null) return LetterStatuses.Received;
        if (ReopenedOn is not null) return Department is null ? LetterStatuses.Reopened : LetterStatuses.Assigned;
        if (Replies.Count > 0) return LetterStatuses.Replied;
        if (Assignments.Count > 0 && Department is null) return LetterStatuses.Returned;
        return Department is null ? LetterStatuses.Accepted : LetterStatuses.Assigned;
    }

    public void Refresh(WorkingDayCalendar calendar)
    {
        Deadline = LetterClock.Derive(this, calendar);
        DueOn = Deadline.DueOn;
    }
}

/// <summary>The letter's time limits: accept or refuse within N working days of receipt; reply within M of acceptance (or of an unsatisfied follow-up), plus any extension.</summary>
public static class LetterClock
{
    // 期限 of a letter — each ends in ONE method here, asked by the clock (Derive) and the rules (LetterDecider)

    /// <summary>The last day to decide whether to accept the letter: the agency's limit when it arrived, in working days after receipt.</summary>
    public static DateOnly AcceptanceEnds(Letter letter, WorkingDayCalendar calendar) => calendar.AddWorkingDays(letter.ReceivedOn, letter.AcceptWithin);

    /// <summary>The last day to reply: <paramref name="within"/> working days after acceptance or an unsatisfied follow-up (<paramref name="start"/>).</summary>
    public static DateOnly ReplyEnds(DateOnly start, int within, WorkingDayCalendar calendar) => calendar.AddWorkingDays(start, within);

    /// <summary>The last day a department may return a letter: <see cref="LetterTimeLimits.ReturnWithin"/> working days after its assignment.</summary>
    public static DateOnly ReturnEnds(DateOnly assignedOn, WorkingDayCalendar calendar) => calendar.AddWorkingDays(assignedOn, LetterTimeLimits.ReturnWithin);

    public static Deadline Derive(Letter letter, WorkingDayCalendar calendar)
    {
        var steps = new List<DeadlineStep>();
        try
        {
            steps.Add(new("received", letter.ReceivedOn, null, $"{letter.ReceivedOn:yyyy-MM-dd} 收到来信"));
            if (letter.AcceptedOn is not { } accepted)
            {
                var decide = AcceptanceEnds(letter, calendar);
                steps.Add(new("accept_within", decide, letter.AcceptWithin, $"{letter.AcceptWithin} 个工作日内决定是否受理 → {decide:yyyy-MM-dd}"));
                return new Deadline(decide, false, null, steps);
            }
            var start = letter.ReopenedOn ?? accepted;
            steps.Add(letter.ReopenedOn is { } reopened
                ? new("reopened", reopened, null, $"{reopened:yyyy-MM-dd} 回访不满意，重新办理，期限重新计算")
                : new("accepted", accepted, null, $"{accepted:yyyy-MM-dd} 受理"));
            var within = letter.ReplyWithin ?? LetterTimeLimits.Default.ReplyWithin;
            var due = ReplyEnds(start, within, calendar);
            steps.Add(new("reply_within", due, within, $"{within} 个工作日内答复 → {due:yyyy-MM-dd}"));
            if (letter.Extension is { } ext)
            {
                due = Applications.StatutoryClock.Extended(due, ext.WorkingDays, calendar);
                steps.Add(new("extension", due, ext.WorkingDays, $"{ext.ApprovedOn:yyyy-MM-dd} 批准延期 {ext.WorkingDays} 个工作日（{ext.Reason}）→ {due:yyyy-MM-dd}"));
            }
            steps.Add(new("due", due, null, $"答复期限为 {due:yyyy-MM-dd}"));
            return new Deadline(due, false, null, steps);
        }
        catch (CalendarNotAvailable gap)
        {
            steps.Add(new("calendar_gap", null, null, $"尚未载入 {gap.Year} 年节假日安排通知，无法计算期限"));
            return new Deadline(null, false, gap.Year, steps);
        }
    }
}
