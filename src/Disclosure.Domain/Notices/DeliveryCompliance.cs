using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Notices;

/// <summary>
/// Whether the answer reached the applicant in time. Answering late is already a warning of its own (answered_late);
/// this one covers a decision made within the period whose delivery — by the date that counts (<see cref="Delivery"/>) —
/// came after it.
/// </summary>
public static class DeliveryCompliance
{
    public const string DeliveredLate = "delivered_late";
    public const string NotDelivered = "not_delivered";
    public const string MailReturnedCode = "mail_returned";
    public const string DeliveryFailedCode = "delivery_failed";

    /// <param name="dueOn">The answer date of the case (null while it cannot be derived: nothing can be said).</param>
    /// <param name="decidedOn">The date of the decision.</param>
    /// <param name="answerNumber">文号 of the answer notice; facts about other notices are ignored.</param>
    /// <param name="facts">The case's delivery events (<see cref="NoticeDelivered"/>, <see cref="MailReturned"/>, <see cref="DeliveryFailed"/>).</param>
    /// <param name="today">When given, an answer still undelivered after the due date is reported too.</param>
    public static IReadOnlyList<ComplianceWarning> Check(DateOnly? dueOn, DateOnly decidedOn, string answerNumber, IEnumerable<object> facts, DateOnly? today = null)
    {
        var warnings = new List<ComplianceWarning>();
        if (dueOn is not { } due || decidedOn > due) return warnings;
        var list = facts.ToList();
        var deliveries = list.OfType<NoticeDelivered>().Where(d => d.Number == answerNumber).OrderBy(Delivery.CountingDate).ToList();

        // the first delivery counts; a posted one that came back still counts from 交邮之日 (235号), the project's reading
        if (deliveries.FirstOrDefault() is { } first)
        {
            var on = Delivery.CountingDate(first);
            if (on > due)
                warnings.Add(new(DeliveredLate, on,
                    $"答复于 {decidedOn:yyyy-MM-dd} 作出，在答复期限（{due:yyyy-MM-dd}）内，但 {Delivery.Explain(first)}，晚于答复期限"));
        }
        else if (today is { } t && t > due)
        {
            warnings.Add(new(NotDelivered, t, $"答复于 {decidedOn:yyyy-MM-dd} 作出，但答复期限（{due:yyyy-MM-dd}）已届满，至 {t:yyyy-MM-dd} 仍未送达"));
        }

        // a return or a failure stands until another delivery counts on or after its day
        bool Redelivered(DateOnly day, NoticeDelivered? except) => deliveries.Any(d => !Equals(d, except) && Delivery.CountingDate(d) >= day);
        NoticeDelivered? PostingOf(MailReturned r) =>
            deliveries.FirstOrDefault(d => d.Method == DeliveryMethods.Post && d.PostalTrackingNumber == r.PostalTrackingNumber);

        foreach (var returned in list.OfType<MailReturned>().Where(r => r.Number == answerNumber && !Redelivered(r.ReturnedOn, PostingOf(r))))
            warnings.Add(new(MailReturnedCode, returned.ReturnedOn,
                $"{returned.ReturnedOn:yyyy-MM-dd} 邮件被退回（{returned.Reason}），申请人尚未收到答复，应重新送达"));
        foreach (var failed in list.OfType<DeliveryFailed>().Where(f => f.Number == answerNumber && !Redelivered(f.On, null)))
            warnings.Add(new(DeliveryFailedCode, failed.On, $"{failed.On:yyyy-MM-dd} 送达未成功（{failed.Reason}），应重新送达"));
        return warnings;
    }
}
