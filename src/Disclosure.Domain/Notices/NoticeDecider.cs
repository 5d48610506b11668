using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Notices;

/// <summary>
/// The rules of a case's written notices as pure functions: (case, the command's facts, today) → events, or a
/// <see cref="Refusal"/>. Issuing a notice on its own, and its 送达, 退件 and failed delivery (国办公开办函〔2016〕235号);
/// the date each method counts from is <see cref="Delivery"/>'s.
/// </summary>
public static class NoticeDecider
{
    // 登记回执, 补正告知书 (条例第三十条: 一次性告知) and 延期答复告知书 (条例第三十三条: one extension) exist once per case
    private static readonly string[] OncePerCase = [NoticeKinds.Receipt, NoticeKinds.Correction, NoticeKinds.Extension];

    /// <summary>
    /// A notice issued on its own, after the step it belongs to: a 登记回执 on request, or the notice of a step recorded before
    /// the agency set its notice settings. The notices the law ties to a step are issued by that step; one that was issued
    /// already is not issued twice (a corrected decision issues a new answer notice itself). A 收费通知书 is issued only by
    /// sending the fee notice, where the fee is computed. An answer notice gives the answer in force. Returns the kind to
    /// draft: the notice itself is the only fact, issued by the write path from its draft.
    /// </summary>
    public static NoticeKind Issue(Application app, NoticeSetup setup, string? kind, Guid? consultationId)
    {
        ApplicationDecider.EnsureReceived(app); // not even a 登记回执 before the submission is confirmed (条例第三十一条)
        setup.RequireSettings();
        var issuing = NoticeKinds.Require("kind", kind);
        if (issuing.Code == NoticeKinds.FeeNotice)
            throw Refusal.Conflict("A 收费通知书 is issued by sending the fee notice (POST …/fee-notice), where the fee is computed.");
        if (OncePerCase.Contains(issuing.Code) && app.Notices.FirstOrDefault(n => n.Kind == issuing.Code) is { } once)
            throw Refusal.Conflict($"The {issuing.Label} of this application was issued already: {once.Number} ({once.IssuedOn:yyyy-MM-dd}).");
        if (issuing.IsAnswer)
        {
            var answer = app.Answer ?? throw Refusal.Conflict("No answer has been recorded on this application.");
            if (issuing.Outcome != answer.Outcome)
                throw Refusal.Invalid("kind", $"The answer in force is '{answer.Outcome}': its notice is {NoticeKinds.AnswerTo(answer.Outcome)}.");
            if (app.Notices.LastOrDefault(n => n.Kind == issuing.Code && n.IssuedOn >= answer.DecidedOn) is { } issued)
                throw Refusal.Conflict($"The answer notice of this decision was issued already: {issued.Number} ({issued.IssuedOn:yyyy-MM-dd}).");
        }
        if (issuing.Code is NoticeKinds.ConsultationLetter or NoticeKinds.ConsultationNotice && consultationId is null)
            throw Refusal.Invalid("consultationId", "Name the consultation the notice is about.");
        return issuing;
    }

    /// <summary>
    /// What a step was given for its written notice only (the answer notice's wording, a 补正告知书's guidance, what a
    /// 征求意见书 asks) is printed nowhere else: an agency that has not set its notice settings issues no notice, so that
    /// text would be lost without a word. Refused on the first such field, with where to set the settings.
    /// </summary>
    public static void NoNoticeTextLost(NoticeSetup setup, IReadOnlyList<string> noticeFieldsGiven)
    {
        if (setup.IssuesNotices || noticeFieldsGiven.Count == 0) return;
        throw Refusal.Invalid(noticeFieldsGiven[0],
            $"This agency has not set its notice settings, so no written notice is issued and what is given for it ({string.Join(", ", noticeFieldsGiven)}) would be lost: leave it out, or set the notice settings (PUT …/settings/notices) first.");
    }

    /// <summary>
    /// 送达 of the notice numbered <paramref name="number"/>, by method: <c>direct</c> or <c>delegated</c> with the day it was
    /// signed for, <c>post</c> with 交邮之日 (and the return receipt's day when it is back), <c>electronic</c> with the
    /// applicant's consent and the arrival. The same delivery recorded again (a retried e-mail) yields nothing.
    /// </summary>
    public static IReadOnlyList<NoticeDelivered> Deliver(Application app, string number, string? method, DateOnly today,
        DateOnly? signedOn = null, string? signedBy = null, DateOnly? postedOn = null, string? postalTrackingNumber = null,
        string? consent = null, DateTimeOffset? arrivedAt = null, DateOnly? receiptSignedOn = null)
    {
        ApplicationDecider.EnsureReceived(app);
        var notice = Find(app, number);
        var issued = Issued(notice);
        DeliveryMethods.All.Require("method", method);
        var delivered = method switch
        {
            DeliveryMethods.Post => Delivery.ByPost(issued, postedOn ?? throw Missing("postedOn", "the day it was handed to the post (交邮之日)"), postalTrackingNumber, today, receiptSignedOn),
            DeliveryMethods.Electronic => Delivery.Electronic(issued, consent, arrivedAt ?? throw Missing("arrivedAt", "when it reached the applicant's system"), today),
            _ => Delivery.Direct(issued, signedOn ?? throw Missing("signedOn", "the day it was signed for"), signedBy, today,
                delegated: method == DeliveryMethods.Delegated),
        };
        return notice.Deliveries.Contains(delivered) ? [] : [delivered];
    }

    /// <summary>A delivery of the notice failed (refused, no such address, the e-mail could not be sent): flagged until delivered again.</summary>
    public static DeliveryFailed FailDelivery(Application app, string number, DateOnly on, string? reason, DateOnly today)
    {
        ApplicationDecider.EnsureReceived(app);
        return Delivery.Failed(Issued(Find(app, number)), on, reason, today);
    }

    /// <summary>A posted notice came back (退件): flagged until delivered again. Only mail that was posted comes back.</summary>
    public static MailReturned ReturnMail(Application app, string number, DateOnly returnedOn, string? reason, DateOnly today)
    {
        ApplicationDecider.EnsureReceived(app);
        return Delivery.Returned(Find(app, number), returnedOn, reason, today);
    }

    /// <summary>The case's notice with that 文号.</summary>
    public static Applications.IssuedNotice Find(Application app, string number) =>
        app.Notices.FirstOrDefault(n => n.Number == number) ?? throw Refusal.NotFound("number", $"The application has no notice '{number}'.");

    private static NoticeIssued Issued(Applications.IssuedNotice n) => new(n.Kind, n.Number, n.IssuedOn, n.TemplateVersion, n.ContentHash);

    private static Refusal Missing(string field, string what) => Refusal.Invalid(field, $"Give {what}: it is the date that counts for this method of delivery.");
}
