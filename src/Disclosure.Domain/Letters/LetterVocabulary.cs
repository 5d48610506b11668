namespace Disclosure.Domain.Letters;

public static class LetterChannels
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("online", "网上信箱"),
        new("hotline", "12345热线转办"),
        new("post", "来信"),
        new("in_person", "来访"),
        new("email", "电子邮件"),
        new("other", "其他"),
    ];
}

public static class LetterCategories
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("consultation", "咨询"),
        new("complaint", "投诉"),
        new("suggestion", "建议"),
        new("help", "求助"),
        new("report", "举报"),
        new("praise", "表扬"),
        new("other", "其他"),
    ];
}

/// <summary>
/// The mailbox form as cities practise it (市长信箱 网上写信): a real name and a phone number, one of four types, a title of
/// 10 to 25 characters and a body of at most 600; the writer says whether the reply may be published. Matters the law
/// sends elsewhere (诉讼、仲裁、行政复议、信访) are pointed to their channel before the form.
/// </summary>
public static class OnlineLetterCategories
{
    /// <summary>The types a writer chooses online (咨询/投诉/建议/求助), the same terms as <see cref="LetterCategories"/>; a clerk logging a letter has the whole list.</summary>
    public static readonly IReadOnlyList<Term> All =
        [.. LetterCategories.All.Where(t => t.Code is "consultation" or "complaint" or "suggestion" or "help")];
}

public static class MailboxForm
{
    public const int SubjectMin = 10;
    public const int SubjectMax = 25;
    public const int BodyMax = 600;

    /// <summary>The types a writer chooses online: <see cref="OnlineLetterCategories"/>.</summary>
    public static IReadOnlyList<Term> Categories => OnlineLetterCategories.All;

    /// <summary>Shown above the form: these matters have their own statutory channels (信访工作条例第十四条、第二十二条).</summary>
    public const string OtherChannels =
        "已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决的事项，请向人民法院、仲裁机构或者复议机关提出；信访事项请通过信访渠道提出。本信箱不受理上述事项。";
}

/// <summary>Why a letter is not accepted (不予受理) — the customary grounds of the mailbox rules.</summary>
public static class RejectionReasons
{
    public const string DisclosureRequest = "disclosure_request";

    public static readonly IReadOnlyList<Term> All =
    [
        new("anonymous_no_contact", "匿名或无有效联系方式"),
        new("courts_arbitration_reconsideration", "应通过诉讼、仲裁、行政复议等法定途径解决"),
        new("petition_procedure", "已进入信访程序"),
        new("repeat_answered", "重复来信且已答复"),
        new(DisclosureRequest, "属于政府信息公开申请，转依申请公开办理"),
        new("advertising", "广告等无关内容"),
        new("other", "其他"),
    ];
}

public static class Satisfactions
{
    public const string Unsatisfied = "unsatisfied";

    public static readonly IReadOnlyList<Term> All =
    [
        new("satisfied", "满意"),
        new("basically_satisfied", "基本满意"),
        new(Unsatisfied, "不满意"),
    ];
}

public static class LetterStatuses
{
    public const string Received = "received";
    public const string Accepted = "accepted";
    public const string Assigned = "assigned";
    public const string Returned = "returned";
    public const string Replied = "replied";
    public const string Reopened = "reopened";
    public const string Rejected = "rejected";
    public const string Closed = "closed";
    public const string Reclassified = "reclassified";
    /// <summary>信访: a 复查 or 复核 of the answer is asked and its 意见 is owed (信访工作条例第三十五条、第三十六条).</summary>
    public const string UnderReexamination = "under_reexamination";
    public const string UnderRecheck = "under_recheck";

    public static readonly IReadOnlyList<Term> All =
    [
        new(Received, "待受理"),
        new(Accepted, "已受理待转办"),
        new(Assigned, "办理中"),
        new(Returned, "部门退回待重新转办"),
        new(Replied, "已答复"),
        new(Reopened, "不满意重新办理"),
        new(Rejected, "不予受理"),
        new(Closed, "已办结"),
        new(Reclassified, "已转为政府信息公开申请"),
        new(UnderReexamination, "复查中"),
        new(UnderRecheck, "复核中"),
    ];

    /// <summary>The public look-up shows the writer only these plain words.</summary>
    public static string PublicLabel(string status) => status switch
    {
        Received => "已收到，待受理",
        Accepted or Assigned or Returned or Reopened => "办理中",
        Replied => "已答复",
        Rejected => "不予受理",
        Closed => "已办结",
        Reclassified => "已转为政府信息公开申请办理",
        UnderReexamination => "复查中",
        UnderRecheck => "复核中",
        _ => "办理中",
    };
}

/// <summary>An agency's mailbox time limits in working days; the defaults apply until it sets its own.</summary>
public sealed record LetterTimeLimits(int AcceptWithin, int ReplyWithin)
{
    public static LetterTimeLimits Default { get; } = new(3, 15);
    public const int ReturnWithin = 5;
    public const int MaxExtension = 30;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (AcceptWithin is < 1 or > 30) errors["acceptWithinWorkingDays"] = ["1 to 30 working days."];
        if (ReplyWithin is < 1 or > 60) errors["replyWithinWorkingDays"] = ["1 to 60 working days."];
        return errors;
    }
}

/// <summary>
/// 信访工作条例 (2022) limits for a letter registered as 信访, in calendar days (自然日), not working days: 受理/转送 within 15
/// days of receipt (第二十二条、第二十三条); 办结 within 60 days of 受理, extendable once by at most 30 with the reason told to
/// the writer (第三十四条).
/// </summary>
public static class PetitionTimeLimits
{
    public const int AcceptWithin = 15;
    public const int FinishWithin = 60;
    public const int MaxExtension = 30;
    /// <summary>复查 may be asked within 30 days of receiving the written answer (第三十五条); 复核 within 30 days of receiving the 复查意见 (第三十六条).</summary>
    public const int RequestReviewWithin = 30;
    /// <summary>复查意见 and 复核意见 are given within 30 days of receiving the request (第三十五条、第三十六条).</summary>
    public const int AnswerReviewWithin = 30;
}

/// <summary>The two levels of review of a 信访事项's answer (信访工作条例第三十五条、第三十六条): 复查, then 复核, which is final.</summary>
public static class PetitionReviewStages
{
    public const string Reexamination = "reexamination";
    public const string Recheck = "recheck";

    public static readonly IReadOnlyList<Term> All =
    [
        new(Reexamination, "复查"),
        new(Recheck, "复核"),
    ];
}
