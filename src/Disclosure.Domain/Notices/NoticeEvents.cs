using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Notices;

// The written notices of a case (条例第四十五条: the agency keeps its answer and handling records). A notice is issued once
// with its number; its delivery is a separate fact, because the date that counts depends on how it was delivered.

/// <summary>A notice was issued: its kind, 文号, date, the template version and the SHA-256 of the exact text issued.</summary>
[Label("制发告知书")]
[StoredName(EventNames.NoticeIssued)]
public sealed record NoticeIssued(string Kind, string Number, DateOnly IssuedOn, string TemplateVersion, string ContentHash) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => IssuedOn;
}

/// <summary>
/// A notice was delivered (国办公开办函〔2016〕235号). Which fields are filled depends on <see cref="Method"/>:
/// direct/delegated — <see cref="SignedOn"/> (and who signed); post — <see cref="PostedOn"/> and the postal tracking number
/// (邮政企业 only); electronic — the applicant's recorded <see cref="ElectronicConsent"/> and the <see cref="ArrivedAt"/> time.
/// The business date is the date that counts for the agency's deadline (<see cref="Delivery.CountingDate"/>).
/// A posted notice may carry <see cref="ReceiptSignedOn"/>, the day on the postal return receipt (回执): when the applicant
/// received it (<see cref="Delivery.ReceivedOn"/>), which starts the applicant's own periods (the 缴费期限).
/// </summary>
[Label("送达")]
[StoredName(EventNames.NoticeDelivered)]
public sealed record NoticeDelivered(
    string Number, string Method, DateOnly? SignedOn, string? SignedBy, DateOnly? PostedOn, string? PostalTrackingNumber,
    string? ElectronicConsent, DateTimeOffset? ArrivedAt, DateOnly? ReceiptSignedOn = null) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => Delivery.CountingDate(this);
}

/// <summary>A posted notice came back undelivered (退件).</summary>
[Label("邮件退回")]
[StoredName(EventNames.MailReturned)]
public sealed record MailReturned(string Number, DateOnly ReturnedOn, string? PostalTrackingNumber, string Reason) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => ReturnedOn;
}

/// <summary>An attempt to deliver a notice failed (e.g. the applicant refused to sign, the address does not exist).</summary>
[Label("送达未成功")]
[StoredName(EventNames.DeliveryFailed)]
public sealed record DeliveryFailed(string Number, DateOnly On, string Reason) : IApplicationEvent
{
    DateOnly ICaseEvent.BusinessDate => On;
}

