using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Notices;

/// <summary>
/// 救济途径 — the remedies clause of an answer, as it must read since 2024-01-01 (行政复议法 2023 第九十条).
/// 复议: within 六十日 (行政复议法第二十条); 诉讼: within 六个月 (行政诉讼法第四十六条; the "3个月" of old templates is outdated).
/// 不予公开 goes to 复议 first, and the agency must say so (行政复议法第二十三条第一款第（四）项、第二款).
/// </summary>
public static class Remedies
{
    public const string ReconsiderationLaw = "《中华人民共和国行政复议法》";
    public const string LitigationLaw = "《中华人民共和国行政诉讼法》";

    public static bool IsWithheld(string outcome) => outcome.StartsWith("withheld_", StringComparison.Ordinal);

    /// <summary>
    /// Whether the applicant must seek 复议 before suing. For 部分公开 this is the project's reading, not a source:
    /// its withheld part is a 不予公开, and telling an applicant to go to 复议 first is never harmful (复议 is always open),
    /// while suing directly over the withheld part would be turned away.
    /// </summary>
    public static bool ReconsiderationFirst(string outcome) => IsWithheld(outcome) || outcome == Outcomes.PartiallyDisclosed;

    /// <param name="pronoun">您 or 贵单位.</param>
    /// <param name="reconsiderationBody">The 复议机关 the agency configured (行政复议法第二十四条至第二十七条).</param>
    public static string Clause(string outcome, string reconsiderationBody, string pronoun = "您")
    {
        if (string.IsNullOrWhiteSpace(reconsiderationBody))
            throw Refusal.Invalid("reconsiderationBody", "Name the 复议机关 the remedies clause points to (行政复议法第二十四条至第二十七条).");
        var reconsider = $"{pronoun}可以自收到本答复之日起六十日内向{reconsiderationBody}申请行政复议（{ReconsiderationLaw}第二十条第一款）";
        if (!ReconsiderationFirst(outcome))
            return $"如对本答复不服，{reconsider}，也可以自收到本答复之日起六个月内依法向人民法院提起行政诉讼（{LitigationLaw}第四十六条第一款）。";
        var what = outcome == Outcomes.PartiallyDisclosed ? "本答复中不予公开的部分" : "本答复";
        return $"{what}属于行政机关对政府信息公开申请不予公开的情形。根据{ReconsiderationLaw}第二十三条第一款第（四）项的规定，" +
               $"对此不服的，应当先向行政复议机关申请行政复议；对行政复议决定不服的，可以再依法向人民法院提起行政诉讼。" +
               $"如对本答复不服，{reconsider}。";
    }
}
