using System.Reflection;

namespace Disclosure.Domain;

/// <summary>
/// The name under which an event type is stored. Events are the product's contract with its own past: the name is
/// written in every row of the event table and must not change when the C# record is renamed or moved. The values are
/// the names the stored streams already carry.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StoredNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public static string Of(Type type) => type.GetCustomAttribute<StoredNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"{type.Name} has no [StoredName]: every event type needs one.");

    public static string Of<T>() => Of(typeof(T));

    /// <summary>Every event type of the domain, by its stored name.</summary>
    public static IReadOnlyDictionary<string, Type> All { get; } = typeof(StoredNameAttribute).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<StoredNameAttribute>() is not null)
        .ToDictionary(Of, t => t);
}

/// <summary>Stored event names, defined once; labels and literals use these.</summary>
public static class EventNames
{
    // disclosure applications
    public const string ApplicationReceived = "application_received";
    public const string CorrectionRequested = "correction_requested";
    public const string CorrectionReceived = "correction_received";
    public const string CorrectionLapsed = "correction_lapsed";
    public const string ConsultationSent = "consultation_sent";
    public const string ConsultationReplied = "consultation_replied";
    public const string ConsultationLapsed = "consultation_lapsed";
    public const string ExtensionApproved = "extension_approved";
    public const string FeeNoticeSent = "fee_notice_sent";
    public const string FeePaid = "fee_paid";
    public const string FeeLapsed = "fee_lapsed";
    public const string ApplicationWithdrawn = "application_withdrawn";
    public const string DecisionRecorded = "decision_recorded";
    public const string DecisionCorrected = "decision_corrected";
    public const string ReviewFiled = "review_filed";
    public const string ReviewConcluded = "review_concluded";
    public const string ReviewOpened = "review_opened";
    public const string ReviewOutcomeRecorded = "review_outcome_recorded";
    public const string ApplicationTurnedIntoLetter = "application_turned_into_letter";
    public const string CarriedForward = "carried_forward";
    public const string CarryForwardReversed = "carry_forward_reversed";
    public const string DueDateRederived = "due_date_rederived";
    public const string PersonalDataErased = "personal_data_erased";
    public const string NoticeIssued = "notice_issued";
    public const string NoticeDelivered = "notice_delivered";
    public const string MailReturned = "mail_returned";
    public const string DeliveryFailed = "delivery_failed";
    public const string ApplicationRelated = "application_related";
    public const string ApplicationAssigned = "application_assigned";
    public const string ApplicationConfirmed = "application_confirmed";
    public const string SubmissionReturned = "submission_returned";
    public const string FilesAttached = "files_attached";
    public const string SubmissionWithdrawn = "submission_withdrawn";

    // review cases (行政复议, 行政诉讼, 上诉)
    public const string ReviewReceived = "review_received";
    public const string ReviewReplyFiled = "review_reply_filed";
    public const string ReviewDecided = "review_decided";
    public const string ReviewReplyDueRederived = "review_reply_due_rederived";
    public const string ReviewEvidenceKept = "review_evidence_kept";

    // mayor's mailbox letters
    public const string LetterReceived = "letter_received";
    public const string LetterAccepted = "letter_accepted";
    public const string LetterRejected = "letter_rejected";
    public const string LetterAssigned = "letter_assigned";
    public const string LetterReturned = "letter_returned";
    public const string LetterExtensionApproved = "letter_extension_approved";
    public const string LetterReplied = "letter_replied";
    public const string FeedbackRecorded = "feedback_recorded";
    public const string LetterClosed = "letter_closed";
    public const string LetterReclassified = "letter_reclassified";
    public const string LetterDueDateRederived = "letter_due_date_rederived";
    public const string LetterSupervised = "letter_supervised";
    public const string LetterRegisteredAsPetition = "letter_registered_as_petition";
    public const string PetitionReviewRequested = "petition_review_requested";
    public const string PetitionReviewAnswered = "petition_review_answered";

    // agencies, calendar, the report file
    public const string AgencyRegistered = "agency_registered";
    public const string ReminderSettingSet = "reminder_setting_set";
    public const string UndeliveredNoticeReminderSet = "undelivered_notice_reminder_set";
    public const string LetterTimeLimitsSet = "letter_time_limits_set";
    public const string RetentionSettingSet = "retention_setting_set";
    public const string HolidayNoticeLoaded = "holiday_notice_loaded";
    public const string ProactiveFiguresRecorded = "proactive_figures_recorded";
    public const string NarrativeRecorded = "narrative_recorded";
    public const string ReportPublished = "report_published";
    public const string YearClosed = "year_closed";

    // an agency's notices and fee
    public const string NoticeSettingsSet = "notice_settings_set";
    public const string FeePolicySet = "fee_policy_set";
    public const string NoticeTemplateSet = "notice_template_set";
    public const string NoticeTemplateReset = "notice_template_reset";
}
