namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>
/// The Chinese label of every form field, by the API's JSON name (the same name the field carries in the form). Codes'
/// labels are never here: they come from the shared vocabulary (<see cref="Domain.Term"/>).
/// </summary>
public static class FieldLabels
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        // intake of an application (条例第二十九条)
        ["channel"] = "收到方式",
        ["applicant.category"] = "申请人类别",
        ["applicant.name"] = "姓名或名称",
        ["applicant.idType"] = "证件名称",
        ["applicant.idNumber"] = "证件号码",
        ["applicant.workplace"] = "工作单位",
        ["applicant.creditCode"] = "统一社会信用代码",
        ["applicant.legalRepresentative"] = "法定代表人或者负责人",
        ["applicant.contactName"] = "联系人姓名",
        ["applicant.phone"] = "联系电话",
        ["applicant.email"] = "电子邮箱",
        ["applicant.address"] = "通信地址",
        ["applicant.postalCode"] = "邮政编码",
        ["description"] = "所需信息的名称或内容描述",
        ["documentNumber"] = "文号或索引号",
        ["informationForm"] = "所需信息的载体形式",
        ["obtainBy"] = "获取信息的方式",
        ["otherWayAcceptable"] = "所选方式无法提供时，可接受其他方式",
        ["electronicConsent"] = "同意以电子方式送达",
        ["receivedOn"] = "收到日期",
        ["submittedOn"] = "申请人提交日期",
        // a letter
        ["category"] = "来信类别",
        ["subject"] = "标题",
        ["body"] = "来信内容",
        ["writer.name"] = "来信人姓名",
        ["writer.phone"] = "联系电话",
        ["writer.email"] = "电子邮箱",
        ["publicConsent"] = "同意公开来信及答复",
        // steps
        ["sentOn"] = "发出日期",
        ["items"] = "需补正的事项（每行一项）",
        ["correctBy"] = "补正期限",
        ["guidance"] = "补正指导和释明（写入补正告知书）",
        ["on"] = "日期",
        ["party"] = "征求意见的第三方或机关",
        ["information"] = "拟公开的信息（写入征求意见函）",
        ["partyIsAgency"] = "征求意见对象为行政机关",
        ["partyIsPerson"] = "第三方为自然人",
        ["consents"] = "是否同意公开",
        ["approvedOn"] = "批准日期",
        ["approvedBy"] = "批准人",
        ["workingDays"] = "延长的工作日数",
        ["reason"] = "理由",
        ["amountYuan"] = "金额（元）",
        ["basis"] = "计收方式",
        ["pages"] = "页数（按量收费）",
        ["waiverReason"] = "减免理由",
        ["paidOn"] = "缴费日期",
        ["decidedOn"] = "答复日期",
        ["outcome"] = "办理结果",
        ["note"] = "说明",
        // 关联 (a repeat or the same applicant's earlier application) and 不予处理（重复申请）
        ["relatedTo"] = "关联的在先申请（编号）",
        // what the answer notice (政府信息公开申请答复书) says beyond the catalogue's wording
        ["notice.variant"] = "答复书情形（留空按办理结果）",
        ["notice.findings"] = "审查或检索情况（留空为“经审查”）",
        ["notice.decision"] = "答复意见（留空按办理结果；其他处理必填）",
        ["notice.reasons"] = "理由及其他说明（每段一行）",
        ["notice.provision"] = "获取信息的方式、途径和时间（予以公开、部分公开必填，每项一行）",
        ["notice.basis"] = "其他依据",
        ["correctedOn"] = "更正日期",
        ["kind"] = "类型",
        ["filedOn"] = "提起日期",
        ["concludedOn"] = "审结日期",
        ["result"] = "结果",
        ["procedure"] = "复议程序",
        ["evidence"] = "证据及依据",
        ["newAnswerBy"] = "重新答复期限",
        ["department"] = "承办部门",
        ["text"] = "答复内容",
        ["publish"] = "公开答复",
        ["satisfaction"] = "满意度",
        // 送达 of a notice (国办公开办函〔2016〕235号) and returned mail
        ["method"] = "送达方式",
        ["signedOn"] = "签收日期（直接送达、委托送达）",
        ["signedBy"] = "签收人",
        ["postedOn"] = "交邮日期（邮寄送达）",
        ["postalTrackingNumber"] = "邮件号码",
        ["receiptSignedOn"] = "回执签收日期（邮寄送达，申请人收到之日）",
        ["consent"] = "申请人同意电子送达的记录（电子送达）",
        ["arrivedAt"] = "到达时间（电子送达，如 2026-03-03T10:00+08:00）",
        ["returnedOn"] = "退回日期",
        ["source"] = "模板正文（Liquid）",
        // settings and the report
        ["acceptWithinWorkingDays"] = "受理时限（工作日）",
        ["replyWithinWorkingDays"] = "答复时限（工作日）",
        ["workingDaysBefore"] = "到期前提醒（工作日）",
        ["overview"] = "一、总体情况",
        ["problems"] = "五、存在的主要问题及改进情况",
        ["other"] = "六、其他需要报告的事项",
        ["notice"] = "通知名称及文号",
        ["off"] = "放假日期（每行一个，年-月-日）",
        ["makeupWorkdays"] = "调休上班日期（每行一个，年-月-日）",
        ["id"] = "机关标识（英文小写，如 sanchang-park）",
        ["name"] = "机关名称",
        ["parentId"] = "上级机关标识",
        ["code"] = "编号前缀（大写字母或数字）",
        ["publishedOn"] = "公开日期",
        ["layout"] = "报告格式（2019 或 2021，留空按年度）",
        ["trackingNumber"] = "编号",
        ["year"] = "年度",
        ["queryCode"] = "查询码",
        // the search box, its filters, and where a result matched
        ["q"] = "检索词",
        ["status"] = "状态",
        ["applicantCategory"] = "申请人类别",
        ["applicantName"] = "申请人",
        ["writerName"] = "来信人",
        ["decisionNotes"] = "答复说明",
        ["replies"] = "答复内容",
    };

    public static string Of(string field) => Labels.TryGetValue(field, out var label) ? label
        : throw new InvalidOperationException($"The console has no Chinese label for the field '{field}'.");

    public static bool Has(string field) => Labels.ContainsKey(field);
}
