using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Privacy;

namespace Disclosure.Host.Applications;

/// <summary>A line of a list: identity numbers and phone numbers masked (个人信息保护法: minimum necessary).</summary>
public sealed record ApplicationSummary(
    Guid Id, string TrackingNumber, [property: Codes(typeof(ApplicantCategories))] string ApplicantCategory, string ApplicantName, string? ApplicantIdNumber, string? ApplicantPhone,
    [property: Codes(typeof(Channels))] string Channel, DateOnly ReceivedOn, [property: Codes(typeof(ApplicationStatuses))] string Status, DateOnly? DueOn, bool Overdue,
    [property: Codes(typeof(Outcomes))] string? Outcome, DateOnly? DecidedOn, int Warnings,
    IReadOnlyList<int> CarriedForwardFrom, string? Note, string? Handler = null, string? Department = null)
{
    public static ApplicationSummary From(Application a, DateOnly today) => new(
        a.Id, a.TrackingNumber, a.Applicant.Category, a.Applicant.Name, Mask.IdNumber(a.Applicant.IdNumber), Mask.Phone(a.Applicant.Phone),
        a.Channel, a.ReceivedOn, a.Status, a.DueOn, a.IsOverdue(today), a.Answer?.Outcome, a.Answer?.DecidedOn, a.Warnings.Count,
        a.CarriedForwardFrom, a.CarriedForwardFrom.Count > 0 ? $"{string.Join("、", a.CarriedForwardFrom.Order())} 年结转下年度继续办理" : null,
        a.Handler, a.Department);
}
