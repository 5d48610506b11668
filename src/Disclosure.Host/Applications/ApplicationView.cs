using Disclosure.Domain;
using Disclosure.Domain.Applications;
using JasperFx.Events;

namespace Disclosure.Host.Applications;

public sealed record HistoryEntry(long Version, string Type, DateOnly? BusinessDate, DateTimeOffset RecordedAt, string? User, string? CorrelationId, object Data);

public sealed record ApplicationView(
    Guid Id, string TrackingNumber, string Agency, string Channel, Applicant Applicant, string Description,
    DateOnly? SubmittedOn, DateOnly ReceivedOn, string Status, string StatusLabel, bool Overdue,
    DateOnly? DueOn, Deadline? Deadline, string? Outcome, string? OutcomeLabel, DateOnly? DecidedOn,
    IReadOnlyList<ComplianceWarning> Warnings, CorrectionStep? Correction, IReadOnlyList<Consultation> Consultations,
    Extension? Extension, FeeStep? Fee, IReadOnlyList<Answer> SupersededAnswers, IReadOnlyList<Review> Reviews,
    Guid? FromLetterId, string? FromLetterNumber, Guid? LetterId, string? LetterNumber,
    long Version, IReadOnlyList<HistoryEntry>? History)
{
    public static ApplicationView From(Application a, DateOnly today, IReadOnlyList<IEvent>? events = null) => new(
        a.Id, a.TrackingNumber, a.Agency, a.Channel, a.Applicant, a.Description, a.SubmittedOn, a.ReceivedOn,
        a.Status, ApplicationStatuses.All.Find(a.Status)?.Label ?? a.Status, a.IsOverdue(today),
        a.DueOn, a.Deadline, a.Answer?.Outcome, Outcomes.All.Find(a.Answer?.Outcome)?.Label, a.Answer?.DecidedOn,
        a.Warnings, a.Correction, a.Consultations, a.Extension, a.Fee, a.SupersededAnswers, a.Reviews,
        a.FromLetterId, a.FromLetterNumber, a.LetterId, a.LetterNumber,
        a.Version, events?.Select(ToHistory).ToList());

    public static HistoryEntry ToHistory(IEvent e) => new(
        e.Version, e.EventTypeName, (e.Data as ICaseEvent)?.BusinessDate, e.Timestamp, e.UserName, e.CorrelationId, e.Data);
}

/// <summary>A line of a list: identity numbers and phone numbers masked (个人信息保护法: minimum necessary).</summary>
public sealed record ApplicationSummary(
    Guid Id, string TrackingNumber, string ApplicantCategory, string ApplicantName, string? ApplicantIdNumber, string? ApplicantPhone,
    string Channel, DateOnly ReceivedOn, string Status, DateOnly? DueOn, bool Overdue, string? Outcome, DateOnly? DecidedOn, int Warnings)
{
    public static ApplicationSummary From(Application a, DateOnly today) => new(
        a.Id, a.TrackingNumber, a.Applicant.Category, a.Applicant.Name, Mask.IdNumber(a.Applicant.IdNumber), Mask.Phone(a.Applicant.Phone),
        a.Channel, a.ReceivedOn, a.Status, a.DueOn, a.IsOverdue(today), a.Answer?.Outcome, a.Answer?.DecidedOn, a.Warnings.Count);
}

public static class Mask
{
    /// <summary>110101199003071234 → 110101********1234: enough to tell two people apart, not to impersonate one.</summary>
    public static string? IdNumber(string? id) => id is null ? null
        : id.Length <= 8 ? new string('*', id.Length)
        : id[..Math.Min(6, id.Length - 4)] + new string('*', id.Length - Math.Min(6, id.Length - 4) - 4) + id[^4..];

    /// <summary>13812345678 → 138****5678.</summary>
    public static string? Phone(string? phone) => phone is null ? null
        : phone.Length <= 7 ? new string('*', phone.Length)
        : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
