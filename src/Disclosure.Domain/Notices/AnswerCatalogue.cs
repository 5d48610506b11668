using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Notices;

/// <summary>A sub-case of an outcome that rests on another provision, e.g. 已主动公开 (第三十六条第（一）项) under 予以公开.</summary>
public sealed record AnswerVariant(string Code, string Label, IReadOnlyList<string> Articles, string? Decision = null);

/// <summary>
/// What the answer (告知书) to one outcome of report table 三 says by default: the articles of the 条例 it rests on,
/// the lead of the findings (经审查/经检索) and the decision. The clerk may replace findings and decision and add reasons.
/// </summary>
/// <param name="Also">A basis outside the 条例, cited after its articles.</param>
/// <param name="NeedsProvision">The answer must say how, where and when the information is provided (条例第三十六条第（一）（二）项).</param>
/// <param name="NeedsDecision">No default wording: the clerk writes the decision and its basis.</param>
public sealed record AnswerEntry(
    string Outcome, string Name, IReadOnlyList<string> Articles, string FindingsLead, string Decision,
    IReadOnlyList<AnswerVariant> Variants, string? Also = null, bool NeedsProvision = false, bool NeedsDecision = false);

/// <summary>
/// One entry per outcome code (<see cref="Outcomes.All"/>), legal basis per notices-and-fees.md §2. Article text verified;
/// the match of article to report row follows practice.
/// </summary>
public static class AnswerCatalogue
{
    public const string Regulation = "《中华人民共和国政府信息公开条例》";
    public const string FeeMeasures = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）";

    private const string Withhold = "第三十六条第（三）项";
    private const string Examined = "经审查";
    private const string Searched = "经检索";

    public static readonly IReadOnlyList<AnswerEntry> All =
    [
        new(Outcomes.Disclosed, "予以公开", ["第三十六条第（二）项"], Examined,
            "您申请获取的政府信息属于可以公开的政府信息，本机关予以公开。",
            [new("already_public", "已主动公开", ["第三十六条第（一）项"], "您申请获取的政府信息本机关已经主动公开，您可以通过下列方式和途径获取。")],
            NeedsProvision: true),
        // 第三十七条 + the ground of the withheld part: a variant per withholding ground (see PartialVariants)
        new(Outcomes.PartiallyDisclosed, "部分公开", ["第三十七条"], Examined,
            "您申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理，本机关向您提供可以公开的政府信息内容，对不予公开的内容说明理由如下。",
            [], NeedsProvision: true),
        new("withheld_state_secret", "不予公开（属于国家秘密）", ["第十四条", Withhold], Examined,
            "您申请获取的政府信息属于国家秘密，依法确定为国家秘密的政府信息不予公开，本机关决定不予公开。", []),
        new("withheld_prohibited_by_law", "不予公开（其他法律行政法规禁止公开）", ["第十四条", Withhold], Examined,
            "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，本机关决定不予公开。", []),
        new("withheld_security_stability", "不予公开（危及“三安全一稳定”）", ["第十四条", Withhold], Examined,
            "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，本机关决定不予公开。", []),
        new("withheld_third_party_rights", "不予公开（保护第三方合法权益）", ["第十五条", Withhold], Examined,
            "您申请获取的政府信息涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害，本机关决定不予公开。",
            [new("consulted", "已征求第三方意见", ["第十五条", "第三十二条", Withhold],
                "您申请获取的政府信息涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害，经书面征求第三方意见，第三方不同意公开且有合理理由，本机关决定不予公开。")]),
        new("withheld_internal_affairs", "不予公开（属于三类内部事务信息）", ["第十六条第一款", Withhold], Examined,
            "您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息，本机关决定不予公开。", []),
        new("withheld_process_information", "不予公开（属于四类过程性信息）", ["第十六条第二款", Withhold], Examined,
            "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，本机关决定不予公开。", []),
        new("withheld_enforcement_case_file", "不予公开（属于行政执法案卷）", ["第十六条第二款", Withhold], Examined,
            "您申请获取的政府信息属于行政执法案卷信息，本机关决定不予公开。", []),
        new("withheld_administrative_query", "不予公开（属于行政查询事项）", ["第三十六条第（七）项"], Examined,
            "您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的信息，请您依照有关法律、行政法规的规定办理。", []),
        new("unavailable_not_held", "无法提供（本机关不掌握相关政府信息）", ["第三十六条第（四）项"], Searched,
            "本机关未制作、获取您申请获取的政府信息，该政府信息不存在。",
            [new("not_this_agency", "不属于本机关负责公开", ["第三十六条第（五）项"],
                "您申请获取的政府信息不属于本机关负责公开。能够确定负责公开该政府信息的行政机关的，其名称和联系方式见下。")]),
        new("unavailable_needs_creation", "无法提供（没有现成信息需要另行制作）", ["第三十八条"], Examined,
            "您申请获取的信息本机关没有现成信息，需要对现有政府信息进行加工、分析，本机关不予提供。", []),
        new("unavailable_still_unclear", "无法提供（补正后申请内容仍不明确）", ["第三十条"], Examined,
            "您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。", []),
        new(Outcomes.NotProcessedPetitionComplaint, "不予处理（信访举报投诉类申请）", ["第三十九条第一款"], Examined,
            "您提出的申请属于以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。", []),
        new("not_processed_duplicate", "不予处理（重复申请）", ["第三十六条第（六）项"], Examined,
            "您提出的申请与本机关已经答复的政府信息公开申请内容重复，本机关不予重复处理。", []),
        new("not_processed_publication", "不予处理（要求提供公开出版物）", ["第三十九条第二款"], Examined,
            "您要求提供的是政府公报、报刊、书籍等公开出版物，本机关不予处理，您可以通过下列途径获取。", []),
        new("not_processed_excessive", "不予处理（无正当理由大量反复申请）", ["第三十五条"], Examined,
            "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，您提出的理由不合理，本机关不予处理。", []),
        // UNVERIFIED: no article names this case. Practice cites 第二条 (not a request for existing 政府信息) or
        // 第三十八条 (re-issuing means making a new document); both are offered, 第二条 by default.
        new("not_processed_confirmation", "不予处理（要求行政机关确认或重新出具已获取信息）", ["第二条"], Examined,
            "您的申请系要求本机关确认或者重新出具您已获取的信息，不属于《中华人民共和国政府信息公开条例》规定的政府信息公开申请，本机关不予处理。",
            [new("reissue", "要求重新出具", ["第三十八条"],
                "您的申请系要求本机关重新出具您已获取的信息，需要本机关另行制作，本机关不予处理。")]),
        new(Outcomes.OtherNoCorrection, "其他处理（逾期不补正）", ["第三十条"], Examined,
            "您无正当理由逾期未补正，视为放弃申请，本机关不再处理您的政府信息公开申请。", []),
        // 第四十二条 authorises the fee; the 办法 sets the 20-working-day payment period and its consequence
        new(Outcomes.OtherFeeUnpaid, "其他处理（逾期未缴纳信息处理费）", ["第四十二条"], Examined,
            "您未在收费通知要求的期限内缴纳信息处理费，视为放弃申请，本机关不再处理您的政府信息公开申请。", [], Also: FeeMeasures),
        // 其他 (e.g. withdrawn): no default basis exists, the clerk writes decision and basis
        new(Outcomes.OtherOther, "其他处理", [], Examined, "", [], NeedsDecision: true),
    ];

    public static AnswerEntry For(string outcome) =>
        All.FirstOrDefault(e => e.Outcome == outcome)
        ?? throw Refusal.Invalid("outcome", $"'{outcome}' is not a known outcome code. Allowed: {string.Join(", ", All.Select(e => e.Outcome))}.");

    /// <summary>The variants a clerk may pick for an outcome; for 部分公开 the ground of the withheld part.</summary>
    public static IReadOnlyList<AnswerVariant> VariantsOf(string outcome) =>
        outcome == Outcomes.PartiallyDisclosed ? PartialVariants() : For(outcome).Variants;

    /// <summary>The legal basis as printed: 《条例》第十五条、第三十六条第（三）项.</summary>
    public static string Basis(string outcome, string? variant = null)
    {
        var entry = For(outcome);
        var articles = Variant(outcome, variant)?.Articles ?? entry.Articles;
        var cited = articles.Count == 0 ? [] : new List<string> { Regulation + string.Join("、", articles) };
        if (entry.Also is { } also) cited.Add(also);
        return string.Join("、", cited);
    }

    public static AnswerVariant? Variant(string outcome, string? variant)
    {
        if (string.IsNullOrWhiteSpace(variant)) return null;
        var variants = VariantsOf(outcome);
        return variants.FirstOrDefault(v => v.Code == variant)
               ?? throw Refusal.Invalid("variant", variants.Count == 0
                   ? $"The answer '{outcome}' has no variants."
                   : $"'{variant}' is not a variant of '{outcome}'. Allowed: {string.Join(", ", variants.Select(v => v.Code))}.");
    }

    /// <summary>部分公开: 第三十七条 together with the ground of the part withheld (the withheld_* outcome it falls under).</summary>
    private static IReadOnlyList<AnswerVariant> PartialVariants() =>
        All.Where(e => Remedies.IsWithheld(e.Outcome))
            .Select(e => new AnswerVariant(e.Outcome, $"不予公开部分：{e.Name}",
                e.Articles.Append("第三十七条").ToList()))
            .ToList();
}

/// <summary>
/// Every variant code an answer notice may name (<c>notice.variant</c>), with the outcome it belongs to — a vocabulary for
/// the OpenAPI document and the console; which variant fits which outcome is <see cref="AnswerCatalogue.VariantsOf"/>'s.
/// For 部分公开 the codes are the grounds of the withheld part (the withheld_* outcomes).
/// </summary>
public static class AnswerVariants
{
    public static readonly IReadOnlyList<Term> All =
        AnswerCatalogue.All.SelectMany(e => AnswerCatalogue.VariantsOf(e.Outcome).Select(v => new Term(v.Code, $"{e.Name}：{v.Label}")))
            .DistinctBy(t => t.Code).ToList();
}
