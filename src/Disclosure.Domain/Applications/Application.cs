using Disclosure.Domain.Calendar;

namespace Disclosure.Domain.Applications;

public sealed class CorrectionStep
{
    public DateOnly SentOn { get; set; }
    public List<string> Items { get; set; } = [];
    public DateOnly CorrectBy { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public DateOnly? LapsedOn { get; set; }
}

public sealed class Consultation
{
    public Guid Id { get; set; }
    public string Party { get; set; } = "";
    public DateOnly SentOn { get; set; }
    public DateOnly? RepliedOn { get; set; }
    public bool? Consents { get; set; }
    public DateOnly? LapsedOn { get; set; }
    public bool IsOpen => RepliedOn is null && LapsedOn is null;
}

public sealed class Extension
{
    public DateOnly ApprovedOn { get; set; }
    public string ApprovedBy { get; set; } = "";
    public int WorkingDays { get; set; }
    public string Reason { get; set; } = "";
}

public sealed class FeeStep
{
    public DateOnly SentOn { get; set; }
    public decimal AmountYuan { get; set; }
    public string Basis { get; set; } = "";
    public DateOnly? PaidOn { get; set; }
    public DateOnly? LapsedOn { get; set; }
}

public sealed class Answer
{
    public DateOnly DecidedOn { get; set; }
    public string Outcome { get; set; } = "";
    public string? Note { get; set; }
    /// <summary>The stored name of the event that gave the answer: decision_recorded or decision_corrected, application_withdrawn, correction_lapsed, fee_lapsed.</summary>
    public string ClosedBy { get; set; } = "";
}

public sealed class IssuedNotice
{
    public string Kind { get; set; } = "";
    public string Number { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public string TemplateVersion { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public List<Notices.NoticeDelivered> Deliveries { get; set; } = [];
    public List<Notices.MailReturned> Returns { get; set; } = [];
    public List<Notices.DeliveryFailed> Failures { get; set; } = [];
}

/// <summary>An earlier application this one was linked to by a handler (<see cref="ApplicationRelated"/>).</summary>
public sealed class ReturnedSubmission
{
    public DateOnly On { get; set; }
    public DateTimeOffset At { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>Ended by the applicant's withdrawal (<see cref="SubmissionWithdrawn"/>), not returned by the agency.</summary>
    public bool ByApplicant { get; set; }
}

/// <summary>A file attached to the case (<see cref="FilesAttached"/>): what describes it; the bytes are stored beside the case.</summary>
public sealed class CaseAttachment
{
    public Guid Id { get; set; }
    public string Purpose { get; set; } = "";
    public string Name { get; set; } = "";
    public string MediaType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string Occasion { get; set; } = "";
    public DateTimeOffset At { get; set; }
    /// <summary>Its bytes were deleted with the case's personal data.</summary>
    public bool Erased { get; set; }
}

public sealed class CaseRelation
{
    public Guid CaseId { get; set; }
    public string TrackingNumber { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? MatchedBy { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly On { get; set; }
}

public sealed class Review
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public DateOnly FiledOn { get; set; }
    public DateOnly? ConcludedOn { get; set; }
    public string? Result { get; set; }
    /// <summary>The review has its own case (stream id = <see cref="Id"/>); reviews recorded before review cases have none.</summary>
    public string? CaseNumber { get; set; }
    public string? Outcome { get; set; }
}

/// <summary>重新答复: a review decision set the application's answer aside and requires a new one by <see cref="DueOn"/>.</summary>
public sealed class NewAnswerStep
{
    public Guid ReviewId { get; set; }
    public DateOnly OrderedOn { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>The new answer's date: a corrected answer (更正答复) or, for a case never answered, the first answer, on or after the order.</summary>
    public DateOnly? AnsweredOn { get; set; }
}

/// <summary>
/// A disclosure application (政府信息公开申请) as the handlers see it: the facts of its events,
/// folded in order. <see cref="DueOn"/>, <see cref="Deadline"/> and <see cref="Warnings"/> are a cached view
/// of <see cref="StatutoryClock"/>, recomputed after every event.
/// </summary>
public sealed class Application : ITrackedCase
{
    public Guid Id { get; set; }
    public string Agency { get; set; } = "";
    public string TrackingNumber { get; set; } = "";
    public string Channel { get; set; } = "";
    public Applicant Applicant { get; set; } = new("", "", null, null, null, null);
    public string Description { get; set; } = "";
    public string? DocumentNumber { get; set; }
    public string? InformationForm { get; set; }
    public string? ObtainBy { get; set; }
    public bool? OtherWayAcceptable { get; set; }
    public bool? ElectronicConsent { get; set; }
    /// <summary>The hash of the applicant's query code (none for cases logged before applications had one).</summary>
    public string? QueryCodeHash { get; set; }
    public DateOnly? SubmittedOn { get; set; }
    /// <summary>Submitted online and not confirmed yet (条例第三十一条): no receipt date, no clock.</summary>
    public bool AwaitingConfirmation { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>When the agency confirmed an online application (its day is <see cref="ReceivedOn"/>).</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>An online submission returned as not an application, with the reason.</summary>
    public ReturnedSubmission? Returned { get; set; }
    /// <summary>Files the applicant attached online (proof of identity, other papers).</summary>
    public List<CaseAttachment> Attachments { get; set; } = [];
    public DateOnly ReceivedOn { get; set; }
    public int ReceivedYear { get; set; }
    public CorrectionStep? Correction { get; set; }
    public List<Consultation> Consultations { get; set; } = [];
    public Extension? Extension { get; set; }
    public FeeStep? Fee { get; set; }
    public Answer? Answer { get; set; }
    public List<Answer> SupersededAnswers { get; set; } = [];
    public List<Review> Reviews { get; set; } = [];
    /// <summary>The new answer a review decision requires (重新答复), if any; pending while <see cref="NewAnswerStep.AnsweredOn"/> is null.</summary>
    public NewAnswerStep? NewAnswer { get; set; }
    /// <summary>Earlier applications a handler linked this one to (重复申请, 同一申请人).</summary>
    public List<CaseRelation> Relations { get; set; } = [];
    /// <summary>The written notices issued on the case (条例第四十五条: kept as issued), with their delivery.</summary>
    public List<IssuedNotice> Notices { get; set; } = [];
    public DateOnly? PersonalDataErasedOn { get; set; }
    /// <summary>Years at whose end the case was carried forward (and not reversed).</summary>
    public List<int> CarriedForwardFrom { get; set; } = [];
    /// <summary>Years whose report tally an event of this case changed: the candidates of a report cell's drill-down.</summary>
    public List<int> ReportYears { get; set; } = [];
    public Guid? FromLetterId { get; set; }
    public string? FromLetterNumber { get; set; }
    public Guid? LetterId { get; set; }
    public string? LetterNumber { get; set; }
    public string Status { get; set; } = ApplicationStatuses.Received;
    public bool IsOpen { get; set; } = true;
    /// <summary>承办人: the user (the <c>sub</c> of their sign-in) the case is assigned to (<see cref="ApplicationAssigned"/>); none until assigned.</summary>
    public string? Handler { get; set; }
    /// <summary>承办部门: the department of the agency the case is assigned to; none until assigned.</summary>
    public string? Department { get; set; }

    // cached view of the statutory clock
    public DateOnly? DueOn { get; set; }
    public Deadline? Deadline { get; set; }
    public List<ComplianceWarning> Warnings { get; set; } = [];

    public long Version { get; set; }

    public static Application From(IEnumerable<object> events, WorkingDayCalendar? calendar = null, ClockSettings? settings = null)
    {
        var app = new Application();
        foreach (var e in events) app.Fold(e);
        if (calendar is not null) app.Refresh(calendar, settings ?? ClockSettings.Default);
        return app;
    }

    /// <summary>Folds one event into the state. Events are facts: nothing here refuses.</summary>
    public void Fold(object @event)
    {
        switch (@event)
        {
            case ApplicationReceived e:
                Id = e.ApplicationId; Agency = e.Agency; TrackingNumber = e.TrackingNumber; Channel = e.Channel;
                Applicant = e.Applicant; Description = e.Description; SubmittedOn = e.SubmittedOn;
                ReceivedOn = e.ReceivedOn; ReceivedYear = e.ReceivedOn.Year;
                FromLetterId = e.FromLetterId; FromLetterNumber = e.FromLetterNumber;
                QueryCodeHash = e.QueryCodeHash; DocumentNumber = e.DocumentNumber; InformationForm = e.InformationForm; ObtainBy = e.ObtainBy;
                OtherWayAcceptable = e.OtherWayAcceptable; ElectronicConsent = e.ElectronicConsent;
                AwaitingConfirmation = e.AwaitsConfirmation == true; SubmittedAt = e.SubmittedAt;
                break;
            case ApplicationConfirmed e:
                AwaitingConfirmation = false; ConfirmedAt = e.ConfirmedAt; ReceivedOn = e.ConfirmedOn; ReceivedYear = e.ConfirmedOn.Year;
                break;
            case SubmissionReturned e:
                AwaitingConfirmation = false; IsOpen = false;
                Returned = new ReturnedSubmission { On = e.On, At = e.At, Reason = e.Reason };
                break;
            case SubmissionWithdrawn e:
                AwaitingConfirmation = false; IsOpen = false;
                Returned = new ReturnedSubmission { On = e.On, At = e.At, ByApplicant = true };
                break;
            case FilesAttached e:
                Attachments.AddRange(e.Files.Select(f => new CaseAttachment
                {
                    Id = f.Id, Purpose = f.Purpose, Name = f.Name, MediaType = f.MediaType, Size = f.Size, Sha256 = f.Sha256, Occasion = e.Occasion, At = e.At,
                }));
                break;
            case ApplicationAssigned e:
                Handler = e.Handler; Department = e.Department;
                break;
            case ApplicationTurnedIntoLetter e:
                LetterId = e.LetterId; LetterNumber = e.LetterNumber;
                break;
            case CorrectionRequested e:
                Correction = new CorrectionStep { SentOn = e.SentOn, Items = e.Items.ToList(), CorrectBy = e.CorrectBy };
                break;
            case CorrectionReceived e:
                if (Correction is not null) Correction.ReceivedOn = e.ReceivedOn;
                break;
            case CorrectionLapsed e:
                if (Correction is not null) Correction.LapsedOn = e.On;
                Close(e.On, Outcomes.OtherNoCorrection, EventNames.CorrectionLapsed, e.Rule);
                break;
            case ConsultationSent e:
                Consultations.Add(new Consultation { Id = e.ConsultationId, Party = e.Party, SentOn = e.SentOn });
                break;
            case ConsultationReplied e:
                if (Consultations.FirstOrDefault(c => c.Id == e.ConsultationId) is { } replied) { replied.RepliedOn = e.ReceivedOn; replied.Consents = e.Consents; }
                break;
            case ConsultationLapsed e:
                if (Consultations.FirstOrDefault(c => c.Id == e.ConsultationId) is { } lapsed) lapsed.LapsedOn = e.On;
                break;
            case ExtensionApproved e:
                Extension = new Extension { ApprovedOn = e.ApprovedOn, ApprovedBy = e.ApprovedBy, WorkingDays = e.WorkingDays, Reason = e.Reason };
                break;
            case FeeNoticeSent e:
                Fee = new FeeStep { SentOn = e.SentOn, AmountYuan = e.AmountYuan, Basis = e.Basis };
                break;
            case FeePaid e:
                if (Fee is not null) Fee.PaidOn = e.PaidOn;
                break;
            case FeeLapsed e:
                if (Fee is not null) Fee.LapsedOn = e.On;
                Close(e.On, Outcomes.OtherFeeUnpaid, EventNames.FeeLapsed, e.Rule);
                break;
            case ApplicationWithdrawn e:
                Close(e.On, Outcomes.OtherOther, EventNames.ApplicationWithdrawn, e.Reason);
                break;
            case DecisionRecorded e:
                Close(e.DecidedOn, e.Outcome, EventNames.DecisionRecorded, e.Note);
                if (NewAnswer is { AnsweredOn: null } ordered && e.DecidedOn >= ordered.OrderedOn) ordered.AnsweredOn = e.DecidedOn;
                break;
            case DecisionCorrected e:
                if (Answer is not null) SupersededAnswers.Add(Answer);
                Answer = new Answer { DecidedOn = e.DecidedOn, Outcome = e.Outcome, Note = e.Reason, ClosedBy = EventNames.DecisionCorrected };
                // the new answer a review required is recorded as a correction of the old one: table 三 moves its count
                // instead of counting the application twice (its rows must still add up to the applications received)
                if (NewAnswer is { AnsweredOn: null } redo && e.CorrectedOn >= redo.OrderedOn) redo.AnsweredOn = e.CorrectedOn;
                break;
            case ReviewFiled e:
                Reviews.Add(new Review { Id = e.ReviewId, Kind = e.Kind, FiledOn = e.FiledOn });
                break;
            case ReviewConcluded e:
                if (Reviews.FirstOrDefault(r => r.Id == e.ReviewId) is { } review) { review.ConcludedOn = e.ConcludedOn; review.Result = e.Result; }
                break;
            case ReviewOpened e:
                Reviews.Add(new Review { Id = e.ReviewId, Kind = e.Kind, FiledOn = e.FiledOn, CaseNumber = e.ReviewNumber });
                break;
            case ReviewOutcomeRecorded e:
                if (Reviews.FirstOrDefault(r => r.Id == e.ReviewId) is { } decided) { decided.ConcludedOn = e.DecidedOn; decided.Result = e.Result; decided.Outcome = e.Outcome; }
                if (e.NewAnswerBy is { } by) NewAnswer = new NewAnswerStep { ReviewId = e.ReviewId, OrderedOn = e.DecidedOn, DueOn = by };
                break;
            case PersonalDataErased e:
                // the case forgets what PersonalData.Masked blanks in its stored events
                Applicant = Applicant.Erased(); Description = PersonalDataErased.Placeholder; PersonalDataErasedOn = e.On;
                if (Returned is { ByApplicant: false }) Returned.Reason = PersonalDataErased.Placeholder;
                foreach (var file in Attachments) { file.Name = PersonalDataErased.Placeholder; file.Sha256 = ""; file.Erased = true; }
                foreach (var answer in SupersededAnswers.Append(Answer)) if (answer?.Note is not null) answer.Note = PersonalDataErased.Placeholder;
                foreach (var consultation in Consultations) consultation.Party = PersonalDataErased.Placeholder;
                if (Correction is not null) Correction.Items = Correction.Items.Select(_ => PersonalDataErased.Placeholder).ToList();
                if (Extension is not null) Extension.Reason = PersonalDataErased.Placeholder;
                foreach (var notice in Notices)
                {
                    notice.Deliveries = notice.Deliveries.Select(d => PersonalData.Masked(d) as Notices.NoticeDelivered ?? d).ToList();
                    notice.Returns = notice.Returns.Select(r => (Notices.MailReturned)PersonalData.Masked(r)!).ToList();
                    notice.Failures = notice.Failures.Select(f => (Notices.DeliveryFailed)PersonalData.Masked(f)!).ToList();
                }
                break;
            case ApplicationRelated e:
                Relations.Add(new CaseRelation { CaseId = e.RelatedTo, TrackingNumber = e.RelatedNumber, Kind = e.Kind, MatchedBy = e.MatchedBy, ReceivedOn = e.RelatedReceivedOn, On = e.On });
                break;
            case CarriedForward e:
                if (!CarriedForwardFrom.Contains(e.FromYear)) CarriedForwardFrom.Add(e.FromYear);
                break;
            case CarryForwardReversed e:
                CarriedForwardFrom.Remove(e.FromYear);
                break;
            case DueDateRederived:
                break; // the clock is recomputed from the facts; this event only records why it moved
            case Notices.NoticeIssued e:
                Notices.Add(new IssuedNotice { Kind = e.Kind, Number = e.Number, IssuedOn = e.IssuedOn, TemplateVersion = e.TemplateVersion, ContentHash = e.ContentHash });
                break;
            case Notices.NoticeDelivered e:
                if (Notices.FirstOrDefault(n => n.Number == e.Number) is { } delivered) delivered.Deliveries.Add(e);
                break;
            case Notices.MailReturned e:
                if (Notices.FirstOrDefault(n => n.Number == e.Number) is { } returned) returned.Returns.Add(e);
                break;
            case Notices.DeliveryFailed e:
                if (Notices.FirstOrDefault(n => n.Number == e.Number) is { } failed) failed.Failures.Add(e);
                break;
            default:
                throw new UnhandledEvent(typeof(Application), @event);
        }
        foreach (var year in Reporting.YearTally.YearsOf(@event))
            if (!ReportYears.Contains(year)) ReportYears.Add(year);
        Status = DeriveStatus();
    }

    private void Close(DateOnly on, string outcome, string closedBy, string? note)
    {
        Answer = new Answer { DecidedOn = on, Outcome = outcome, Note = note, ClosedBy = closedBy };
        IsOpen = false;
    }

    private string DeriveStatus()
    {
        if (Returned is { ByApplicant: true }) return ApplicationStatuses.Withdrawn;
        if (Returned is not null) return ApplicationStatuses.Returned;
        if (AwaitingConfirmation) return ApplicationStatuses.AwaitingConfirmation;
        if (Answer is not null)
            return Answer.ClosedBy switch
            {
                EventNames.ApplicationWithdrawn => ApplicationStatuses.Withdrawn,
                EventNames.CorrectionLapsed or EventNames.FeeLapsed => ApplicationStatuses.Abandoned,
                _ => ApplicationStatuses.Answered,
            };
        if (Correction is { ReceivedOn: null, LapsedOn: null }) return ApplicationStatuses.AwaitingCorrection;
        if (Fee is { PaidOn: null, LapsedOn: null }) return ApplicationStatuses.AwaitingFee;
        if (Consultations.Any(c => c.IsOpen)) return ApplicationStatuses.InConsultation;
        return ApplicationStatuses.Received;
    }

    /// <summary>Recomputes the cached clock view with the calendar in force.</summary>
    public void Refresh(WorkingDayCalendar calendar, ClockSettings settings)
    {
        Deadline = StatutoryClock.Derive(this, calendar, settings);
        DueOn = Deadline.DueOn;
        Warnings = Compliance.Check(this, calendar, settings).ToList();
    }

    public bool IsOverdue(DateOnly today) => IsOpen && DueOn is { } due && today > due;
}
