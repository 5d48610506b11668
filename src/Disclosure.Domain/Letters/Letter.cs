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

/// <summary>A 复查 or 复核 of a 信访事项's answer (信访工作条例第三十五条、第三十六条): asked, and its 意见 once given.</summary>
public sealed class PetitionReview
{
    public string Stage { get; set; } = "";
    public DateOnly RequestedOn { get; set; }
    public DateOnly AnswerReceivedOn { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? Text { get; set; }
    public bool OnTime { get; set; }
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

    /// <summary>Written online by the writer (<c>/letters/new</c>): when it was sent.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>
    /// The day of the latest reply that may be published (the writer consented and the handler marked it publishable);
    /// null when there is none or the letter's personal data was erased. The public list of replies reads this.
    /// </summary>
    public DateOnly? PublishedReplyOn { get; set; }

    /// <summary>The reply the public list shows: the latest one, if it was marked publishable.</summary>
    public Reply? PublishedReply() => PublishedReplyOn is null ? null : Replies.LastOrDefault(r => r.Publish);

    /// <summary>Registered as 信访 (at intake or later): the 信访工作条例 calendar-day limits apply (<see cref="PetitionTimeLimits"/>).</summary>
    public bool Petition { get; set; }
    public DateOnly? RegisteredAsPetitionOn { get; set; }
    /// <summary>信访: the 复查 and then the 复核 asked of its answer, in order (信访工作条例第三十五条、第三十六条).</summary>
    public List<PetitionReview> PetitionReviews { get; set; } = [];

    /// <summary>The 复查 or 复核 whose 意见 is still owed, if any.</summary>
    public PetitionReview? PendingPetitionReview() => PetitionReviews.LastOrDefault(r => r.AnsweredOn is null);

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
                Petition = e.Petition; RegisteredAsPetitionOn = e.Petition ? e.ReceivedOn : null; SubmittedAt = e.SubmittedAt;
                break;
            case LetterRegisteredAsPetition e: Petition = true; RegisteredAsPetitionOn = e.On; break;
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
                // a later reply not marked publishable withdraws the earlier one from the public list
                PublishedReplyOn = e.Publish && PublicConsent ? e.On : null;
                ReopenedOn = null;
                break;
            case FeedbackRecorded e:
                Feedback.Add(new Feedback { On = e.On, Satisfaction = e.Satisfaction });
                if (e.Satisfaction == Satisfactions.Unsatisfied) ReopenedOn = e.On;
                break;
            case LetterClosed e: ClosedOn = e.On; break;
            case PersonalDataErased e:
                Writer = Writer.Erased; Subject = PersonalDataErased.Placeholder; Body = PersonalDataErased.Placeholder; PersonalDataErasedOn = e.On;
                PublishedReplyOn = null; // an erased letter leaves the public list of replies
                foreach (var reply in Replies) reply.Text = PersonalDataErased.Placeholder;
                foreach (var review in PetitionReviews) if (review.Text is not null) review.Text = PersonalDataErased.Placeholder;
                if (RejectionNote is not null) RejectionNote = PersonalDataErased.Placeholder;
                foreach (var assignment in Assignments) if (assignment.ReturnReason is not null) assignment.ReturnReason = PersonalDataErased.Placeholder;
                if (Extension is not null) Extension = Extension with { Reason = PersonalDataErased.Placeholder };
                break;
            case LetterReclassified e: ApplicationId = e.ApplicationId; ApplicationNumber = e.ApplicationNumber; ClosedOn = e.On; break;
            case LetterDueDateRederived: break; // the clock is recomputed from the facts; this event only records why it moved
            case LetterSupervised e: SupervisedOn = e.On; SuperviseBy = e.ReplyBy; SupervisionNote = e.Note; break;
            case PetitionReviewRequested e:
                PetitionReviews.Add(new PetitionReview { Stage = e.Stage, RequestedOn = e.On, AnswerReceivedOn = e.AnswerReceivedOn });
                break;
            case PetitionReviewAnswered e:
                if (PendingPetitionReview() is { } pending) { pending.AnsweredOn = e.On; pending.Text = e.Text; pending.OnTime = e.OnTime; }
                break;
            default: throw new UnhandledEvent(typeof(Letter), @event);
        }
        Status = DeriveStatus();
        AwaitingAction = Status is LetterStatuses.Received or LetterStatuses.Accepted or LetterStatuses.Assigned or LetterStatuses.Returned or LetterStatuses.Reopened
            or LetterStatuses.UnderReexamination or LetterStatuses.UnderRecheck;
    }

    private string DeriveStatus()
    {
        if (ApplicationId is not null) return LetterStatuses.Reclassified;
        // a 复查 or 复核 asked of the answer: its 意见 is owed, whether the letter was closed or not
        if (PendingPetitionReview() is { } review) return review.Stage == PetitionReviewStages.Recheck ? LetterStatuses.UnderRecheck : LetterStatuses.UnderReexamination;
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

/// <summary>
/// The letter's time limits. An ordinary letter: accept or refuse within N working days of receipt; reply within M of acceptance
/// (or of an unsatisfied follow-up), plus any extension — the agency's own limits. A letter registered as 信访: the 信访工作条例
/// (2022) limits in calendar days (<see cref="PetitionTimeLimits"/>).
/// </summary>
public static class LetterClock
{
    // 期限 of a letter — each ends in ONE method here, asked by the clock (Derive) and the rules (LetterDecider)

    /// <summary>The last day to decide whether to accept the letter: the agency's limit when it arrived, in working days after receipt; for 信访 see <see cref="PetitionAcceptanceEnds"/>.</summary>
    public static DateOnly AcceptanceEnds(Letter letter, WorkingDayCalendar calendar) =>
        letter.Petition ? PetitionAcceptanceEnds(letter.ReceivedOn) : calendar.AddWorkingDays(letter.ReceivedOn, letter.AcceptWithin);

    /// <summary>The last day to reply: <paramref name="within"/> working days after acceptance or an unsatisfied follow-up (<paramref name="start"/>).</summary>
    public static DateOnly ReplyEnds(DateOnly start, int within, WorkingDayCalendar calendar) => calendar.AddWorkingDays(start, within);

    /// <summary>The last day a department may return a letter: <see cref="LetterTimeLimits.ReturnWithin"/> working days after its assignment.</summary>
    public static DateOnly ReturnEnds(DateOnly assignedOn, WorkingDayCalendar calendar) => calendar.AddWorkingDays(assignedOn, LetterTimeLimits.ReturnWithin);

    /// <summary>
    /// 信访: 登记并受理/转送 within 15 calendar days of receipt (信访工作条例第二十二条、第二十三条); the day of receipt is not
    /// counted, and holidays are not skipped — these are 日, not 工作日.
    /// </summary>
    public static DateOnly PetitionAcceptanceEnds(DateOnly receivedOn) => receivedOn.AddDays(PetitionTimeLimits.AcceptWithin);

    /// <summary>信访: 办结 within 60 calendar days of 受理 (or of an unsatisfied follow-up that reopened it) (信访工作条例第三十四条).</summary>
    public static DateOnly PetitionFinishEnds(DateOnly start) => start.AddDays(PetitionTimeLimits.FinishWithin);

    /// <summary>信访: the 办结 limit extended by <paramref name="calendarDays"/> (at most 30, the reason told to the writer — 第三十四条).</summary>
    public static DateOnly PetitionExtended(DateOnly due, int calendarDays) => due.AddDays(calendarDays);

    /// <summary>信访: the last day to ask for a 复查 or 复核: 30 calendar days after the answer (or 复查意见) was received (第三十五条、第三十六条).</summary>
    public static DateOnly PetitionReviewRequestEnds(DateOnly answerReceivedOn) => answerReceivedOn.AddDays(PetitionTimeLimits.RequestReviewWithin);

    /// <summary>信访: the 复查意见 or 复核意见 is owed 30 calendar days after the request was received (第三十五条、第三十六条).</summary>
    public static DateOnly PetitionReviewAnswerEnds(DateOnly requestedOn) => requestedOn.AddDays(PetitionTimeLimits.AnswerReviewWithin);

    /// <summary>Which rule sets the letter's limits, as the case page and the API say it.</summary>
    public static string RuleOf(Letter letter) => letter.Petition
        ? $"信访事项：按《信访工作条例》（2022）计算，日历日——{PetitionTimeLimits.AcceptWithin} 日内受理或转送（第二十二条、第二十三条），受理之日起 {PetitionTimeLimits.FinishWithin} 日内办结，经批准可延长不超过 {PetitionTimeLimits.MaxExtension} 日并告知理由（第三十四条）；收到答复之日起 {PetitionTimeLimits.RequestReviewWithin} 日内可请求复查，复查意见 {PetitionTimeLimits.AnswerReviewWithin} 日内作出（第三十五条），收到复查意见之日起 {PetitionTimeLimits.RequestReviewWithin} 日内可请求复核，复核意见 {PetitionTimeLimits.AnswerReviewWithin} 日内作出（第三十六条）"
        : $"市长信箱来信：按本机关来信办理时限计算，工作日——{letter.AcceptWithin} 个工作日内决定是否受理，受理后 {letter.ReplyWithin ?? LetterTimeLimits.Default.ReplyWithin} 个工作日内答复";

    public static Deadline Derive(Letter letter, WorkingDayCalendar calendar)
    {
        var steps = new List<DeadlineStep>();
        try
        {
            steps.Add(new("received", letter.ReceivedOn, null, $"{letter.ReceivedOn:yyyy-MM-dd} 收到来信"));
            if (letter.Petition) steps.Add(new("petition", letter.RegisteredAsPetitionOn, null, $"{letter.RegisteredAsPetitionOn:yyyy-MM-dd} 登记为信访事项，按《信访工作条例》日历日计算期限"));
            if (letter.PendingPetitionReview() is { } review)
            {
                // the 复查意见 / 复核意见 is what is owed now (信访工作条例第三十五条、第三十六条), whatever the letter's own limit was
                var stage = review.Stage == PetitionReviewStages.Recheck ? "复核" : "复查";
                var article = review.Stage == PetitionReviewStages.Recheck ? "第三十六条" : "第三十五条";
                var owed = PetitionReviewAnswerEnds(review.RequestedOn);
                steps.Add(new("petition_review_requested", review.RequestedOn, null, $"{review.RequestedOn:yyyy-MM-dd} 收到{stage}请求（答复于 {review.AnswerReceivedOn:yyyy-MM-dd} 收到）"));
                steps.Add(new("petition_review_within", owed, null, $"收到{stage}请求之日起 {PetitionTimeLimits.AnswerReviewWithin} 日内提出{stage}意见（信访工作条例{article}）→ {owed:yyyy-MM-dd}"));
                steps.Add(new("due", owed, null, $"{stage}意见期限为 {owed:yyyy-MM-dd}"));
                return new Deadline(owed, false, null, steps);
            }
            if (letter.AcceptedOn is not { } accepted)
            {
                var decide = AcceptanceEnds(letter, calendar);
                steps.Add(letter.Petition
                    ? new("petition_accept_within", decide, null, $"收到之日起 {PetitionTimeLimits.AcceptWithin} 日内受理或转送（信访工作条例第二十二条、第二十三条）→ {decide:yyyy-MM-dd}")
                    : new("accept_within", decide, letter.AcceptWithin, $"{letter.AcceptWithin} 个工作日内决定是否受理 → {decide:yyyy-MM-dd}"));
                return new Deadline(decide, false, null, steps);
            }
            var start = letter.ReopenedOn ?? accepted;
            steps.Add(letter.ReopenedOn is { } reopened
                ? new("reopened", reopened, null, $"{reopened:yyyy-MM-dd} 回访不满意，重新办理，期限重新计算")
                : new("accepted", accepted, null, $"{accepted:yyyy-MM-dd} 受理"));
            DateOnly due;
            if (letter.Petition)
            {
                due = PetitionFinishEnds(start);
                steps.Add(new("petition_finish_within", due, null, $"{PetitionTimeLimits.FinishWithin} 日内办结（信访工作条例第三十四条）→ {due:yyyy-MM-dd}"));
            }
            else
            {
                var within = letter.ReplyWithin ?? LetterTimeLimits.Default.ReplyWithin;
                due = ReplyEnds(start, within, calendar);
                steps.Add(new("reply_within", due, within, $"{within} 个工作日内答复 → {due:yyyy-MM-dd}"));
            }
            if (letter.Extension is { CalendarDays: { } days } petitionExt)
            {
                due = PetitionExtended(due, days);
                steps.Add(new("petition_extension", due, null, $"{petitionExt.ApprovedOn:yyyy-MM-dd} 批准延期 {days} 日（{petitionExt.Reason}，已告知来信人；信访工作条例第三十四条）→ {due:yyyy-MM-dd}"));
            }
            else if (letter.Extension is { } ext)
            {
                due = Applications.StatutoryClock.Extended(due, ext.WorkingDays, calendar);
                steps.Add(new("extension", due, ext.WorkingDays, $"{ext.ApprovedOn:yyyy-MM-dd} 批准延期 {ext.WorkingDays} 个工作日（{ext.Reason}）→ {due:yyyy-MM-dd}"));
            }
            steps.Add(new("due", due, null, letter.Petition ? $"办结期限为 {due:yyyy-MM-dd}" : $"答复期限为 {due:yyyy-MM-dd}"));
            return new Deadline(due, false, null, steps);
        }
        catch (CalendarNotAvailable gap)
        {
            steps.Add(new("calendar_gap", null, null, $"尚未载入 {gap.Year} 年节假日安排通知，无法计算期限"));
            return new Deadline(null, false, gap.Year, steps);
        }
    }
}
