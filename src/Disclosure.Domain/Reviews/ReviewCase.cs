using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;

namespace Disclosure.Domain.Reviews;

/// <summary>
/// A review case as the agency handles it: received, replied to with evidence, decided. Its clock — the reply due date —
/// is recomputed from the facts with the calendar in force (<see cref="Refresh"/>).
/// </summary>
public sealed class ReviewCase : ITrackedCase
{
    public Guid Id { get; set; }
    public string Agency { get; set; } = "";
    public string TrackingNumber { get; set; } = "";
    public Guid ApplicationId { get; set; }
    public string ApplicationNumber { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Procedure { get; set; } = ReviewProcedures.Ordinary;
    public DateOnly FiledOn { get; set; }
    public DateOnly ReceivedOn { get; set; }
    /// <summary>The year the copy was received (lists filter on it).</summary>
    public int ReceivedYear { get; set; }
    /// <summary>Where the case stands (<see cref="ReviewStatuses"/>).</summary>
    public string Status { get; set; } = ReviewStatuses.AwaitingReply;
    public DateOnly? RepliedOn { get; set; }
    public List<string> Evidence { get; set; } = [];
    public bool RepliedLate { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? Outcome { get; set; }
    public string? Result { get; set; }
    /// <summary>重新答复: the date the decision set for the agency's new answer to the application.</summary>
    public DateOnly? NewAnswerBy { get; set; }
    public DateOnly? PersonalDataErasedOn { get; set; }
    /// <summary>The evidence bundle kept with the reply (<see cref="ReviewEvidenceKept"/>); null until it is built.</summary>
    public KeptEvidence? EvidenceBundle { get; set; }

    /// <summary>The reply (书面答复 / 答辩状) is due on this day (<see cref="ReviewClock.ReplyDue"/>); null while the calendar lacks the year.</summary>
    public DateOnly? ReplyDueOn { get; set; }
    /// <summary>Not decided yet.</summary>
    public bool IsOpen { get; set; } = true;
    /// <summary>The agency still owes its reply (open, nothing filed).</summary>
    public bool AwaitingReply { get; set; } = true;
    /// <summary>What the agency must do next and by when: the reply while it is owed (lists sort on it).</summary>
    public DateOnly? DueOn { get; set; }
    public long Version { get; set; }

    /// <summary>The reply was not filed by its due date and is still owed.</summary>
    public bool IsOverdue(DateOnly today) => AwaitingReply && ReplyDueOn is { } due && today > due;

    public static ReviewCase From(IEnumerable<object> events, WorkingDayCalendar? calendar = null)
    {
        var review = new ReviewCase();
        foreach (var e in events) review.Fold(e);
        if (calendar is not null) review.Refresh(calendar);
        return review;
    }

    public void Fold(object @event)
    {
        switch (@event)
        {
            case ReviewReceived e:
                Id = e.ReviewId; Agency = e.Agency; TrackingNumber = e.TrackingNumber; ApplicationId = e.ApplicationId;
                ApplicationNumber = e.ApplicationNumber; Kind = e.Kind; Procedure = e.Procedure; FiledOn = e.FiledOn; ReceivedOn = e.ReceivedOn;
                ReceivedYear = e.ReceivedOn.Year;
                break;
            case ReviewReplyFiled e:
                RepliedOn = e.FiledOn; Evidence = e.Evidence.ToList(); RepliedLate = e.Late;
                break;
            case ReviewDecided e:
                DecidedOn = e.DecidedOn; Outcome = e.Outcome; Result = e.Result; NewAnswerBy = e.NewAnswerBy;
                break;
            case ReviewEvidenceKept e:
                EvidenceBundle = new KeptEvidence(e.On, e.AsOf, e.Sha256, e.Length, e.Pages);
                break;
            case ReviewReplyDueRederived:
                break; // the clock is recomputed from the facts; this event only records why it moved
            case PersonalDataErased e:
                // the case forgets what PersonalData.Masked blanks in its stored events: the evidence list is free text
                Evidence = Evidence.Select(_ => PersonalDataErased.Placeholder).ToList(); PersonalDataErasedOn = e.On;
                break;
            default:
                throw new UnhandledEvent(typeof(ReviewCase), @event);
        }
        IsOpen = DecidedOn is null;
        AwaitingReply = IsOpen && RepliedOn is null;
        Status = !IsOpen ? ReviewStatuses.Decided : AwaitingReply ? ReviewStatuses.AwaitingReply : ReviewStatuses.Replied;
    }

    /// <summary>The clock with the calendar in force.</summary>
    public void Refresh(WorkingDayCalendar calendar)
    {
        try
        {
            ReplyDueOn = Kind.Length == 0 ? null : ReviewClock.ReplyDue(Kind, Procedure, ReceivedOn, calendar);
        }
        catch (CalendarNotAvailable)
        {
            ReplyDueOn = null; // loading the year's notice re-derives it
        }
        DueOn = AwaitingReply ? ReplyDueOn : null;
    }
}

/// <summary>The evidence bundle kept with a review: the instant the application is shown as of, and what identifies the bytes.</summary>
public sealed record KeptEvidence(DateOnly On, DateTimeOffset AsOf, string Sha256, long Length, int Pages);

/// <summary>The review's statutory clock.</summary>
public static class ReviewClock
{
    /// <summary>书面答复, ordinary 复议 procedure: 十日 (行政复议法第四十八条).</summary>
    public const int OrdinaryReplyWorkingDays = 10;
    /// <summary>书面答复, simplified 复议 procedure: 五日 (行政复议法第五十四条).</summary>
    public const int SimplifiedReplyWorkingDays = 5;
    /// <summary>答辩状: 十五日 (行政诉讼法第六十七条), calendar days.</summary>
    public const int LawsuitReplyDays = 15;

    /// <summary>
    /// The day the reply is due, counted from the day after the copy was received:
    /// <list type="bullet">
    /// <item>复议: 10 working days (第四十八条), 5 under the simplified procedure (第五十四条) — the 三、五、七、十日 of that law
    /// are working days (行政复议法第八十八条), counted on the agency's working-day calendar.</item>
    /// <item>诉讼 and 上诉: 15 calendar days (行政诉讼法第六十七条; the simplified procedure of 第八十二条 shortens the trial, not the
    /// defendant's period). Periods follow the 民事诉讼法's rules on 期间 (行政诉讼法第一百零一条): a period whose last day is a
    /// 法定休假日 ends on the first working day after it.</item>
    /// </list>
    /// </summary>
    public static DateOnly ReplyDue(string kind, string procedure, DateOnly receivedOn, WorkingDayCalendar calendar)
    {
        if (!ReviewCaseKinds.IsLawsuit(kind))
            return calendar.AddWorkingDays(receivedOn, procedure == ReviewProcedures.Simplified ? SimplifiedReplyWorkingDays : OrdinaryReplyWorkingDays);
        var due = receivedOn.AddDays(LawsuitReplyDays);
        while (!calendar.IsWorkingDay(due)) due = due.AddDays(1);
        return due;
    }
}
