namespace Disclosure.Domain.Reviews;

/// <summary>
/// The kinds of review case: 行政复议, 行政诉讼 first instance (directly or after 复议) and 上诉. The first three are the
/// groups of report table 四 (<see cref="Applications.ReviewKinds"/>); an appeal is the same dispute at second instance
/// and is not counted again (table 四 counts a suit once, at first instance).
/// </summary>
public static class ReviewCaseKinds
{
    public const string Reconsideration = "reconsideration";
    public const string LawsuitDirect = "lawsuit_direct";
    public const string LawsuitAfterReconsideration = "lawsuit_after_reconsideration";
    public const string Appeal = "appeal";

    public static readonly IReadOnlyList<Term> All =
    [
        new(Reconsideration, "行政复议"),
        new(LawsuitDirect, "行政诉讼（未经复议直接起诉）"),
        new(LawsuitAfterReconsideration, "行政诉讼（复议后起诉）"),
        new(Appeal, "行政诉讼（上诉）"),
    ];

    public static bool IsLawsuit(string kind) => kind != Reconsideration;

    /// <summary>Whether table 四 counts the review (the first-instance kinds and 复议).</summary>
    public static bool CountsInReport(string kind) => kind != Appeal;
}

/// <summary>The procedure of a review: 复议 of a 政府信息公开 case may take the simplified procedure (行政复议法第五十三条第一款第四项).</summary>
public static class ReviewProcedures
{
    public const string Ordinary = "ordinary";
    public const string Simplified = "simplified";

    public static readonly IReadOnlyList<Term> All =
    [
        new(Ordinary, "普通程序"),
        new(Simplified, "简易程序"),
    ];
}

/// <summary>
/// What a 复议 decision or a judgment decided, and where table 四 puts it. 纠正 = 变更, 撤销, 确认违法, 责令履行 (行政复议法
/// 第六十三条至第六十六条) and 确认无效 (第六十七条: the act is void, so it is corrected too); 维持 (第六十八条); 其他 = 驳回
/// (第六十九条), 终止, 和解/调解 and the like.
/// </summary>
public static class ReviewOutcomes
{
    public const string Upheld = "upheld";
    public const string Varied = "varied";
    public const string Revoked = "revoked";
    public const string DeclaredUnlawful = "declared_unlawful";
    public const string OrderedToPerform = "ordered_to_perform";
    public const string DeclaredVoid = "declared_void";
    public const string Dismissed = "dismissed";
    public const string Terminated = "terminated";
    public const string Settled = "settled";
    public const string Other = "other";

    public static readonly IReadOnlyList<Term> All =
    [
        new(Upheld, "维持（行政复议法第六十八条）"),
        new(Varied, "变更（行政复议法第六十三条）"),
        new(Revoked, "撤销（行政复议法第六十四条）"),
        new(DeclaredUnlawful, "确认违法（行政复议法第六十五条）"),
        new(OrderedToPerform, "责令履行（行政复议法第六十六条）"),
        new(DeclaredVoid, "确认无效（行政复议法第六十七条）"),
        new(Dismissed, "驳回（行政复议法第六十九条）"),
        new(Terminated, "终止"),
        new(Settled, "和解或调解"),
        new(Other, "其他"),
    ];

    /// <summary>Outcomes that may order the agency to answer the application again (重新作出/履行, arts. 64, 66).</summary>
    public static readonly IReadOnlySet<string> MayRequireNewAnswer = new HashSet<string> { Revoked, OrderedToPerform, DeclaredUnlawful, DeclaredVoid };

    /// <summary>The column of table 四: <c>upheld</c>, <c>corrected</c> or <c>other</c> (<see cref="Applications.ReviewResults"/>).</summary>
    public static string ResultOf(string outcome) => outcome switch
    {
        Upheld => "upheld",
        Varied or Revoked or DeclaredUnlawful or OrderedToPerform or DeclaredVoid => "corrected",
        _ => "other",
    };
}

/// <summary>Where a review case stands: its reply owed, its reply filed, decided.</summary>
public static class ReviewStatuses
{
    public const string AwaitingReply = "awaiting_reply";
    public const string Replied = "replied";
    public const string Decided = "decided";

    public static readonly IReadOnlyList<Term> All =
    [
        new(AwaitingReply, "待答复"),
        new(Replied, "已答复，待决定"),
        new(Decided, "已决定或裁判"),
    ];
}
