using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;

namespace Disclosure.Domain.Letters;

/// <summary>The mailbox loop as pure functions: (letter, command, today) → event, or a <see cref="Refusal"/>.</summary>
public static class LetterDecider
{
    public static LetterReceived Receive(Guid id, string agency, string trackingNumber, string queryCodeHash, string? channel, string? category,
        string? subject, string? body, Writer writer, DateOnly receivedOn, bool publicConsent, LetterTimeLimits limits, DateOnly today,
        bool petition = false)
    {
        LetterChannels.All.Require("channel", channel);
        LetterCategories.All.Require("category", category);
        if (string.IsNullOrWhiteSpace(subject)) throw Refusal.Invalid("subject", "A letter has a subject.");
        if (string.IsNullOrWhiteSpace(body)) throw Refusal.Invalid("body", "A letter has a body.");
        if (receivedOn > today) throw Refusal.Invalid("receivedOn", $"{receivedOn:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");
        return new LetterReceived(id, agency, trackingNumber, queryCodeHash, channel!, category!, subject.Trim(), body.Trim(),
            writer with { Name = writer.Name.Trim() }, receivedOn, publicConsent, limits.AcceptWithin, Petition: petition);
    }

    /// <summary>
    /// A letter written online by the writer (<c>/letters/new</c>), on the mailbox form as practised (<see cref="MailboxForm"/>):
    /// a real name and a phone number, one of the four online types, a title of 10 to 25 characters, a body of at most 600,
    /// and the writer's own choice whether the reply may be published (no default: the writer must say). Received today,
    /// through the online channel.
    /// </summary>
    public static LetterReceived Submit(Guid id, string agency, string trackingNumber, string queryCodeHash, string? category,
        string? subject, string? body, Writer writer, bool? publicConsent, DateTimeOffset submittedAt, LetterTimeLimits limits, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(writer.Name)) throw Refusal.Invalid("writer.name", "A letter written online carries the writer's real name.");
        if (string.IsNullOrWhiteSpace(writer.Phone)) throw Refusal.Invalid("writer.phone", "A letter written online carries the writer's phone number.");
        if (!PlausiblePhone(writer.Phone)) throw Refusal.Invalid("writer.phone", "A phone number of 7 to 15 digits (a mobile number, or a landline with its area code).");
        if (writer.Email is { } email && !PlausibleEmail(email)) throw Refusal.Invalid("writer.email", "An e-mail address such as name@example.cn.");
        MailboxForm.Categories.Require("category", category);
        var title = subject?.Trim() ?? "";
        if (title.Length is < MailboxForm.SubjectMin or > MailboxForm.SubjectMax)
            throw Refusal.Invalid("subject", $"A title of {MailboxForm.SubjectMin} to {MailboxForm.SubjectMax} characters (this one has {title.Length}).");
        var text = body?.Trim() ?? "";
        if (text.Length == 0) throw Refusal.Invalid("body", "A letter has a body.");
        if (text.Length > MailboxForm.BodyMax) throw Refusal.Invalid("body", $"At most {MailboxForm.BodyMax} characters (this one has {text.Length}).");
        if (publicConsent is not { } consent) throw Refusal.Invalid("publicConsent", "Say whether the reply may be published.");
        return Receive(id, agency, trackingNumber, queryCodeHash, "online", category, title, text,
            writer with { Phone = writer.Phone.Trim() }, today, consent, limits, today) with { SubmittedAt = submittedAt };
    }

    /// <summary>One @, something before it, a dotted domain after it, no spaces.</summary>
    public static bool PlausibleEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }

    /// <summary>Digits, with an optional +86/0086 and spaces or hyphens between groups: 7 to 15 digits in all.</summary>
    public static bool PlausiblePhone(string phone)
    {
        var digits = 0;
        foreach (var c in phone.Trim())
        {
            if (char.IsAsciiDigit(c)) digits++;
            else if (c is not (' ' or '-' or '+')) return false;
        }
        return digits is >= 7 and <= 15 && phone.Trim().LastIndexOf('+') <= 0;
    }

    public static LetterAccepted Accept(Letter letter, DateOnly on, LetterTimeLimits limits, DateOnly today)
    {
        Dated(letter, "on", on, today);
        Expect(letter, "accepted", LetterStatuses.Received);
        // a 信访 letter is finished within 60 days of 受理 (信访工作条例第三十四条), whatever the agency's own limit
        return new LetterAccepted(on, letter.Petition ? PetitionTimeLimits.FinishWithin : limits.ReplyWithin);
    }

    public static LetterRejected Reject(Letter letter, DateOnly on, string? reason, string? note, DateOnly today)
    {
        RejectionReasons.All.Require("reason", reason);
        Dated(letter, "on", on, today);
        Expect(letter, "refused", LetterStatuses.Received);
        return new LetterRejected(on, reason!, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
    }

    public static LetterAssigned Assign(Letter letter, string? department, DateOnly on, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(department)) throw Refusal.Invalid("department", "Name the department the letter is assigned to.");
        Dated(letter, "on", on, today);
        Expect(letter, "assigned", LetterStatuses.Accepted, LetterStatuses.Returned, LetterStatuses.Reopened);
        if (letter.Status == LetterStatuses.Reopened && letter.Department is not null) throw Refusal.Conflict("The letter is already with a department.");
        return new LetterAssigned(department.Trim(), on);
    }

    /// <summary>The department objects and returns the letter — within <see cref="LetterTimeLimits.ReturnWithin"/> working days of the assignment.</summary>
    public static LetterReturned Return(Letter letter, DateOnly on, string? reason, WorkingDayCalendar calendar, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("reason", "Say why the department returns the letter.");
        Dated(letter, "on", on, today);
        if (letter.Department is not { } department || letter.Status != LetterStatuses.Assigned)
            throw Refusal.Conflict($"Only a letter with a department can be returned; this one is {letter.Status}.");
        var assigned = letter.Assignments[^1].On;
        if (on < assigned) throw Refusal.Invalid("on", "A letter cannot be returned before it was assigned.");
        DateOnly limit;
        try { limit = LetterClock.ReturnEnds(assigned, calendar); }
        catch (CalendarNotAvailable gap) { throw Refusal.Invalid("on", gap.Message); }
        if (on > limit)
            throw Refusal.Conflict($"A department may return a letter within {LetterTimeLimits.ReturnWithin} working days of the assignment ({assigned:yyyy-MM-dd}), that is by {limit:yyyy-MM-dd}; after that it handles it.");
        return new LetterReturned(department, on, reason.Trim());
    }

    /// <summary>The letter's due date as the calendar in force derives it, if it moved from the stored one.</summary>
    public static LetterDueDateRederived? Rederive(Letter current, DateOnly? storedDueOn, string reason, DateOnly today) =>
        !current.AwaitingAction || current.DueOn == storedDueOn ? null : new LetterDueDateRederived(today, storedDueOn, current.DueOn, reason);

    /// <summary>
    /// 延期, approved once: an ordinary letter by 1 to <see cref="LetterTimeLimits.MaxExtension"/> working days; a 信访 letter by
    /// 1 to <see cref="PetitionTimeLimits.MaxExtension"/> calendar days (信访工作条例第三十四条), with the reason told to the writer.
    /// </summary>
    public static LetterExtensionApproved Extend(Letter letter, DateOnly approvedOn, int? workingDays, int? calendarDays, string? reason, DateOnly today)
    {
        if (letter.Petition)
        {
            if (workingDays is not null) throw Refusal.Invalid("workingDays", "A 信访 letter is extended in calendar days (信访工作条例第三十四条): give calendarDays, not workingDays.");
            if (calendarDays is not (>= 1 and <= PetitionTimeLimits.MaxExtension))
                throw Refusal.Invalid("calendarDays", $"A 信访 letter may be extended by 1 to {PetitionTimeLimits.MaxExtension} days (信访工作条例第三十四条).");
        }
        else
        {
            if (calendarDays is not null) throw Refusal.Invalid("calendarDays", "Only a letter registered as 信访 is extended in calendar days; give workingDays.");
            if (workingDays is not (>= 1 and <= LetterTimeLimits.MaxExtension)) throw Refusal.Invalid("workingDays", $"1 to {LetterTimeLimits.MaxExtension} working days.");
        }
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("reason", "Give the reason for the extension.");
        Dated(letter, "approvedOn", approvedOn, today);
        Expect(letter, "extended", LetterStatuses.Accepted, LetterStatuses.Assigned, LetterStatuses.Returned, LetterStatuses.Reopened);
        if (letter.Extension is not null) throw Refusal.Conflict($"An extension was already approved on {letter.Extension.ApprovedOn:yyyy-MM-dd}.");
        return letter.Petition
            ? new LetterExtensionApproved(approvedOn, 0, reason.Trim(), calendarDays)
            : new LetterExtensionApproved(approvedOn, workingDays!.Value, reason.Trim());
    }

    /// <summary>
    /// 登记为信访: a letter received as an ordinary one is registered as a 信访事项, while it is still open and before any
    /// extension (an extension in working days cannot be carried into the calendar-day rule).
    /// </summary>
    public static LetterRegisteredAsPetition RegisterAsPetition(Letter letter, DateOnly on, string? reason, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("reason", "Say why the letter is a 信访事项.");
        Dated(letter, "on", on, today);
        if (letter.Petition) throw Refusal.Conflict($"The letter is already registered as 信访 (on {letter.RegisteredAsPetitionOn:yyyy-MM-dd}).");
        Expect(letter, "registered as 信访", LetterStatuses.Received, LetterStatuses.Accepted, LetterStatuses.Assigned, LetterStatuses.Returned);
        if (letter.Extension is not null) throw Refusal.Conflict($"An extension in working days was approved on {letter.Extension.ApprovedOn:yyyy-MM-dd}; the letter can no longer be registered as 信访.");
        return new LetterRegisteredAsPetition(on, reason.Trim());
    }

    public static LetterReplied Reply(Letter letter, DateOnly on, string? text, bool publish, WorkingDayCalendar calendar, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Refusal.Invalid("text", "A reply has a text.");
        Dated(letter, "on", on, today);
        Expect(letter, "answered", LetterStatuses.Accepted, LetterStatuses.Assigned, LetterStatuses.Reopened);
        int taken;
        try { taken = calendar.CountWorkingDays(letter.ReceivedOn, on); }
        catch (CalendarNotAvailable gap) { throw Refusal.Invalid("on", gap.Message); }
        return new LetterReplied(on, text.Trim(), publish && letter.PublicConsent, letter.DueOn, taken, letter.Category,
            letter.Department ?? letter.Assignments.LastOrDefault()?.Department, letter.Round);
    }

    public static FeedbackRecorded RecordFeedback(Letter letter, DateOnly on, string? satisfaction, DateOnly today)
    {
        Satisfactions.All.Require("satisfaction", satisfaction);
        Dated(letter, "on", on, today);
        Expect(letter, "followed up", LetterStatuses.Replied);
        if (on < letter.Replies[^1].On) throw Refusal.Invalid("on", "Feedback follows the reply.");
        return new FeedbackRecorded(on, satisfaction!);
    }

    public static LetterClosed Close(Letter letter, DateOnly on, DateOnly today)
    {
        Dated(letter, "on", on, today);
        Expect(letter, "closed", LetterStatuses.Replied);
        return new LetterClosed(on);
    }

    /// <summary>
    /// The letter is really a disclosure application (条例第二十九条): it becomes one whose legal receipt date is the
    /// letter's, with the writer as a natural-person applicant and the subject and body as the request.
    /// </summary>
    public static IReadOnlyList<object> Reclassify(Letter letter, DateOnly on, Guid applicationId, string applicationNumber, DateOnly today)
    {
        Dated(letter, "on", on, today);
        Expect(letter, "turned into a disclosure application", LetterStatuses.Received, LetterStatuses.Accepted, LetterStatuses.Assigned, LetterStatuses.Returned);
        var applicant = new Applicant(ApplicantCategories.NaturalPerson, letter.Writer.Name, null, letter.Writer.Phone, letter.Writer.Email, null);
        var received = ApplicationDecider.Receive(applicationId, letter.Agency, applicationNumber, ApplicationChannelOf(letter.Channel), applicant,
            $"{letter.Subject}\n{letter.Body}", letter.ReceivedOn, letter.ReceivedOn, today)
            with { FromLetterId = letter.Id, FromLetterNumber = letter.TrackingNumber };
        return [new LetterReclassified(on, applicationId, applicationNumber), new CaseOpened(applicationId, received)];
    }

    /// <summary>The application channel a letter's channel corresponds to (a hotline hand-over is "other").</summary>
    public static string ApplicationChannelOf(string letterChannel) => letterChannel switch
    {
        "online" or "post" or "in_person" or "email" => letterChannel,
        _ => "other",
    };

    /// <summary>督办: only a letter still waiting for an answer; the day to answer by is on or after the day it is flagged.</summary>
    public static LetterSupervised Supervise(Letter letter, DateOnly on, DateOnly replyBy, string? note, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(note)) throw Refusal.Invalid("note", "Say what the supervisor asks of the department.");
        Dated(letter, "on", on, today);
        if (replyBy < on) throw Refusal.Invalid("replyBy", $"The day to answer by ({replyBy:yyyy-MM-dd}) is on or after the day of the 督办 ({on:yyyy-MM-dd}).");
        Expect(letter, "supervised", LetterStatuses.Received, LetterStatuses.Accepted, LetterStatuses.Assigned, LetterStatuses.Returned, LetterStatuses.Reopened);
        return new LetterSupervised(on, replyBy, note.Trim());
    }

    /// <summary>
    /// 信访: the petitioner asks for a 复查 of the answer — within 30 days of receiving it (信访工作条例第三十五条) — or, once the
    /// 复查意见 is given, for a 复核 within 30 days of receiving that (第三十六条). After the 复核意见 nothing more is taken up on
    /// the same facts and grounds (第三十六条第三款). <paramref name="answerReceivedOn"/>: the day the answer was received (its date
    /// when not given); calendar days, the day of receipt not counted.
    /// </summary>
    public static PetitionReviewRequested RequestPetitionReview(Letter letter, DateOnly on, DateOnly? answerReceivedOn, DateOnly today)
    {
        Dated(letter, "on", on, today);
        if (!letter.Petition) throw Refusal.Conflict("Only a letter registered as 信访 has a 复查 or 复核 (信访工作条例第三十五条、第三十六条).");
        if (letter.PendingPetitionReview() is { } pending)
            throw Refusal.Conflict($"The request of {pending.RequestedOn:yyyy-MM-dd} is still waiting for its answer.");
        string stage;
        DateOnly answeredOn;
        switch (letter.PetitionReviews)
        {
            case []:
                Expect(letter, "reviewed (复查)", LetterStatuses.Replied, LetterStatuses.Closed);
                (stage, answeredOn) = (PetitionReviewStages.Reexamination, letter.Replies[^1].On);
                break;
            case [var reexamination]:
                (stage, answeredOn) = (PetitionReviewStages.Recheck, reexamination.AnsweredOn!.Value);
                break;
            default:
                throw Refusal.Conflict($"The 复核意见 was given on {letter.PetitionReviews[^1].AnsweredOn:yyyy-MM-dd}: the matter is not taken up again on the same facts and grounds (信访工作条例第三十六条第三款).");
        }
        var received = answerReceivedOn ?? answeredOn;
        if (received < answeredOn) throw Refusal.Invalid("answerReceivedOn", $"The answer cannot be received before it was given ({answeredOn:yyyy-MM-dd}).");
        if (received > on) throw Refusal.Invalid("answerReceivedOn", $"The answer is received on or before the request ({on:yyyy-MM-dd}).");
        var last = LetterClock.PetitionReviewRequestEnds(received);
        if (on > last)
            throw Refusal.Invalid("on", $"A 复查 or 复核 is asked within {PetitionTimeLimits.RequestReviewWithin} days of receiving the answer ({received:yyyy-MM-dd}), that is by {last:yyyy-MM-dd} (信访工作条例第三十五条、第三十六条).");
        return new PetitionReviewRequested(stage, on, received, LetterClock.PetitionReviewAnswerEnds(on));
    }

    /// <summary>The 复查意见 or 复核意见, in writing, for the request still waiting (信访工作条例第三十五条、第三十六条); late if after its 30 days.</summary>
    public static PetitionReviewAnswered AnswerPetitionReview(Letter letter, DateOnly on, string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Refusal.Invalid("text", "Write the 复查意见 or 复核意见.");
        Dated(letter, "on", on, today);
        if (letter.PendingPetitionReview() is not { } pending) throw Refusal.Conflict("No 复查 or 复核 is waiting for its answer.");
        if (on < pending.RequestedOn) throw Refusal.Invalid("on", $"The answer cannot precede the request ({pending.RequestedOn:yyyy-MM-dd}).");
        return new PetitionReviewAnswered(pending.Stage, on, text.Trim(), on <= LetterClock.PetitionReviewAnswerEnds(pending.RequestedOn));
    }

    private static void Expect(Letter letter, string verb, params string[] statuses)
    {
        if (!statuses.Contains(letter.Status))
            throw Refusal.Conflict($"A letter that is {letter.Status} cannot be {verb}.");
    }

    private static void Dated(Letter letter, string field, DateOnly on, DateOnly today)
    {
        if (on > today) throw Refusal.Invalid(field, $"{on:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");
        if (on < letter.ReceivedOn) throw Refusal.Invalid(field, $"{on:yyyy-MM-dd} is before the letter was received ({letter.ReceivedOn:yyyy-MM-dd}).");
    }
}
