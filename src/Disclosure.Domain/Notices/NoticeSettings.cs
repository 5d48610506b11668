namespace Disclosure.Domain.Notices;

/// <summary>
/// What an agency sets once for its notices.
/// </summary>
/// <param name="AgencyName">The name printed at the head and above the seal.</param>
/// <param name="ReconsiderationBody">复议机关 named in the remedies clause: for a department of a county-level or higher
/// government the same-level 人民政府; for a 乡镇 the county government; for 海关、金融、外汇、税务、国家安全 the next-higher
/// authority; a 国务院部门 itself (行政复议法第二十四条、第二十五条、第二十七条).</param>
/// <param name="NumberPatterns">文号 pattern per notice kind, e.g. "××公开〔{year}〕{n}号". The key "answer" serves every
/// answer kind without a pattern of its own.</param>
/// <param name="ContactLines">联系人、电话、地址 printed at the foot.</param>
public sealed record NoticeSettings(
    string AgencyName, string ReconsiderationBody, IReadOnlyDictionary<string, string> NumberPatterns, IReadOnlyList<string> ContactLines)
{
    /// <summary>
    /// The 文号 patterns of an agency that set none: one series per kind, all answers in one, each headed by the agency's
    /// tracking-number code (e.g. <c>SP公开答〔{year}〕{n}号</c>).
    /// </summary>
    public static Dictionary<string, string> DefaultPatterns(string code) => new()
    {
        [NoticeKinds.AnswerTemplate] = code + "公开答〔{year}〕{n}号",
        [NoticeKinds.Receipt] = code + "公开收〔{year}〕{n}号",
        [NoticeKinds.Correction] = code + "公开补〔{year}〕{n}号",
        [NoticeKinds.Extension] = code + "公开延〔{year}〕{n}号",
        [NoticeKinds.ConsultationLetter] = code + "公开征〔{year}〕{n}号",
        [NoticeKinds.ConsultationNotice] = code + "公开征告〔{year}〕{n}号",
        [NoticeKinds.FeeNotice] = code + "公开费〔{year}〕{n}号",
    };

    /// <summary>
    /// What a setting command of the agency registered as <paramref name="registeredName"/> with tracking-number code
    /// <paramref name="code"/> puts in force: the name printed defaults to the registered one; every kind the agency
    /// gives no pattern keeps its default series (<see cref="DefaultPatterns"/>), a kind it gives one is numbered by it;
    /// blank contact lines are dropped. A setting that cannot serve is refused naming it (<see cref="Validated"/>).
    /// </summary>
    public static NoticeSettings Decide(string registeredName, string code, string? agencyName, string? reconsiderationBody,
        IReadOnlyDictionary<string, string>? numberPatterns, IReadOnlyList<string>? contactLines)
    {
        var patterns = DefaultPatterns(code);
        foreach (var (kind, pattern) in numberPatterns ?? new Dictionary<string, string>()) patterns[kind] = pattern.Trim();
        return new NoticeSettings(string.IsNullOrWhiteSpace(agencyName) ? registeredName : agencyName.Trim(), reconsiderationBody?.Trim() ?? "",
            patterns, (contactLines ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList()).Validated();
    }

    /// <summary>The settings themselves, or a refusal naming the one that is wrong.</summary>
    public NoticeSettings Validated()
    {
        if (string.IsNullOrWhiteSpace(AgencyName)) throw Refusal.Invalid("agencyName", "The agency's name is printed on every notice; it is required.");
        if (string.IsNullOrWhiteSpace(ReconsiderationBody))
            throw Refusal.Invalid("reconsiderationBody", "Name the 复议机关 every answer points to (行政复议法第二十四条至第二十七条).");
        foreach (var (kind, pattern) in NumberPatterns)
        {
            if (kind != NoticeKinds.AnswerTemplate) NoticeKinds.Require($"numberPatterns.{kind}", kind);
            DocumentNumbers.Validate($"numberPatterns.{kind}", pattern);
        }
        return this;
    }

    /// <summary>The pattern a kind is numbered by: its own, else (for an answer) the one of all answers.</summary>
    public string PatternFor(string kind)
    {
        var noticeKind = NoticeKinds.Require("kind", kind);
        if (NumberPatterns.TryGetValue(kind, out var own)) return own;
        if (noticeKind.IsAnswer && NumberPatterns.TryGetValue(NoticeKinds.AnswerTemplate, out var answers)) return answers;
        throw Refusal.Invalid($"numberPatterns.{kind}", $"No 文号 pattern is set for {noticeKind.Label} ({kind}).");
    }

    /// <summary>
    /// The numbering series of a kind: kinds that share a pattern share one gap-free sequence per year, which the host
    /// allocates (one per agency, series and year).
    /// </summary>
    public string SeriesOf(string kind) => PatternFor(kind);

    /// <summary>The 文号 of the n-th notice of the kind's series in <paramref name="year"/>.</summary>
    public string Number(string kind, int year, int n) => DocumentNumbers.Format(PatternFor(kind), year, n);
}
