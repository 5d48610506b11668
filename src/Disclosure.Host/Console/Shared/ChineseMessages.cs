using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Disclosure.Domain;

namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>
/// The request policy's and the Domain's messages as a clerk reads them, in Chinese, by message key: the template as the
/// source writes it (<see cref="KeyedMessage"/> — literal parts with {0}, {1}… where the values go) maps to its Chinese
/// template, which puts the same values where Chinese wants them. A refusal carries its key to the console
/// (<see cref="Translate(KeyedMessage, string?)"/>); where only the English text travels (a problem details' field error),
/// the text is read back into its template by the template's own literal parts. A test reads every message template of
/// src/ and fails on one without its entry here (MessageCatalogueSpecs), so a reworded message cannot lose its Chinese.
/// </summary>
public static partial class ChineseMessages
{
    private static readonly Dictionary<string, string> ByKey = new()
    {
        ["'days' is required, 0 to 366."] = "请填写天数（0 至 366）。",
        ["'receivedOn' (the legal receipt date, yyyy-MM-dd) is required."] = "请填写收到申请日期（法定收到日期，年-月-日）。",
        ["'to' is on or after 'from'."] = "“至”的日期应不早于“自”的日期。",
        ["'{0}' is not a known outcome code. Allowed: {1}."] = "{0} 不是已知的办理结果代码。可选：{1}。",
        ["'{0}' is not a known {1} code. Allowed: {2}."] = "请从列表中选择。",
        ["'{0}' is not a variant of '{1}'. Allowed: {2}."] = "{0} 不是“{1}”的情形。可选：{2}。",
        ["'{0}' is not an item of table 二 in the {1} layout. Allowed: {2}."] = "{0} 不是 {1} 年版格式表二的项目。可选：{2}。",
        ["'{0}' is required."] = "请填写此项。",
        ["0 to 14: the figures of table 四 in the official column order."] = "应为 0 至 14：表四各数字按规定的列顺序。",
        ["0 to 20 working days."] = "应为 0 至 20 个工作日。",
        ["0 to 60 working days."] = "应为 0 至 60 个工作日。",
        ["1 to 30 working days."] = "应为 1 至 30 个工作日。",
        ["1 to 60 working days."] = "应为 1 至 60 个工作日。",
        ["1 to {0} working days."] = "应为 1 至 {0} 个工作日。",
        ["1 to {0}."] = "应为 1 至 {0}。",
        ["2008 to 2100."] = "应为 2008 至 2100 年。",
        ["A JSON object is required."] = "请求内容应为 JSON 对象。",
        ["A correction cannot arrive before it was requested ({0})."] = "收到补正的日期不能早于补正告知发出日期（{0}）。",
        ["A correction cannot precede the answer it corrects ({0})."] = "更正日期不能早于被更正的答复日期（{0}）。",
        ["A correction was already requested on {0}; the law allows one notice (条例第三十条)."] = "已于 {0} 发出补正告知，条例只允许一次性告知（条例第三十条）。",
        ["A count is 0 or more."] = "数量应为 0 或以上。",
        ["A date after today ({0}) is not a fact yet."] = "日期不能晚于今天（{0}）。",
        ["A date from {0} to {1}."] = "日期应在 {0} 至 {1} 之间。",
        ["A day cannot be both off and a make-up working day: {0}."] = "同一天不能既放假又调休上班：{0}。",
        ["A department may return a letter within {0} working days of the assignment ({1}), that is by {2}; after that it handles it."] = "承办部门应在转办（{1}）后 {0} 个工作日内即 {2} 前退回；逾期应由其办理。",
        ["A fee cannot be paid before the notice ({0})."] = "缴费日期不能早于收费通知日期（{0}）。",
        ["A fee notice must say how to pay (缴纳方式)."] = "收费通知应载明缴纳方式。",
        ["A fee notice must say how to pay (缴纳方式); give at least one line."] = "收费通知应载明缴纳方式，请至少填写一行。",
        ["A fee notice states an amount above zero."] = "收费通知的金额应大于零。",
        ["A fee notice was already sent on {0}."] = "已于 {0} 发出收费通知。",
        ["A letter cannot be returned before it was assigned."] = "来信尚未转办，不能退回。",
        ["A letter has a body."] = "请填写来信内容。",
        ["A letter has a subject."] = "请填写标题。",
        ["A letter that is {0} cannot be {1}."] = "来信当前为“{0}”，不能{1}。",
        ["A notice cannot be dated after today ({0})."] = "告知书日期不能晚于今天（{0}）。",
        ["A notice needs its 文号."] = "告知书需要文号。",
        ["A query parameter name contains control characters or is too long."] = "查询参数名含有控制字符或过长。",
        ["A reply cannot arrive before the request was sent ({0})."] = "收到意见的日期不能早于征求意见发出日期（{0}）。",
        ["A reply has a text."] = "请填写答复内容。",
        ["A report cannot be published in the future."] = "公开日期不能晚于今天。",
        ["Say what the supervisor asks of the department."] = "请写明督办事项。",
        ["The day to answer by ({0}) is on or after the day of the 督办 ({1})."] = "督办期限（{0}）不能早于督办日期（{1}）。",
        ["The statistics are still catching up with the latest records; publish again in a moment so the filed figures are complete."] = "统计尚未包含最新记录，请稍后再登记公开，以免公开的数字不完整。",
        ["A review cannot conclude before it was filed ({0})."] = "审结日期不能早于提起日期（{0}）。",
        ["A review cannot be filed before the application was received ({0})."] = "提起复议或诉讼的日期不能早于收到申请日期（{0}）。",
        ["List the evidence and basis filed with the reply (行政复议法第四十八条)."] = "请列明随书面答复提交的证据、依据（行政复议法第四十八条）。",
        ["Only a decision that revokes the answer or orders the agency to act (撤销, 责令履行, 确认违法, 确认无效) sets a date for a new answer."] = "只有撤销、责令履行、确认违法或确认无效的决定才会设定重新答复期限。",
        ["The copy cannot be received before the review was filed ({0})."] = "收到副本的日期不能早于提起日期（{0}）。",
        ["The new answer is due after the decision ({0})."] = "重新答复期限应晚于决定日期（{0}）。",
        ["The reply cannot precede the copy's receipt ({0})."] = "答复日期不能早于收到副本日期（{0}）。",
        ["The reply was already filed on {0}."] = "已于 {0} 提交书面答复（答辩状）。",
        ["This review was already decided on {0}."] = "该复议或诉讼已于 {0} 作出决定或裁判。",
        ["The evidence bundle is kept with the reply; no reply is filed yet."] = "证据材料随书面答复保存，尚未提交答复。",
        ["The evidence bundle was already kept on {0}; it is never replaced."] = "证据材料已于 {0} 保存，不再替换。",
        ["An evidence bundle has at least one page."] = "证据材料至少应有一页。",
        ["Only a letter registered as 信访 has a 复查 or 复核 (信访工作条例第三十五条、第三十六条)."] = "只有登记为信访事项的来信才能请求复查或复核（信访工作条例第三十五条、第三十六条）。",
        ["The request of {0} is still waiting for its answer."] = "{0} 收到的请求尚未提出意见。",
        ["The 复核意见 was given on {0}: the matter is not taken up again on the same facts and grounds (信访工作条例第三十六条第三款)."] = "已于 {0} 提出复核意见，以同一事实和理由再次提出的，不再受理（信访工作条例第三十六条第三款）。",
        ["The answer cannot be received before it was given ({0})."] = "收到答复的日期不能早于答复日期（{0}）。",
        ["The answer is received on or before the request ({0})."] = "收到答复的日期不能晚于请求日期（{0}）。",
        ["A 复查 or 复核 is asked within {0} days of receiving the answer ({1}), that is by {2} (信访工作条例第三十五条、第三十六条)."] = "复查或复核应自收到答复之日（{1}）起 {0} 日内提出，即 {2} 前（信访工作条例第三十五条、第三十六条）。",
        ["Write the 复查意见 or 复核意见."] = "请填写复查意见或复核意见。",
        ["No 复查 or 复核 is waiting for its answer."] = "没有待提出意见的复查或复核请求。",
        ["The answer cannot precede the request ({0})."] = "意见日期不能早于收到请求的日期（{0}）。",
        ["A template is at most 100,000 characters."] = "模板最多 100,000 个字。",
        ["A unified social credit code (统一社会信用代码) has 18 characters: digits and capital letters other than I, O, Z, S, V."] = "统一社会信用代码为 18 位数字或大写字母（不含 I、O、Z、S、V）。",
        ["Choose the identity document you apply with (条例第二十九条第一项)."] = "请选择申请所用的身份证件（条例第二十九条第一项）。",
        ["Give the number of your identity document (条例第二十九条第一项)."] = "请填写身份证件号码（条例第二十九条第一项）。",
        ["This is not a valid resident identity card number: 18 characters whose last one is the check character of GB 11643."] = "居民身份证号码不正确：应为 18 位，最后一位为校验码（GB 11643），请核对。",
        ["Give the organisation's unified social credit code (统一社会信用代码): 18 characters whose last one is the check character of GB 32100."] = "请填写正确的统一社会信用代码：18 位，最后一位为校验码（GB 32100），请核对。",
        ["Give a phone number the agency can reach you at (条例第二十九条第一项)."] = "请填写联系电话（条例第二十九条第一项）。",
        ["Say whether documents may be delivered to you electronically."] = "请选择是否同意以电子方式送达文书。",
        ["The submission was returned on {0}; it cannot be confirmed."] = "该网上提交已于 {0} 退回，不能确认。",
        ["The application is not awaiting confirmation: it was received on {0}."] = "该申请不在待确认状态：已于 {0} 收到。",
        ["The submission was already returned on {0}."] = "该网上提交已于 {0} 退回。",
        ["At most {0} files can be attached at once."] = "一次最多上传 {0} 个文件。",
        ["The files together are larger than {0} MB."] = "文件合计超过 {0} MB。",
        ["File {0} is empty."] = "第 {0} 个文件是空文件。",
        ["File {0} is larger than {1} MB."] = "第 {0} 个文件超过 {1} MB。",
        ["File {0} is not a PDF, JPEG or PNG file (its content decides, not its name)."] = "第 {0} 个文件不是 PDF、JPG 或 PNG 文件（以文件内容为准，不看文件名）。",
        ["File {0} is a PDF with active content ({1}), which is not accepted: attach a scan or a plain PDF."] = "第 {0} 个文件是含活动内容（{1}）的 PDF，不予接受：请上传扫描件或普通 PDF。",
        ["The applicant withdrew the submission on {0} before it was confirmed; no step can be recorded on it."] = "申请人已于 {0} 在确认前撤回该网上提交，不能再办理。",
        ["The agency confirmed the application on {0}; to withdraw it now, tell the agency, which records the withdrawal."] = "行政机关已于 {0} 确认收到该申请；如需撤回，请告知行政机关，由其登记撤回。",
        ["Only an online submission awaiting confirmation can be returned; this application was received on {0}."] = "只有待确认的网上提交可以退回；该申请已于 {0} 收到。",
        ["Tell the applicant why this is not an application."] = "请向申请人说明不属于政府信息公开申请的理由。",
        ["The online application awaits confirmation (条例第三十一条): confirm it, or return it, first."] = "该网上申请尚待确认（条例第三十一条）：请先确认收到或退回。",
        ["The submission was returned on {0} as not an application; no step can be recorded on it."] = "该网上提交已于 {0} 作为非政府信息公开申请退回，不能再办理。",
        ["Write the correction asked for."] = "请填写补正内容。",
        ["The correction period ended on {0}; please contact the agency."] = "补正期限已于 {0} 届满，请与行政机关联系。",
        ["A {0} report is published after the year ends."] = "{0} 年度报告在该年度结束后公开。",
        ["A 收费通知书 is issued by sending the fee notice (POST …/fee-notice), where the fee is computed."] = "收费通知书由登记收费通知时制发，费用在该步骤计算。",
        ["An agency with id '{0}' already exists."] = "机关标识 {0} 已存在。",
        ["A 文号 pattern contains {0} (the number) exactly once; '{1}' has it {2} times."] = "文号格式应含有且只含有一个 {0}（序号）；“{1}”含有 {2} 个。",
        ["A 文号 pattern is at most 100 characters."] = "文号格式最多 100 个字。",
        ["A 文号 pattern is required, e.g. ××公开〔{{year}}〕{{n}}号."] = "请填写文号格式，如 ××公开〔{{year}}〕{{n}}号。",
        ["Amounts are in yuan with at most two decimals."] = "金额以元为单位，最多两位小数。",
        ["An application cannot be related to itself."] = "申请不能与其自身关联。",
        ["An application cannot be submitted ({0}) after it was received ({1})."] = "提交日期（{0}）不能晚于收到日期（{1}）。",
        ["An extension is 1 to {0} working days (条例第三十三条第二款); {1} asked."] = "延长答复期限为 1 至 {0} 个工作日（条例第三十三条第二款），本次为 {1} 个。",
        ["An extension was already approved on {0}."] = "已于 {0} 延期。",
        ["An instant with its offset (2025-03-05T14:30:00+08:00 or 2025-03-05T06:30:00Z) or a date (2025-03-05, the end of that day in Beijing), between 2008 and 2100."] = "请填写带时区的时间（如 2025-03-05T14:30:00+08:00）或日期（如 2025-03-05，指北京时间当日结束时），年份在 2008 至 2100 之间。",
        ["An extension was already approved on {0}; the law allows one (条例第三十三条)."] = "已于 {0} 批准延期答复，条例只允许延长一次（条例第三十三条）。",
        ["At most 100 characters."] = "最多 100 个字。",
        ["At most one note per column."] = "每列最多一条说明。",
        ["At most {0} characters."] = "最多 {0} 个字。",
        ["At most {0} items."] = "最多 {0} 项。",
        ["Braces in a 文号 pattern only enclose {{year}} or {{n}}."] = "文号格式中的大括号只能用于 {{year}} 或 {{n}}。",
        ["Choose the method the agency charges by: per_item (按件) or per_page (按量)."] = "请选择计收方式：按件（per_item）或按量（per_page）。",
        ["Cite the provisions this answer ({0}) rests on: there is no standard basis."] = "请填写本答复所依据的条款：该办理结果没有标准依据（{0}）。",
        ["Columns: {0}."] = "列：{0}。",
        ["Control characters are not allowed (line breaks and tabs are)."] = "不能含有控制字符（可以换行和制表）。",
        ["Control characters are not allowed."] = "不能含有控制字符。",
        ["Dates must fall in {0} or next to it: {1}."] = "日期应在 {0} 年或其相邻年份内：{1}。",
        ["Describe the information requested (条例第二十九条)."] = "请描述所需的政府信息（条例第二十九条）。",
        ["Document numbers start at 1; {0} given."] = "文号序号从 1 开始，本次为 {0}。",
        ["Electronic delivery needs the applicant's recorded consent (where and when it was given)."] = "电子送达需要申请人同意的记录（何时、以何种方式同意）。",
        ["Feedback follows the reply."] = "回访应在答复之后。",
        ["From {0} to {1}."] = "应在 {0} 至 {1} 之间。",
        ["From {0}."] = "应不早于 {0}。",
        ["Give the e-mail address: the applicant left none (or not a valid one)."] = "请填写电子邮箱：申请人未留电子邮箱（或邮箱无效）。",
        ["Give the reason for the extension."] = "请填写延期理由。",
        // 信访事项 (信访工作条例第三十四条)
        ["A 信访 letter is extended in calendar days (信访工作条例第三十四条): give calendarDays, not workingDays."] = "信访事项按日历日延期（信访工作条例第三十四条），请填写延长的日数，而非工作日数。",
        ["A 信访 letter may be extended by 1 to {0} days (信访工作条例第三十四条)."] = "信访事项可延长 1 至 {0} 日（信访工作条例第三十四条）。",
        ["An extension in working days was approved on {0}; the letter can no longer be registered as 信访."] = "已于 {0} 按工作日批准延期，不能再登记为信访事项。",
        ["Only a letter registered as 信访 is extended in calendar days; give workingDays."] = "只有登记为信访事项的来信按日历日延期，请填写延长的工作日数。",
        ["Say why the letter is a 信访事项."] = "请说明来信属于信访事项的理由。",
        ["The letter is already registered as 信访 (on {0})."] = "该来信已于 {0} 登记为信访事项。",
        ["Give {0}: it is the date that counts for this method of delivery."] = "请填写{0}：该送达方式以此日期为准。",
        ["It can be passed on only after the answer ({0})."] = "答复（{0}）之后方可转为来信。",
        ["List what the applicant must correct (条例第三十条: 一次性告知)."] = "请列出需要补正的事项（条例第三十条：一次性告知）。",
        ["List what the applicant must correct."] = "请列出需要补正的事项。",
        ["Mail cannot come back before it was posted ({0})."] = "退件日期不能早于交邮日期（{0}）。",
        ["Make-up working days (调休上班) are weekend days; these are not: {0}."] = "调休上班日应为周末，以下日期不是：{0}。",
        ["Name at least one agency: ?agency=a&agency=b."] = "请至少指定一个机关。",
        ["Name how many cases you confirm erasing (the count of a dry run, \"dryRun\": true); erasure cannot be undone."] = "请填写确认删除的案件数（即试运行得出的数量）；删除后不能恢复。",
        ["Name the consultation the notice is about."] = "请指明告知书所涉的征求意见。",
        ["Name the department the letter is assigned to."] = "请填写承办部门。",
        ["Name the earlier application (its id or tracking number)."] = "请指明在先申请（编号）。",
        ["Name the handler (承办人) or the department (承办部门) the application is assigned to."] = "请填写承办人或承办部门。",
        ["Name the ground of the withheld part (条例第三十七条 and the article it is withheld under). Allowed: {0}."] = "请选择不予公开部分所依据的情形（条例第三十七条及不予公开所依据的条款）。",
        ["Name the notice (e.g. 国办发明电〔2025〕7号)."] = "请填写通知名称及文号（如 国办发明电〔2025〕7号）。",
        ["Name the part withheld and the reason (条例第三十七条: 对不予公开的内容说明理由)."] = "请说明不予公开的部分及理由（条例第三十七条：对不予公开的内容说明理由）。",
        ["Name the third party or agency consulted (条例第三十二条、第三十四条)."] = "请填写征求意见的第三方或机关（条例第三十二条、第三十四条）。",
        ["Name the 复议机关 every answer points to (行政复议法第二十四条至第二十七条)."] = "请填写每份答复书所指向的复议机关（行政复议法第二十四条至第二十七条）。",
        ["Name the 复议机关 the remedies clause points to (行政复议法第二十四条至第二十七条)."] = "请填写救济途径所指向的复议机关（行政复议法第二十四条至第二十七条）。",
        ["Name who approved the extension (the head of the disclosure office, 条例第三十三条)."] = "请填写延期批准人（政府信息公开工作机构负责人，条例第三十三条）。",
        ["No answer has been recorded on this application."] = "该申请尚未登记答复。",
        ["No consultation {0} on this application."] = "该申请没有征求意见 {0}。",
        ["No correction is outstanding on this application."] = "该申请没有待补正的事项。",
        ["No correction was requested on this application."] = "该申请未发出补正告知。",
        ["No extension was approved on this application."] = "该申请未批准延期答复。",
        ["No fee is outstanding on this application."] = "该申请没有待缴的费用。",
        ["No fee notice was sent on this application."] = "该申请未发出收费通知。",
        ["No information-processing fee for an application received on {0}: fees apply to applications received from {1} (国办函〔2020〕109号)."] = "{0} 收到的申请不收取信息处理费：自 {1} 起收到的申请方可收费（国办函〔2020〕109号）。",
        ["No review {0} on this application."] = "该申请没有复议或诉讼 {0}。",
        ["No 文号 pattern is set for {0} ({1})."] = "尚未设定{0}（{1}）的文号格式。",
        ["Not a known code. Allowed: {0}."] = "请从列表中选择。",
        ["Nothing to pay under the agency's fee policy ({0}): no fee notice is sent."] = "按本机关收费办法（{0}）无需缴费，不发收费通知。",
        ["Nothing to pay: a fee notice is sent only for an amount due."] = "无需缴费：只有应缴费用时才发出收费通知。",
        ["Notice {0} was issued on {1}; it cannot be delivered before."] = "告知书 {0} 于 {1} 制发，送达日期不能早于制发日期。",
        ["Notice {0} was not recorded as posted; only posted mail comes back."] = "告知书 {0} 未登记邮寄送达，只有邮寄的邮件才会被退回。",
        ["Only a letter with a department can be returned; this one is {0}."] = "只有已转办的来信才能退回，该来信当前为“{0}”。",
        ["Only a posted notice can come back by post; {0} was delivered {1}."] = "只有邮寄送达的告知书才会被退回；{0} 的送达方式为{1}。",
        ["Only an answer 'not_processed_duplicate' names the case it repeats; link other cases through …/relations."] = "只有“不予处理（重复申请）”的答复需关联其重复的申请；其他关联请用“关联在先申请”。",
        ["Only an application answered 'not_processed_petition_complaint' (信访举报投诉类申请) can be turned into a letter."] = "只有答复为“不予处理（信访举报投诉类申请）”的申请才能转为来信。",
        ["Only cases closed in the past can be erased."] = "只有已办结的案件才能删除个人信息。",
        ["Posted notices go through a 邮政企业 (国办公开办函〔2016〕235号): record the postal tracking number."] = "邮寄送达应通过邮政企业（国办公开办函〔2016〕235号），请填写邮件号码。",
        ["Required: an instant with its offset (2025-03-05T14:30:00+08:00) or a date (2025-03-05)."] = "请填写查看的时间：带时区的时间（如 2025-03-05T14:30:00+08:00）或日期（如 2025-03-05）。",
        ["Reports cover {0} to {1}."] = "报告年度应在 {0} 至 {1} 之间。",
        ["Rows of the {0} layout: {1}."] = "{0} 年版格式的行：{1}。",
        ["Say how, where and when the information is provided (条例第三十六条第（一）项、第（二）项)."] = "请说明获取信息的方式、途径和时间（条例第三十六条第（一）项、第（二）项）。",
        ["Say why the delivery failed."] = "请填写送达未成功的原因。",
        ["Say why the department returns the letter."] = "请填写退回理由。",
        ["Say why the notice is loaded or corrected; every moved due date records it."] = "请填写载入或更正的理由；因此调整的每个期限都会记录该理由。",
        ["Say why the recorded answer is corrected; the old one stays in the history."] = "请填写更正理由；原答复仍保留在办理记录中。",
        ["Send at least one of overview, problems, other."] = "请至少填写总体情况、存在的主要问题及改进情况、其他需要报告的事项之一。",
        ["Send the rows of table 二: [{{\"item\": …, \"values\": […]}}]."] = "请提交表二的各行数据。",
        ["The agency has set no fee policy: give the amount (or set the policy, PUT …/settings/fees, to have it computed)."] = "本机关未设定收费办法：请填写金额（或先设定收费办法，由系统计算）。",
        ["The agency id is a slug: lower-case letters, digits and single hyphens, at most 64 characters (e.g. 'sanchang-park')."] = "机关标识只能由小写字母、数字和单个连字符组成，最多 64 个字符（如 sanchang-park）。",
        ["The agency id is required (a slug such as 'sanchang-park')."] = "请填写机关标识（如 sanchang-park）。",
        ["The agency's fee policy charges {0} ({1}); one method per application (国办函〔2020〕109号第三条)."] = "本机关收费办法为{0}（{1}），同一申请只能采用一种计收方式（国办函〔2020〕109号第三条）。",
        ["The agency's fee policy does not allow waiving the fee of a single case."] = "本机关收费办法不允许对单个案件减免。",
        ["The agency's name is printed on every notice; it is required."] = "机关名称印在每份告知书上，请填写。",
        ["The agency's name is required."] = "请填写机关名称。",
        ["The answer '{0}' has no variants."] = "办理结果“{0}”没有细分情形。",
        ["The answer cannot precede the corrected application it answers ({0})."] = "答复日期不能早于收到补正的日期（{0}）。",
        ["The answer in force is '{0}': its notice is {1}."] = "现行答复为“{0}”，其告知书为{1}。",
        ["The answer notice of this decision was issued already: {0} ({1})."] = "该答复的告知书已制发：{0}（{1}）。",
        ["The answer period ended on {0}: a fee notice is sent within it (国办函〔2020〕109号), so one dated {1} cannot be recorded and the answer date does not move."] = "答复期限已于 {0} 届满，收费通知应在答复期限内发出（国办函〔2020〕109号）；不能登记，答复期限不变。",
        ["The answer was decided on {0}; its notice cannot be dated before."] = "答复日期为 {0}，告知书日期不能早于该日。",
        ["The applicant has no e-mail address."] = "申请人未留电子邮箱。",
        ["The applicant's name or organisation is required (条例第二十九条)."] = "请填写申请人姓名或名称（条例第二十九条）。",
        ["The application has no notice '{0}'."] = "该申请没有文号为 {0} 的告知书。",
        ["The application is gone."] = "该申请已不存在。",
        ["The application is already assigned to this handler and department; nothing would change."] = "该申请已由此承办人和承办部门办理，无需再转办。",
        ["The application was closed on {0} ({1}: {2}); no further step can be recorded."] = "该申请已于 {0} 办结，不能再登记办理步骤。",
        ["The application was received on {0}; a notice about it cannot be dated before."] = "申请于 {0} 收到，有关告知书的日期不能早于该日。",
        ["The case this Idempotency-Key created has had its personal data erased; its answer is no longer kept."] = "该次登记的案件已删除个人信息，原登记结果不再保存。",
        ["The code is 2 to 12 upper-case letters or digits (e.g. 'SCP')."] = "编号前缀为 2 至 12 位大写字母或数字（如 SCP）。",
        ["The correction changes neither the outcome nor its date."] = "更正未改变办理结果或日期。",
        ["The correction period must end after the notice is sent ({0})."] = "补正期限应晚于补正告知发出日期（{0}）。",
        ["The correction period runs until {0}; it lapses only after that day."] = "补正期限至 {0}，期满后方可登记逾期未补正。",
        ["The correction was already received on {0}."] = "已于 {0} 收到补正。",
        ["The extended answer date cannot be derived yet{0}."] = "延长后的答复期限暂无法计算{0}。",
        ["The fee computed under the agency's policy is {0} yuan ({1}); the amount given differs. Leave amountYuan out to take the computed amount."] = "按本机关收费办法计算的费用为 {0} 元（{1}），与所填金额不同。金额留空即按计算结果。",
        ["The fee was already paid on {0}."] = "已于 {0} 缴费。",
        ["The format is html or pdf."] = "格式应为 html 或 pdf。",
        ["The format is json, csv, md, html or xlsx."] = "格式应为 json、csv、md、html 或 xlsx。",
        ["The layout is '2019' (国办公开办函〔2019〕60号) or '2021' (国办公开办函〔2021〕30号)."] = "报告格式为 2019（国办公开办函〔2019〕60号）或 2021（国办公开办函〔2021〕30号）。",
        ["The letter is already with a department."] = "该来信已转办。",
        ["The name is at most 200 characters."] = "名称最多 200 个字。",
        ["The notice is gone."] = "该告知书已不存在。",
        ["The notice is not kept."] = "该告知书未保存。",
        ["The number of pages cannot be negative; {0} given."] = "页数不能为负数，本次为 {0}。",
        ["The only roll-up is 'descendants'."] = "汇总方式只能为 descendants（含下级机关）。",
        ["The payment period ended on {0} ({1}; 国办函〔2020〕109号): a payment on {2} is late, the application is treated as abandoned (视为放弃申请) — record the lapse (fee-lapse), not the payment."] = "缴费期限已于 {0} 届满，逾期缴费视为放弃申请（国办函〔2020〕109号），请登记逾期未缴费。",
        ["The payment period runs into {0}, whose holiday notice (节假日安排通知) is not loaded: its end cannot be known until it is (PUT /api/calendar/{1})."] = "缴费期限跨入 {0} 年，该年节假日安排通知尚未载入，载入后方可确定缴费期限。",
        ["The payment period runs until {0} ({1}, 国办函〔2020〕109号); it lapses only after that day."] = "缴费期限至 {0}，期满后方可登记逾期未缴费。",
        ["The personal data of this application was erased on {0}; no notice can be addressed any more."] = "该申请的个人信息已于 {0} 删除，不能再制发告知书。",
        ["The personal data of this {0} is kept: {1}"] = "个人信息暂不删除：{1}",
        ["The position of an application in its month starts at 1; {0} given."] = "申请在当月中的次序从 1 开始，本次为 {0}。",
        ["The reply period runs until {0} (15 working days, 条例第三十二条)."] = "征求意见答复期限至 {0}（15 个工作日，条例第三十二条）。",
        ["The return receipt cannot be signed before the notice was posted ({0})."] = "回执签收日期不能早于交邮日期（{0}）。",
        ["The search text contains control characters."] = "检索词含有控制字符。",
        ["The search text has no Chinese characters, letters or digits to search for."] = "检索词中没有可检索的汉字、字母或数字。",
        ["The search text is empty."] = "请填写检索词。",
        ["The search text is longer than {0} characters."] = "检索词最多 {0} 个字。",
        ["The template does not parse: {0}"] = "模板无法解析：{0}",
        ["The template does not render: {0}"] = "模板无法生成：{0}",
        ["The template for '{0}' does not serve notices of kind '{1}'."] = "“{0}”的模板不能用于“{1}”类告知书。",
        ["The template is empty."] = "模板为空。",
        ["The template leaves out required elements: {0}."] = "模板缺少必备内容：{0}。",
        ["The template prints markup that would run or fetch when printed: {0}."] = "模板含有打印时会运行或加载外部资源的内容：{0}。",
        ["The template uses what notice templates do not allow: {0}."] = "模板使用了告知书模板不允许的内容：{0}。",
        ["The text is not valid Unicode."] = "文字编码无效。",
        ["The tracking-number code '{0}' is already used by agency '{1}'; give this agency its own code."] = "编号代码 {0} 已由机关 {1} 使用，请另定代码。",
        ["The year must be between 2000 and 2100."] = "年份应在 2000 至 2100 之间。",
        ["The {0} of this application was issued already: {1} ({2})."] = "该申请的{0}已制发：{1}（{2}）。",
        ["There is no agency '{0}' to be the parent."] = "上级机关 {0} 不存在。",
        ["There is no application with that id or tracking number in this agency."] = "本机关没有该编号或标识的申请。",
        ["There is no recorded answer to correct on this application."] = "该申请没有可更正的答复。",
        ["This Idempotency-Key was already used for a different request; use a new key for a new case."] = "该幂等键已用于另一次登记，新案件请使用新的键。",
        ["This agency has not set its notice settings, so no written notice is issued and what is given for it ({0}) would be lost: leave it out, or set the notice settings (PUT …/settings/notices) first."] = "本机关尚未完成告知书设置，不出具告知书，为告知书填写的内容将无处保存：请清空这些内容，或先在“设置”中完成告知书设置。",
        ["This agency has not set its notice settings (agency name, 复议机关, 文号 patterns): PUT …/settings/notices first."] = "本机关尚未设定告知书设置（机关名称、复议机关、文号格式），请先完成设置。",
        ["This application already became letter {0}."] = "该申请已转为来信 {0}。",
        ["This consultation has already ended."] = "该征求意见已结束。",
        ["This consultation lapsed on {0}; a late reply is kept in the file, not on the clock."] = "该征求意见已于 {0} 期满，逾期答复存入案卷，不影响期限计算。",
        ["This consultation was already answered on {0}."] = "该征求意见已于 {0} 收到答复。",
        ["This review was already concluded on {0}."] = "该复议或诉讼已于 {0} 审结。",
        ["Unknown placeholder {0}: only {1} and {2} are filled in."] = "未知的占位符 {0}：只能使用 {1} 和 {2}。",
        ["Unknown status '{0}'. Allowed: {1}."] = "未知的状态 {0}。可选：{1}。",
        ["Write the decision of this answer ({0}): there is no standard wording."] = "请填写本答复的答复意见：该办理结果（{0}）没有标准表述。",
        ["{0} has {1} columns in the {2} layout ({3}); {4} values given."] = "{0} 在 {2} 年版格式中有 {1} 列（{3}），本次填写了 {4} 个数。",
        ["{0} is before the application was received ({1})."] = "{0} 早于收到申请的日期（{1}）。",
        ["{0} is before the letter was received ({1})."] = "{0} 早于收到来信的日期（{1}）。",
        ["{0} is given twice."] = "{0} 重复填写。",
        ["{0} is in the future (today is {1})."] = "{0} 晚于今天（{1}）。",
        ["{0} is in the future (today is {1}); record steps when they happen."] = "{0} 晚于今天（{1}），请按实际发生的日期登记。",
        ["{0} is not a year of issue."] = "{0} 不是文号的年份。",
        ["{0} was received after this application ({1}); link the later application to the earlier one."] = "{0} 晚于本申请收到（{1}）；请将在后的申请关联到在先的申请。",
        ["{0} · {1} cannot be negative."] = "{0} · {1} 不能为负数。",
        ["{0} · {1} is a count."] = "{0} · {1} 应为整数。",
        ["{0} · {1}: at most {2}."] = "{0} · {1}：最多 {2}。",
        ["不予处理（重复申请）（条例第三十六条第（六）项）needs a linked earlier application of the same applicant that was answered: link it first (…/relations)."] = "不予处理（重复申请）（条例第三十六条第（六）项）需先关联同一申请人已答复的在先申请。",
        ["不予处理（重复申请）（条例第三十六条第（六）项）needs the earlier application it repeats: name it in 'relatedTo' (an application of the same applicant that was answered), or link it first.{0}"] = "不予处理（重复申请）（条例第三十六条第（六）项）需指明其重复的在先申请：请填写关联的在先申请（同一申请人已答复的申请），或先关联。",
        ["按件计收 needs the application's position among the applicant's applications of the month."] = "按件计收需要本申请在该申请人当月申请中的次序。",
        ["按量计收 needs the number of pages to provide."] = "按量计收需要填写提供信息的页数。",
        // 网上写信 (LetterDecider.Submit, SubmitLetterEndpoint)
        ["A letter written online carries the writer's real name."] = "请填写真实姓名。",
        ["A letter written online carries the writer's phone number."] = "请填写联系电话。",
        ["A phone number of 7 to 15 digits (a mobile number, or a landline with its area code)."] = "请填写 7 至 15 位数字的电话号码（手机号码，或带区号的固定电话）。",
        ["An e-mail address such as name@example.cn."] = "请填写正确的电子邮箱，如 name@example.cn。",
        ["A title of {0} to {1} characters (this one has {2})."] = "标题应为 {0} 至 {1} 个字（现为 {2} 个字）。",
        ["At most {0} characters (this one has {1})."] = "最多 {0} 个字（现为 {1} 个字）。",
        ["Say whether the reply may be published."] = "请选择是否同意公开答复。",
        ["This phone number has sent {0} letters today; write again tomorrow."] = "该电话号码今天已写信 {0} 封，请明天再写。",
    };

    /// <summary>
    /// Entries in the former form (a pattern over the English text), for a message added on a branch that still wrote
    /// them so. To convert one: copy the message's template from its call site as the key (literal parts, each value a
    /// hole numbered from {0}), and renumber the Chinese text's {1}, {2}… to {0}, {1}… — then delete it here.
    /// </summary>
    private static readonly (Regex Pattern, string Chinese)[] Known =
    [
    ];

    public static IReadOnlyCollection<string> Keys => ByKey.Keys;

    public static bool Has(string key) => ByKey.ContainsKey(key);

    public static string ChineseOf(string key) => ByKey[key];

    /// <summary>A message with its key: the Chinese template with the message's values.</summary>
    public static string Translate(KeyedMessage message, string? value = null) =>
        ByKey.TryGetValue(message.Key, out var chinese) ? Format(chinese, message.Args) : Translate(message.ToString(), value);

    /// <summary>A message of which only the English text is at hand: its template found by the template's literal parts.</summary>
    public static string Translate(string message, string? value = null)
    {
        if (ByKey.TryGetValue(KeyedMessage.Escape(message), out var literal)) return literal;
        foreach (var (key, pattern) in Patterns.Value)
            if (pattern.Match(message) is { Success: true } m)
                return Format(ByKey[key], [.. Enumerable.Range(0, m.Groups.Count - 1).Select(n => m.Groups[$"h{n}"].Value)]);
        foreach (var (pattern, chinese) in Known)
            if (pattern.Match(message) is { Success: true } m)
                return Regex.Replace(chinese, @"\{(\d)\}", g => m.Groups[int.Parse(g.Groups[1].Value)].Value);
        return string.IsNullOrWhiteSpace(value) ? "请填写此项。" : $"不能登记：{message}";
    }

    private static string Format(string chinese, IReadOnlyList<string> args) =>
        args.Count == 0 ? chinese.Replace("{{", "{").Replace("}}", "}") : string.Format(CultureInfo.InvariantCulture, chinese, [.. args]);

    /// <summary>Each template with values as a pattern of its literal parts, the most specific (longest literal text) first.</summary>
    private static readonly Lazy<IReadOnlyList<(string Key, Regex Pattern)>> Patterns = new(() =>
        [.. ByKey.Keys.Where(k => Regex.IsMatch(k.Replace("{{", "").Replace("}}", ""), @"\{\d+\}"))
            .Select(k => (Key: k, Literal: Regex.Replace(k.Replace("{{", "").Replace("}}", ""), @"\{\d+\}", "").Length, Pattern: Pattern(k)))
            .Where(p => p.Literal > 0).OrderByDescending(p => p.Literal).Select(p => (p.Key, p.Pattern))]);

    private static Regex Pattern(string key)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '{' && i + 1 < key.Length && key[i + 1] == '{') { pattern.Append(Regex.Escape("{")); i++; }
            else if (key[i] == '}' && i + 1 < key.Length && key[i + 1] == '}') { pattern.Append(Regex.Escape("}")); i++; }
            else if (key[i] == '{') { var end = key.IndexOf('}', i); var n = int.Parse(key[(i + 1)..end], CultureInfo.InvariantCulture); pattern.Append($"(?<h{n}>.*?)"); i = end; }
            else pattern.Append(Regex.Escape(key[i].ToString()));
        }
        return new Regex(pattern.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    public const string ChangedByOthers = "此案件已被他人修改，请刷新后重试";
}
