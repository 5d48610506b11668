using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;

namespace Disclosure.Domain.Reviews;

/// <summary>The rules of a review case: pure functions from (case, command values, today) to events, refusing with <see cref="Refusal"/>.</summary>
public static class ReviewDecider
{
    /// <summary>The copy received: a review of one application, of a known kind and procedure, filed and received in order.</summary>
    public static ReviewReceived Receive(Application app, Guid reviewId, string trackingNumber, string? kind, string? procedure,
        DateOnly filedOn, DateOnly? receivedOn, DateOnly today)
    {
        ApplicationDecider.EnsureReceived(app); // a submission not confirmed (or returned) is no application to review (条例第三十一条)
        ReviewCaseKinds.All.Require("kind", kind);
        procedure ??= ReviewProcedures.Ordinary;
        ReviewProcedures.All.Require("procedure", procedure);
        var received = receivedOn ?? filedOn;
        if (filedOn < app.ReceivedOn) throw Refusal.Invalid("filedOn", $"A review cannot be filed before the application was received ({app.ReceivedOn:yyyy-MM-dd}).");
        if (filedOn > today) throw Refusal.Invalid("filedOn", $"A date after today ({today:yyyy-MM-dd}) is not a fact yet.");
        if (received > today) throw Refusal.Invalid("receivedOn", $"A date after today ({today:yyyy-MM-dd}) is not a fact yet.");
        if (received < filedOn) throw Refusal.Invalid("receivedOn", $"The copy cannot be received before the review was filed ({filedOn:yyyy-MM-dd}).");
        return new ReviewReceived(reviewId, app.Agency, trackingNumber, app.Id, app.TrackingNumber, kind!, procedure, filedOn, received);
    }

    /// <summary>The reply with its evidence, once, while the review is open (行政复议法第四十八条; 行政诉讼法第六十七条).</summary>
    public static ReviewReplyFiled FileReply(ReviewCase review, DateOnly filedOn, IReadOnlyList<string>? evidence, WorkingDayCalendar calendar, DateOnly today)
    {
        if (!review.IsOpen) throw Refusal.Conflict($"This review was already decided on {review.DecidedOn:yyyy-MM-dd}.");
        if (review.RepliedOn is { } replied) throw Refusal.Conflict($"The reply was already filed on {replied:yyyy-MM-dd}.");
        if (filedOn > today) throw Refusal.Invalid("filedOn", $"A date after today ({today:yyyy-MM-dd}) is not a fact yet.");
        if (filedOn < review.ReceivedOn) throw Refusal.Invalid("filedOn", $"The reply cannot precede the copy's receipt ({review.ReceivedOn:yyyy-MM-dd}).");
        var items = (evidence ?? []).Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        // the reply is filed "并提交作出行政行为的证据、依据" (第四十八条): a reply without its evidence list is not the reply the law asks
        if (items.Count == 0) throw Refusal.Invalid("evidence", "List the evidence and basis filed with the reply (行政复议法第四十八条).");
        var due = ReviewClock.ReplyDue(review.Kind, review.Procedure, review.ReceivedOn, calendar);
        return new ReviewReplyFiled(filedOn, items, due, filedOn > due);
    }

    /// <summary>
    /// The evidence bundle kept with the reply, once: a review whose reply is filed keeps the bundle built for it; a second one
    /// is refused (the bundle filed is never replaced).
    /// </summary>
    public static ReviewEvidenceKept KeepEvidence(ReviewCase review, DateTimeOffset asOf, byte[] pdf, int pages, DateOnly today)
    {
        if (review.RepliedOn is null) throw Refusal.Conflict("The evidence bundle is kept with the reply; no reply is filed yet.");
        if (review.EvidenceBundle is { } kept) throw Refusal.Conflict($"The evidence bundle was already kept on {kept.On:yyyy-MM-dd}; it is never replaced.");
        if (pdf.Length == 0 || pages < 1) throw Refusal.Invalid("pdf", "An evidence bundle has at least one page.");
        return new ReviewEvidenceKept(today, asOf, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), pdf.Length, pages);
    }

    /// <summary>
    /// The decision or judgment, once. A new answer (重新答复) may be ordered only by an outcome that sets the act aside or
    /// orders it performed (撤销 第六十四条, 责令履行 第六十六条, 确认违法/无效 with remedial measures), by a date after the decision.
    /// </summary>
    public static ReviewDecided Decide(ReviewCase review, DateOnly decidedOn, string? outcome, DateOnly? newAnswerBy, DateOnly today)
    {
        ReviewOutcomes.All.Require("outcome", outcome);
        if (!review.IsOpen) throw Refusal.Conflict($"This review was already concluded on {review.DecidedOn:yyyy-MM-dd}.");
        if (decidedOn > today) throw Refusal.Invalid("decidedOn", $"A date after today ({today:yyyy-MM-dd}) is not a fact yet.");
        if (decidedOn < review.FiledOn) throw Refusal.Invalid("decidedOn", $"A review cannot conclude before it was filed ({review.FiledOn:yyyy-MM-dd}).");
        if (newAnswerBy is { } by)
        {
            if (!ReviewOutcomes.MayRequireNewAnswer.Contains(outcome!))
                throw Refusal.Invalid("newAnswerBy", "Only a decision that revokes the answer or orders the agency to act (撤销, 责令履行, 确认违法, 确认无效) sets a date for a new answer.");
            if (by <= decidedOn) throw Refusal.Invalid("newAnswerBy", $"The new answer is due after the decision ({decidedOn:yyyy-MM-dd}).");
        }
        return new ReviewDecided(decidedOn, outcome, ReviewOutcomes.ResultOf(outcome!), newAnswerBy, review.Kind, review.FiledOn);
    }

    /// <summary>The reply due date the calendar in force gives a review whose reply is still owed, against the stored one; null when it did not move.</summary>
    public static ReviewReplyDueRederived? Rederive(ReviewCase current, DateOnly? storedDueOn, string reason, DateOnly today) =>
        !current.AwaitingReply || current.DueOn == storedDueOn ? null : new ReviewReplyDueRederived(today, storedDueOn, current.DueOn, reason);
}
