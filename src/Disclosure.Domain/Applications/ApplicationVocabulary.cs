namespace Disclosure.Domain.Applications;

/// <summary>Channels of an application (条例第二十九条、第三十一条).</summary>
public static class Channels
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("in_person", "当面提交"),
        new("post", "邮寄（挂号信）"),
        new("letter", "平信"),
        new("online", "互联网"),
        new("email", "电子邮件"),
        new("fax", "传真"),
        new("other", "其他"),
    ];
}

/// <summary>Applicant categories, in the column order of report table 三.</summary>
public static class ApplicantCategories
{
    public const string NaturalPerson = "natural_person";

    public static readonly IReadOnlyList<Term> All =
    [
        new(NaturalPerson, "自然人"),
        new("commercial_enterprise", "商业企业"),
        new("research_institution", "科研机构"),
        new("public_interest_organization", "社会公益组织"),
        new("legal_service_institution", "法律服务机构"),
        new("other_organization", "其他"),
    ];

    /// <summary>The heading report table 三 puts over every category but 自然人 (国办公开办函〔2021〕30号).</summary>
    public const string Organisations = "法人或其他组织";

    /// <summary>The heading a category stands under in table 三, or null when it stands alone (自然人).</summary>
    public static string? GroupOf(string code) => code == NaturalPerson ? null : Organisations;
}

/// <summary>证件名称: the identity document a natural person applies with (条例第二十九条第一项).</summary>
public static class IdentityDocumentTypes
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("resident_id_card", "居民身份证"),
        new("passport", "护照"),
        new("hk_macao_permit", "港澳居民来往内地通行证"),
        new("taiwan_permit", "台湾居民来往大陆通行证"),
        new("foreign_permanent_residence", "外国人永久居留身份证"),
        new("other", "其他"),
    ];
}

/// <summary>The form (载体) in which the applicant wants the information (条例第二十九条第三项).</summary>
public static class InformationForms
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("paper", "纸质"),
        new("electronic_email", "电子文本（电子邮件）"),
        new("electronic_disc", "电子文本（光盘）"),
        new("electronic_storage", "电子文本（U盘/移动存储）"),
    ];
}

/// <summary>How the applicant obtains the information (获取方式, 条例第二十九条第三项): the way the answer and a fee notice go out.</summary>
public static class ObtainWays
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("post", "邮寄"),
        new("email", "电子邮件"),
        new("pickup", "当面领取"),
        new("on_site_reading", "现场查阅（抄录）"),
        new("online_download", "网上下载"),
    ];
}

/// <summary>
/// The 21 answer codes (办理结果), in the row order of report table 三 (2021 layout).
/// Each has the label printed in the report and the article it usually rests on.
/// </summary>
public static class Outcomes
{
    public const string Disclosed = "disclosed";
    public const string PartiallyDisclosed = "partially_disclosed";
    public const string NotProcessedPetitionComplaint = "not_processed_petition_complaint";
    /// <summary>不予处理 — 重复申请 (条例第三十六条第（六）项): only with a related earlier case of the same applicant that was answered.</summary>
    public const string NotProcessedDuplicate = "not_processed_duplicate";
    public const string OtherNoCorrection = "other_no_correction";
    public const string OtherFeeUnpaid = "other_fee_unpaid";
    public const string OtherOther = "other_other";

    public static readonly IReadOnlyList<Term> All =
    [
        new(Disclosed, "（一）予以公开"),
        new(PartiallyDisclosed, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        new("withheld_state_secret", "1.属于国家秘密"),
        new("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开"),
        new("withheld_security_stability", "3.危及“三安全一稳定”"),
        new("withheld_third_party_rights", "4.保护第三方合法权益"),
        new("withheld_internal_affairs", "5.属于三类内部事务信息"),
        new("withheld_process_information", "6.属于四类过程性信息"),
        new("withheld_enforcement_case_file", "7.属于行政执法案卷"),
        new("withheld_administrative_query", "8.属于行政查询事项"),
        new("unavailable_not_held", "1.本机关不掌握相关政府信息"),
        new("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
        new("unavailable_still_unclear", "3.补正后申请内容仍不明确"),
        new(NotProcessedPetitionComplaint, "1.信访举报投诉类申请"),
        new(NotProcessedDuplicate, "2.重复申请"),
        new("not_processed_publication", "3.要求提供公开出版物"),
        new("not_processed_excessive", "4.无正当理由大量反复申请"),
        new("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
        new(OtherNoCorrection, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        new(OtherFeeUnpaid, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        new(OtherOther, "3.其他"),
    ];
}

public static class ReviewKinds
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("reconsideration", "行政复议"),
        new("lawsuit_direct", "行政诉讼（未经复议直接起诉）"),
        new("lawsuit_after_reconsideration", "行政诉讼（复议后起诉）"),
    ];
}

public static class ReviewResults
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("upheld", "结果维持"),
        new("corrected", "结果纠正"),
        new("other", "其他结果"),
    ];
}

public static class FeeBases
{
    /// <summary>国办函〔2020〕109号: charged per item (按件) or per page (按量), never both on one application.</summary>
    public static readonly IReadOnlyList<Term> All =
    [
        new("per_item", "按件计收"),
        new("per_page", "按量计收"),
    ];
}

public static class ApplicationStatuses
{
    public const string Received = "received";
    public const string AwaitingCorrection = "awaiting_correction";
    public const string InConsultation = "in_consultation";
    public const string AwaitingFee = "awaiting_fee";
    public const string Answered = "answered";
    public const string Withdrawn = "withdrawn";
    public const string Abandoned = "abandoned";
    /// <summary>Submitted online, not yet confirmed by the agency (条例第三十一条: received the day both sides confirm).</summary>
    public const string AwaitingConfirmation = "awaiting_confirmation";
    public const string Returned = "returned";

    public static readonly IReadOnlyList<Term> All =
    [
        new(Received, "办理中"),
        new(AwaitingCorrection, "待补正"),
        new(InConsultation, "征求意见中"),
        new(AwaitingFee, "待缴费"),
        new(Answered, "已答复"),
        new(Withdrawn, "申请人撤回"),
        new(Abandoned, "视为放弃（逾期不补正或不缴费）"),
        new(AwaitingConfirmation, "待确认"),
        new(Returned, "已退回（不属于政府信息公开申请）"),
    ];

    /// <summary>What an applicant sees on the public status page: no internal stage names.</summary>
    public static string PublicLabel(string status) => status switch
    {
        Answered => "已答复",
        Withdrawn => "已撤回",
        Abandoned => "已终止办理",
        AwaitingCorrection => "待申请人补正",
        AwaitingFee => "待申请人缴费",
        AwaitingConfirmation => "已提交，待行政机关确认",
        Returned => "已退回",
        _ => "办理中",
    };
}
