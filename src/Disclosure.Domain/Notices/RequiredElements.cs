namespace Disclosure.Domain.Notices;

/// <summary>An element a notice of some kind cannot leave out: the template name it is read from and what it is called.</summary>
public sealed record RequiredElement(string Path, string Name);

/// <summary>
/// The elements a template must print, per kind. Every notice (a 公文): the agency, the title, 文号, addressee and the date
/// (成文日期). Every answer, in the order of real answers (notices-and-fees.md, "Structure of real answers"): the received
/// date and what was asked (本机关于X年X月X日收到您（要求获取…）的申请), findings, the decision and its reasons, the legal basis,
/// how, where and when the information is provided (条例第三十六条第（一）（二）项, printed where the answer provides it) and
/// the remedies clause (行政复议法第二十三条第二款 requires the 复议-first notice to be given). Procedural notices: the
/// application they are about and the facts the law makes them carry.
/// </summary>
public static class RequiredElements
{
    private static readonly RequiredElement[] Every =
        [new("agency.name", "机关名称"), new("title", "文书标题"), new("number", "文号"), new("addressee", "称谓（收件人）"), new("issued_on", "成文日期")];

    // the applicant is told which application the notice is about: received when, asking for what
    private static readonly RequiredElement[] TheApplication =
        [new("application.received_on", "收到申请日期"), new("application.request", "申请获取的政府信息（要求获取…）")];

    public static IReadOnlyList<RequiredElement> For(string templateKey)
    {
        if (templateKey == NoticeKinds.AnswerTemplate) return [.. Every, .. Answer];
        var kind = NoticeKinds.Require("kind", templateKey);
        return kind.IsAnswer ? [.. Every, .. Answer] : [.. Every, .. Own(kind.Code)];
    }

    private static readonly RequiredElement[] Answer =
    [
        .. TheApplication,
        new("answer.findings", "审查、检索情况（经审查/经检索）"),
        new("answer.decision", "处理决定"),
        new("answer.reasons", "处理决定的理由（不予公开部分及其理由、负责机关及联系方式等）"),
        new("answer.legal_basis", "法律依据"),
        new("answer.provision", "提供政府信息的方式、途径和时间"),
        new("answer.remedies", "救济途径（行政复议、行政诉讼）"),
    ];

    private static RequiredElement[] Own(string kind) => kind switch
    {
        NoticeKinds.Receipt => [.. TheApplication, new("application.tracking_number", "登记号")],
        NoticeKinds.Correction =>
        [
            .. TheApplication, new("correction.items", "补正事项"), new("correction.correct_by", "补正期限"),
            new("correction.rule", "答复期限重新计算及逾期不补正的后果（条例第三十条）"),
        ],
        NoticeKinds.Extension =>
        [
            .. TheApplication, new("extension.reason", "延期理由"), new("extension.working_days", "延长的工作日数"),
            new("extension.new_due_on", "延长后的答复期限"), new("extension.approved_by", "批准人（条例第三十三条第二款）"),
            new("extension.rule", "延期依据（条例第三十三条第二款）"),
        ],
        // to the third party: the applicant is not named (条例第三十二条 asks for its opinion on the information, not on who asked)
        NoticeKinds.ConsultationLetter =>
        [
            new("application.received_on", "收到申请日期"), new("consultation.information", "征求意见的政府信息"),
            new("consultation.question", "征求意见的事项"), new("consultation.rule", "提出意见的期限及逾期后果（条例第三十二条）"),
        ],
        NoticeKinds.ConsultationNotice =>
        [
            .. TheApplication, new("consultation.party", "被征求意见的第三方或机关"),
            new("consultation.rule", "征求意见时间不计入答复期限（条例第三十三条第三款）"),
        ],
        NoticeKinds.FeeNotice =>
        [
            .. TheApplication, new("fee.basis", "收费依据"), new("fee.bands", "收费标准"), new("fee.amount", "收费数额"), new("fee.lines", "计算过程"),
            new("fee.how_to_pay", "缴纳方式"), new("fee.rule", "缴费期限及逾期未缴的后果"),
        ],
        _ => [],
    };
}
