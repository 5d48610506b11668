namespace Disclosure.Domain.Notices;

/// <summary>
/// Delivery facts and the date that counts for the agency's deadline (国办公开办函〔2016〕235号): direct or delegated
/// delivery — the day the applicant or legal agent signs; post — the day it is handed to the post (交邮之日), through a
/// 邮政企业 only. Electronic delivery is UNVERIFIED for this field: by analogy with 行政处罚法第六十一条第二款 (consent) and
/// 民事诉讼法第九十条 (the day it reaches the recipient's system), it needs the applicant's recorded consent and counts on the
/// day of arrival, Beijing time.
/// </summary>
public static class Delivery
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static NoticeDelivered Direct(NoticeIssued notice, DateOnly signedOn, string? signedBy, DateOnly today, bool delegated = false)
    {
        Dated(notice, "signedOn", signedOn, today);
        return new(notice.Number, delegated ? DeliveryMethods.Delegated : DeliveryMethods.Direct, signedOn, Blank(signedBy), null, null, null, null);
    }

    /// <param name="receiptSignedOn">The day on the postal return receipt (回执), when it is back: the day the applicant received the notice.</param>
    public static NoticeDelivered ByPost(NoticeIssued notice, DateOnly postedOn, string? postalTrackingNumber, DateOnly today, DateOnly? receiptSignedOn = null)
    {
        Dated(notice, "postedOn", postedOn, today);
        if (string.IsNullOrWhiteSpace(postalTrackingNumber))
            throw Refusal.Invalid("postalTrackingNumber", "Posted notices go through a 邮政企业 (国办公开办函〔2016〕235号): record the postal tracking number.");
        if (receiptSignedOn is { } r)
        {
            if (r < postedOn) throw Refusal.Invalid("receiptSignedOn", $"The return receipt cannot be signed before the notice was posted ({postedOn:yyyy-MM-dd}).");
            if (r > today) throw Refusal.Invalid("receiptSignedOn", $"A date after today ({today:yyyy-MM-dd}) is not a fact yet.");
        }
        return new(notice.Number, DeliveryMethods.Post, null, null, postedOn, postalTrackingNumber.Trim(), null, null, receiptSignedOn);
    }

    public static NoticeDelivered Electronic(NoticeIssued notice, string? consent, DateTimeOffset arrivedAt, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(consent))
            throw Refusal.Invalid("electronicConsent", "Electronic delivery needs the applicant's recorded consent (where and when it was given).");
        Dated(notice, "arrivedAt", DayOf(arrivedAt), today);
        return new(notice.Number, DeliveryMethods.Electronic, null, null, null, null, consent.Trim(), arrivedAt);
    }

    /// <summary>
    /// 退件 of <paramref name="notice"/>: the mail that comes back is its last posting — a notice never posted cannot come
    /// back by post, whether it was delivered otherwise or not at all.
    /// </summary>
    public static MailReturned Returned(Applications.IssuedNotice notice, DateOnly returnedOn, string? reason, DateOnly today)
    {
        if (LastPosting(notice) is not { } posted)
            throw notice.Deliveries.LastOrDefault() is { } other
                ? Refusal.Conflict($"Only a posted notice can come back by post; {notice.Number} was delivered {Label(other.Method)}.")
                : Refusal.Conflict($"Notice {notice.Number} was not recorded as posted; only posted mail comes back.");
        if (returnedOn < posted.PostedOn) throw Refusal.Invalid("returnedOn", $"Mail cannot come back before it was posted ({posted.PostedOn:yyyy-MM-dd}).");
        if (returnedOn > today) throw Refusal.Invalid("returnedOn", $"A date after today ({today:yyyy-MM-dd}) is not a fact yet.");
        return new(posted.Number, returnedOn, posted.PostalTrackingNumber, Blank(reason) ?? "退件");
    }

    /// <summary>The notice's last posting (邮寄送达): the mail that can come back, or null when it was never posted.</summary>
    public static NoticeDelivered? LastPosting(Applications.IssuedNotice notice) => notice.Deliveries.LastOrDefault(d => d.Method == DeliveryMethods.Post);

    public static DeliveryFailed Failed(NoticeIssued notice, DateOnly on, string? reason, DateOnly today)
    {
        Dated(notice, "on", on, today);
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("reason", "Say why the delivery failed.");
        return new(notice.Number, on, reason.Trim());
    }

    /// <summary>The date that counts for the agency's deadline.</summary>
    public static DateOnly CountingDate(NoticeDelivered d) => d.Method switch
    {
        DeliveryMethods.Post => d.PostedOn ?? throw new InvalidOperationException($"Posted notice {d.Number} has no posting date."),
        DeliveryMethods.Electronic => DayOf(d.ArrivedAt ?? throw new InvalidOperationException($"Electronic delivery of {d.Number} has no arrival time.")),
        _ => d.SignedOn ?? throw new InvalidOperationException($"Delivery of {d.Number} has no signing date."),
    };

    /// <summary>
    /// The day the applicant received the notice — what starts a period the applicant keeps, such as the 缴费期限
    /// ("自收到本通知之日的次日起", 国办函〔2020〕109号). Unlike <see cref="CountingDate"/> (the agency's side, 交邮之日 for post),
    /// a posted notice is received on the day of its return receipt (回执), unknown (null) until that is recorded; direct or
    /// delegated delivery on the day of signing; electronic on the day of arrival, Beijing time.
    /// </summary>
    public static DateOnly? ReceivedOn(NoticeDelivered d) => d.Method switch
    {
        DeliveryMethods.Post => d.ReceiptSignedOn,
        DeliveryMethods.Electronic => d.ArrivedAt is { } at ? DayOf(at) : null,
        _ => d.SignedOn,
    };

    /// <summary>Why that date counts, for the case's explanation.</summary>
    public static string Explain(NoticeDelivered d) => d.Method switch
    {
        DeliveryMethods.Post => $"{CountingDate(d):yyyy-MM-dd} 交邮（邮件号 {d.PostalTrackingNumber}），以交邮之日为送达日期（国办公开办函〔2016〕235号）",
        DeliveryMethods.Electronic => $"{CountingDate(d):yyyy-MM-dd} 电子送达到达申请人指定系统（申请人同意：{d.ElectronicConsent}），以到达之日为送达日期",
        _ => $"{CountingDate(d):yyyy-MM-dd} {(d.SignedBy is { } who ? who + "签收" : "签收")}（{Label(d.Method)}），以签收之日为送达日期（国办公开办函〔2016〕235号）",
    };

    /// <summary>The delivery method's Chinese name (直接送达, 邮寄送达, …).</summary>
    public static string Label(string method) => DeliveryMethods.All.Find(method)?.Label ?? method;

    /// <summary>The calendar day of an instant in Beijing time (China keeps no daylight saving).</summary>
    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Beijing).DateTime);

    private static void Dated(NoticeIssued notice, string field, DateOnly on, DateOnly today)
    {
        if (on < notice.IssuedOn) throw Refusal.Invalid(field, $"Notice {notice.Number} was issued on {notice.IssuedOn:yyyy-MM-dd}; it cannot be delivered before.");
        if (on > today) throw Refusal.Invalid(field, $"A date after today ({today:yyyy-MM-dd}) is not a fact yet.");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
