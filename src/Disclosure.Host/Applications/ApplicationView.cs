using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using JasperFx.Events;

namespace Disclosure.Host.Applications;


public sealed record ApplicationView(
    Guid Id, string TrackingNumber, string Agency, [property: Codes(typeof(Channels))] string Channel, Applicant Applicant, string Description,
    DateOnly? SubmittedOn, DateOnly ReceivedOn, [property: Codes(typeof(ApplicationStatuses))] string Status, string StatusLabel, bool Overdue,
    DateOnly? DueOn, Deadline? Deadline, [property: Codes(typeof(Outcomes))] string? Outcome, string? OutcomeLabel, DateOnly? DecidedOn,
    IReadOnlyList<ComplianceWarning> Warnings, CorrectionStep? Correction, IReadOnlyList<Consultation> Consultations,
    Extension? Extension, FeeStep? Fee, IReadOnlyList<Answer> SupersededAnswers, IReadOnlyList<Review> Reviews, NewAnswerStep? NewAnswer,
    Guid? FromLetterId, string? FromLetterNumber, Guid? LetterId, string? LetterNumber,
    long Version, IReadOnlyList<HistoryEntry>? History,
    string? DocumentNumber = null, string? InformationForm = null, string? ObtainBy = null, bool? OtherWayAcceptable = null, bool? ElectronicConsent = null,
    string? Handler = null, string? Department = null)
{
    public static ApplicationView From(Application a, DateOnly today, IReadOnlyList<IEvent>? events = null) => new(
        a.Id, a.TrackingNumber, a.Agency, a.Channel, a.Applicant, a.Description, a.SubmittedOn, a.ReceivedOn,
        a.Status, ApplicationStatuses.All.Find(a.Status)?.Label ?? a.Status, a.IsOverdue(today),
        a.DueOn, a.Deadline, a.Answer?.Outcome, Outcomes.All.Find(a.Answer?.Outcome)?.Label, a.Answer?.DecidedOn,
        a.Warnings, a.Correction, a.Consultations, a.Extension, a.Fee, a.SupersededAnswers, a.Reviews, a.NewAnswer,
        a.FromLetterId, a.FromLetterNumber, a.LetterId, a.LetterNumber,
        a.Version, events?.Select(CaseHistory.Entry).ToList(),
        a.DocumentNumber, a.InformationForm, a.ObtainBy, a.OtherWayAcceptable, a.ElectronicConsent,
        a.Handler, a.Department);
}
