using System.Security.Claims;
using Disclosure.Host.Security;

namespace Disclosure.Host.Privacy;

/// <summary>
/// What of an applicant's or writer's personal data a signed-in user sees on the console — decided once, by role, and used by
/// every page that shows it (the worklist, search, the case pages), so the same person reads the same on each.
/// 个人信息保护法第六条 (最小必要): the staff who work the cases — 登记 (intake), 承办 (handler), 审核 (supervisor) — need the
/// name and the ways to reach the applicant to do so, and see them in full; anyone else the console lets in (a system
/// administrator who holds none of those roles) sees a name masked (张** for a person; an organisation's name is no personal
/// data) and no e-mail or address. An identity number and a phone number are masked for everyone on screen
/// (<see cref="Mask"/>): enough to tell two people apart; the full ones go only into the written notices.
/// </summary>
public sealed record PersonalDataView(bool CaseWorker)
{
    /// <summary>The roles that work the cases and so see the applicant's name and contact details in full.</summary>
    public static readonly string[] CaseWorkerRoles = [Roles.Intake, Roles.Handler, Roles.Supervisor];

    public static PersonalDataView For(ClaimsPrincipal user) => new(CaseWorkerRoles.Any(user.IsInRole));

    /// <summary>Said in place of what this user does not see.</summary>
    public const string Withheld = "（不显示）";

    public string Name(string? name, string? applicantCategory) =>
        name is null ? "" : CaseWorker ? name : Mask.Name(name, applicantCategory);

    public string? IdNumber(string? id) => Mask.IdNumber(id);

    public string? Phone(string? phone) => Mask.Phone(phone);

    /// <summary>An e-mail address, a postal address, a contact person's or legal representative's name.</summary>
    public string? Contact(string? value) => value is null ? null : CaseWorker ? value : Withheld;
}
