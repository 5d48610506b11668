namespace Disclosure.Domain.Notices;

/// <summary>An element a notice of some kind cannot leave out: the template name it is read from and what it is called.</summary>
public sealed record RequiredElement(string Path, string Name);

/// <summary>
/// The elements a template must print, per kind. Every notice: 文号, addressee, date (成文日期). Every answer: the decision,
/// its legal basis and the remedies clause (行政复议法第二十三条第二款 requires the 复议-first notice to be given).
/// Procedural notices: the facts the law makes them carry.
/// </summary>
public static class RequiredElements
{
    private static readonly RequiredElement[] Every =
        [new("number", "文号"), new("addressee", "称谓（收件人）"), new("issued_on", "成文日期")];

    public static IReadOnlyList<RequiredElement> For(string templateKey)
    {
        if (templateKey == NoticeKinds.AnswerTemplate) return [.. Every, .. Answer];
        var kind = NoticeKinds.Require("kind", templateKey);
        return kind.IsAnswer ? [.. Every, .. Answer] : [.. Every, .. Own(kind.Code)];
    }

    private static readonly RequiredElement[] Answer =
    [
        new("answer.decision", "处理决定"),
        new("answer.legal_basis", "法律依据"),
        new("answer.remedies", "救济途径（行政复议、行政诉讼）"),
    ];

    private static RequiredElement[] Own(string kind) => kind switch
    {
        NoticeKinds.Receipt => [new("application.tracking_number", "登记号"), new("application.received_on", "收到申请日期")],
        NoticeKinds.Correction =>
        [
            new("correction.items", "补正事项"), new("correction.correct_by", "补正期限"),
            new("correction.rule", "答复期限重新计算及逾期不补正的后果（条例第三十条）"),
        ],
        NoticeKinds.Extension =>
        [
            new("extension.working_days", "延长的工作日数"), new("extension.new_due_on", "延长后的答复期限"),
            new("extension.approved_by", "批准人（条例第三十三条第二款）"),
        ],
        NoticeKinds.ConsultationLetter =>
            [new("consultation.information", "征求意见的政府信息"), new("consultation.rule", "提出意见的期限及逾期后果（条例第三十二条）")],
        NoticeKinds.ConsultationNotice => [new("consultation.rule", "征求意见时间不计入答复期限（条例第三十三条第三款）")],
        NoticeKinds.FeeNotice =>
        [
            new("fee.basis", "收费依据"), new("fee.bands", "收费标准"), new("fee.amount", "收费数额"), new("fee.lines", "计算过程"),
            new("fee.how_to_pay", "缴纳方式"), new("fee.rule", "缴费期限及逾期未缴的后果"),
        ],
        _ => [],
    };
}
