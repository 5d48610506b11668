using System.Reflection;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Reporting;
using Disclosure.Domain.Reviews;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Contract;

/// <summary>Events are the product's contract with its own past: their stored names, and every case event handled by its case.</summary>
public class EventContractSpecs
{
    /// <summary>The names the stored streams carry. A rename of a C# record must not change any of them.</summary>
    private static readonly string[] StoredNames =
    [
        "agency_registered", "application_received", "application_turned_into_letter", "application_withdrawn", "carried_forward",
        "carry_forward_reversed", "consultation_lapsed", "consultation_replied", "consultation_sent", "correction_lapsed",
        "correction_received", "correction_requested", "decision_corrected", "decision_recorded", "due_date_rederived",
        "extension_approved", "fee_lapsed", "fee_notice_sent", "fee_paid", "feedback_recorded", "holiday_notice_loaded",
        "letter_accepted", "letter_assigned", "letter_closed", "letter_due_date_rederived", "letter_extension_approved",
        "letter_reclassified", "letter_received", "letter_rejected", "letter_replied", "letter_returned", "letter_time_limits_set",
        "narrative_recorded", "personal_data_erased", "proactive_figures_recorded", "reminder_setting_set", "report_published",
        "review_concluded", "review_filed", "year_closed", "notice_issued", "notice_delivered", "mail_returned", "delivery_failed",
        "notice_settings_set", "fee_policy_set", "notice_template_set", "notice_template_reset", "application_related", "retention_setting_set",
        "undelivered_notice_reminder_set", "application_assigned", "letter_supervised", "application_confirmed", "submission_returned",
        "review_opened", "review_outcome_recorded", "review_received", "review_reply_filed", "review_decided", "review_reply_due_rederived",
        "letter_registered_as_petition", "review_evidence_kept", "petition_review_requested", "petition_review_answered", "files_attached", "submission_withdrawn",
    ];

    [Fact]
    public void Every_stored_name_of_the_past_still_names_the_same_kind_of_event()
    {
        foreach (var name in StoredNames) Assert.True(StoredNameAttribute.All.ContainsKey(name), $"no event type is stored as '{name}' any more");
        // names are the snake case of the type names they were first stored under (Marten's derivation then)
        foreach (var name in StoredNames)
            Assert.Equal(name, string.Concat(StoredNameAttribute.All[name].Name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())));
    }

    [Fact]
    public void Every_event_type_has_one_explicit_unique_stored_name()
    {
        var eventTypes = typeof(ICaseEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && (typeof(ICaseEvent).IsAssignableFrom(t) || typeof(IAgencyEvent).IsAssignableFrom(t) || typeof(IReportFileEvent).IsAssignableFrom(t)))
            .ToList();
        Assert.NotEmpty(eventTypes);
        foreach (var type in eventTypes) Assert.NotNull(type.GetCustomAttribute<StoredNameAttribute>());
        Assert.Equal(StoredNameAttribute.All.Count, StoredNameAttribute.All.Values.Distinct().Count());
    }

    [Fact]
    public void Every_event_of_a_case_belongs_to_a_kind_of_case()
    {
        foreach (var type in StoredNameAttribute.All.Values.Where(t => typeof(ICaseEvent).IsAssignableFrom(t)))
            Assert.True(typeof(IApplicationEvent).IsAssignableFrom(type) || typeof(ILetterEvent).IsAssignableFrom(type)
                || typeof(IReviewEvent).IsAssignableFrom(type), $"{type.Name} belongs to no case");
    }

    /// <summary>One instance of every application event: a new event type fails here until the case folds it.</summary>
    private static readonly Dictionary<Type, object> ApplicationSamples = new object[]
    {
        Received(), new CorrectionRequested(D("2025-03-04"), ["x"], D("2025-03-14")), new CorrectionReceived(D("2025-03-10")),
        new CorrectionLapsed(D("2025-03-15"), "r", "natural_person"), new ConsultationSent(Guid.NewGuid(), D("2025-03-04"), "某公司"),
        new ConsultationReplied(Guid.NewGuid(), D("2025-03-06"), true), new ConsultationLapsed(Guid.NewGuid(), D("2025-03-25"), "r"),
        new ExtensionApproved(D("2025-03-20"), "主任", 10, "r"), new FeeNoticeSent(D("2025-03-05"), 100m, "per_page"), new FeePaid(D("2025-03-07")),
        new FeeLapsed(D("2025-04-05"), "r", "natural_person"), new ApplicationWithdrawn(D("2025-03-05"), null, "natural_person"),
        new DecisionRecorded(D("2025-03-20"), "disclosed", null, "natural_person"),
        new DecisionCorrected(D("2025-03-25"), "disclosed", D("2025-03-20"), "partially_disclosed", D("2025-03-20"), "r", "natural_person"),
        new ReviewFiled(Guid.NewGuid(), "reconsideration", D("2025-04-01")), new ReviewConcluded(Guid.NewGuid(), D("2025-05-01"), "upheld", "reconsideration", D("2025-04-01")),
        new ApplicationTurnedIntoLetter(D("2025-03-21"), Guid.NewGuid(), "SP-M2025-00001"), new CarriedForward(2025, 2026, "natural_person", "r"),
        new CarryForwardReversed(2025, 2026, "natural_person", D("2025-12-30"), "r"), new DueDateRederived(D("2025-03-10"), D("2025-03-31"), D("2025-04-01"), "r"),
        new PersonalDataErased(D("2025-06-01"), "r"),
        new Disclosure.Domain.Notices.NoticeIssued("answer", "SP公开〔2025〕1号", D("2025-03-20"), "sha256:x", "h"),
        new Disclosure.Domain.Notices.NoticeDelivered("SP公开〔2025〕1号", "direct", D("2025-03-21"), "张三", null, null, null, null),
        new Disclosure.Domain.Notices.MailReturned("SP公开〔2025〕1号", D("2025-03-25"), null, "r"),
        new Disclosure.Domain.Notices.DeliveryFailed("SP公开〔2025〕1号", D("2025-03-25"), "r"),
        new ApplicationRelated(D("2025-03-05"), Guid.NewGuid(), "SP-2024-00017", "same_request", "id_number", D("2024-11-04")),
        new ApplicationAssigned(D("2025-03-04"), "lin.handler", "法制科", null),
        new ApplicationConfirmed(D("2025-03-04"), new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.FromHours(8)), "natural_person"),
        new SubmissionReturned(D("2025-03-04"), new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.FromHours(8)), "r"),
        new FilesAttached(D("2025-03-04"), new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.FromHours(8)), "submission",
            [new AttachedFile(Guid.NewGuid(), "identity_proof", "id.jpg", "image/jpeg", 10, "ab")]),
        new SubmissionWithdrawn(D("2025-03-04"), new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.FromHours(8))),
        new ReviewOpened(Guid.NewGuid(), "SP-F2025-00001", "reconsideration", D("2025-04-01"), D("2025-04-03")),
        new ReviewOutcomeRecorded(Guid.NewGuid(), D("2025-05-01"), "revoked", "corrected", D("2025-05-20")),
    }.ToDictionary(e => e.GetType());

    private static readonly Dictionary<Type, object> ReviewSamples = new object[]
    {
        new ReviewReceived(Guid.NewGuid(), "sanchang-park", "SP-F2025-00001", Guid.NewGuid(), "SP-2025-00001", "reconsideration", "ordinary", D("2025-04-01"), D("2025-04-03")),
        new ReviewReplyFiled(D("2025-04-10"), ["答复书", "告知书"], D("2025-04-17"), false),
        new ReviewDecided(D("2025-05-01"), "upheld", "upheld", null, "reconsideration", D("2025-04-01")),
        new ReviewReplyDueRederived(D("2025-04-05"), D("2025-04-17"), D("2025-04-18"), "r"), new PersonalDataErased(D("2036-06-01"), "r"),
        new ReviewEvidenceKept(D("2025-04-10"), new DateTimeOffset(2025, 4, 10, 16, 0, 0, TimeSpan.FromHours(8)), "ab12", 1024, 3),
    }.ToDictionary(e => e.GetType());

    [Fact]
    public void The_review_case_folds_every_review_event()
    {
        var types = StoredNameAttribute.All.Values.Where(t => typeof(IReviewEvent).IsAssignableFrom(t)).ToList();
        Assert.Empty(types.Except(ReviewSamples.Keys).Select(t => t.Name));
        foreach (var type in types)
        {
            var review = ReviewCase.From([ReviewSamples[typeof(ReviewReceived)]]);
            var error = Record.Exception(() => review.Fold(ReviewSamples[type]));
            Assert.False(error is UnhandledEvent, $"{type.Name}: {error?.Message}");
        }
    }

    private static readonly Dictionary<Type, object> LetterSamples = new object[]
    {
        new LetterReceived(Guid.NewGuid(), "sanchang-park", "SP-M2025-00001", "h", "online", "help", "s", "b", new Writer("赵六", null, null), D("2025-03-03"), false, 3),
        new LetterAccepted(D("2025-03-04"), 15), new LetterRejected(D("2025-03-04"), "other", null), new LetterAssigned("环保局", D("2025-03-04")),
        new LetterReturned("环保局", D("2025-03-05"), "r"), new LetterExtensionApproved(D("2025-03-10"), 5, "r"),
        new LetterReplied(D("2025-03-12"), "t", false, D("2025-03-25"), 7, "help", "环保局", 1), new FeedbackRecorded(D("2025-03-15"), "satisfied"),
        new LetterClosed(D("2025-03-16")), new LetterReclassified(D("2025-03-04"), Guid.NewGuid(), "SP-2025-00001"),
        new LetterDueDateRederived(D("2025-03-10"), D("2025-03-06"), D("2025-03-07"), "r"), new PersonalDataErased(D("2025-06-01"), "r"),
        new LetterSupervised(D("2025-03-05"), D("2025-03-12"), "n"), new LetterRegisteredAsPetition(D("2025-03-04"), "r"),
        new PetitionReviewRequested("reexamination", D("2025-04-01"), D("2025-03-13"), D("2025-05-01")), new PetitionReviewAnswered("reexamination", D("2025-04-20"), "t", true),
    }.ToDictionary(e => e.GetType());

    [Fact]
    public void The_application_folds_every_application_event()
    {
        var types = StoredNameAttribute.All.Values.Where(t => typeof(IApplicationEvent).IsAssignableFrom(t)).ToList();
        Assert.Empty(types.Except(ApplicationSamples.Keys).Select(t => t.Name));
        foreach (var type in types)
        {
            var app = Application.From([Received()]);
            var error = Record.Exception(() => app.Fold(ApplicationSamples[type]));
            Assert.False(error is UnhandledEvent, $"{type.Name}: {error?.Message}");
        }
    }

    [Fact]
    public void The_letter_folds_every_letter_event()
    {
        var types = StoredNameAttribute.All.Values.Where(t => typeof(ILetterEvent).IsAssignableFrom(t)).ToList();
        Assert.Empty(types.Except(LetterSamples.Keys).Select(t => t.Name));
        foreach (var type in types)
        {
            var letter = Letter.From([LetterSamples[typeof(LetterReceived)]]);
            var error = Record.Exception(() => letter.Fold(LetterSamples[type]));
            Assert.False(error is UnhandledEvent, $"{type.Name}: {error?.Message}");
        }
    }

    [Fact]
    public void A_case_refuses_to_fold_an_event_it_does_not_know() =>
        Assert.Throws<UnhandledEvent>(() => Application.From([Received(), new HolidayNoticeLoaded(2025, "n", [], [], "r", DateTimeOffset.UnixEpoch)]));
}
