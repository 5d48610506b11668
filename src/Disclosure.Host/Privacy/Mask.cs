namespace Disclosure.Host.Privacy;

/// <summary>Personal data in lists (个人信息保护法: minimum necessary): enough to tell two people apart, not to impersonate one.</summary>
public static class Mask
{
    /// <summary>110101199003071234 → 110101********1234: enough to tell two people apart, not to impersonate one.</summary>
    public static string? IdNumber(string? id) => id is null ? null
        : id.Length <= 8 ? new string('*', id.Length)
        : id[..Math.Min(6, id.Length - 4)] + new string('*', id.Length - Math.Min(6, id.Length - 4) - 4) + id[^4..];

    /// <summary>A person's name in a list: 张三丰 → 张**; an organisation's name stays whole (it is no personal data).</summary>
    public static string Name(string name, string? applicantCategory) =>
        applicantCategory is not (null or Disclosure.Domain.Applications.ApplicantCategories.NaturalPerson) || name.Length <= 1 ? name : name[..1] + new string('*', name.Length - 1);

    /// <summary>13812345678 → 138****5678.</summary>
    public static string? Phone(string? phone) => phone is null ? null
        : phone.Length <= 7 ? new string('*', phone.Length)
        : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
