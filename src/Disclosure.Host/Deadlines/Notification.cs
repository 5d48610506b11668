using Disclosure.Domain;

namespace Disclosure.Host.Deadlines;

/// <summary>
/// A reminder recorded for an agency and its users. The id makes it once per case, kind and due date, so a check
/// that runs twice records it once. <see cref="DeliveredAt"/> is for a sender (e-mail, SMS) plugged in later.
/// </summary>
public sealed class Notification
{
    public string Id { get; set; } = "";
    public string Agency { get; set; } = "";
    public string CaseKind { get; set; } = "";
    public Guid CaseId { get; set; }
    public string TrackingNumber { get; set; } = "";
    public string Kind { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public DateOnly On { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The users who worked on the case.</summary>
    public List<string> Recipients { get; set; } = [];
    public DateTimeOffset? DeliveredAt { get; set; }

    public static string IdFor(Guid caseId, DeadlineNotice notice) => $"{caseId:N}:{notice.Kind}:{notice.DueOn:yyyyMMdd}";
}

/// <summary>
/// A recorded reminder to hand to <see cref="INotificationSender"/>. Published by the write path through Wolverine's outbox
/// (durable local queue): stored in the transaction that records the reminder, handled only after it commits.
/// </summary>
public sealed record DeliverNotification(Notification Notification);

public static class DeliverNotificationHandler
{
    public static Task Handle(DeliverNotification message, INotificationSender sender, CancellationToken ct) =>
        sender.SendAsync(message.Notification, ct);
}

/// <summary>
/// Where a reminder goes besides the notification list, called after the reminder is committed (never for a transaction
/// that rolls back). The default delivers nowhere else.
/// </summary>
public interface INotificationSender
{
    Task SendAsync(Notification notification, CancellationToken ct);

    /// <summary>
    /// False for a sender that delivers nowhere: the write path then publishes no <see cref="DeliverNotification"/> — a
    /// durable message, one inbox row and one transaction of its own per reminder, for nothing (#25: on the sweep's first
    /// night at 100,000 open cases, ~70,000 of them).
    /// </summary>
    bool Delivers => true;
}

public sealed class RecordOnlySender : INotificationSender
{
    public Task SendAsync(Notification notification, CancellationToken ct) => Task.CompletedTask;
    public bool Delivers => false;
}
