namespace Disclosure.Domain;

/// <summary>
/// The personal data of a closed case was erased under the retention rule (个人信息保护法第四十七条: 保存期限已届满).
/// Event data is masked in place; this event makes the case's own view forget it too. Counts never change:
/// the applicant category, dates and outcome are not personal data.
/// </summary>
[Label("个人信息已删除")]
[StoredName(EventNames.PersonalDataErased)]
public sealed record PersonalDataErased(DateOnly On, string Rule) : Applications.IApplicationEvent, Letters.ILetterEvent, Reviews.IReviewEvent
{
    public const string Placeholder = "（已删除）";
    DateOnly Applications.ICaseEvent.BusinessDate => On;
}
