using System.Text.RegularExpressions;

namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>
/// The request policy's and the Domain's messages as a clerk reads them, in Chinese. The API keeps its messages; the
/// console shows each next to its field in Chinese. A message not known here is shown as it is (it names the article of
/// the Regulation it rests on), with a Chinese lead-in.
/// </summary>
public static partial class ChineseMessages
{
    private static readonly (Regex Pattern, string Chinese)[] Known =
    [
        (new(@"^'.*' is required|^List what the applicant must correct|is required\.?$"), "请填写此项。"),
        (new(@"^At most ([\d,]+) characters\.$"), "最多 {1} 个字。"),
        (new(@"^Control characters are not allowed"), "不能含有控制字符。"),
        (new(@"^The text is not valid Unicode\.$"), "文字编码无效。"),
        (new(@"^Not a known code|is not a known .* code"), "请从列表中选择。"),
        (new(@"^A date from (\S+) to (\S+)\.$"), "日期应在 {1} 至 {2} 之间。"),
        (new(@"^From (\S+) to (\S+)\.$"), "应在 {1} 至 {2} 之间。"),
        (new(@"^At most (\d+) items\.$"), "最多 {1} 项。"),
        (new(@"^(\d{4}-\d{2}-\d{2}) is in the future \(today is (\d{4}-\d{2}-\d{2})\)"), "{1} 晚于今天（{2}），请按实际发生的日期登记。"),
        (new(@"^A date after today \((\d{4}-\d{2}-\d{2})\)"), "日期不能晚于今天（{1}）。"),
        (new(@"^(\d{4}-\d{2}-\d{2}) is before the application was received \((\d{4}-\d{2}-\d{2})\)"), "{1} 早于收到申请的日期（{2}）。"),
        (new(@"^An application cannot be submitted \((\S+)\) after it was received \((\S+)\)"), "提交日期（{1}）不能晚于收到日期（{2}）。"),
        (new(@"^The correction period must end after the notice is sent \((\S+)\)"), "补正期限应晚于补正告知发出日期（{1}）。"),
        (new(@"^A unified social credit code"), "统一社会信用代码为 18 位数字或大写字母（不含 I、O、Z、S、V）。"),
        (new(@"^The application was closed on (\S+)"), "该申请已于 {1} 办结，不能再登记办理步骤。"),
        (new(@"^A correction was already requested on (\S+)"), "已于 {1} 发出补正告知，条例只允许一次性告知。"),
        (new(@"^The applicant's name or organisation is required"), "请填写申请人姓名或名称（条例第二十九条）。"),
        (new(@"^Describe the information requested"), "请描述所需的政府信息（条例第二十九条）。"),
        (new(@"^The correction period runs until (\S+)"), "补正期限至 {1}，期满后方可登记逾期未补正。"),
        (new(@"^The answer period ended on (\S+): a fee notice is sent within it"), "答复期限已于 {1} 届满，收费通知应在答复期限内发出（国办函〔2020〕109号）；不能登记，答复期限不变。"),
        (new(@"^The payment period ended on (\S+) "), "缴费期限已于 {1} 届满，逾期缴费视为放弃申请（国办函〔2020〕109号），请登记逾期未缴费。"),
        (new(@"^The payment period runs until (\S+) "), "缴费期限至 {1}，期满后方可登记逾期未缴费。"),
        (new(@"^The payment period runs into (\d{4}), whose holiday notice"), "缴费期限跨入 {1} 年，该年节假日安排通知尚未载入，载入后方可确定缴费期限。"),
        (new(@"^The return receipt cannot be signed before the notice was posted \((\S+)\)"), "回执签收日期不能早于交邮日期（{1}）。"),
        (new(@"^Only a posted notice can come back by post; (.+) was delivered (.+?)\.$"), "只有邮寄送达的告知书才会被退回；{1} 的送达方式为{2}。"),
        (new(@"^Notice (.+) was not recorded as posted; only posted mail comes back\.$"), "告知书 {1} 未登记邮寄送达，只有邮寄的邮件才会被退回。"),
        (new(@"^There is no recorded answer to correct"), "该申请没有可更正的答复。"),
        (new(@"^The correction changes neither"), "更正未改变办理结果或日期。"),
        (new(@"^Say why"), "请填写理由。"),
        (new(@"^Name the department"), "请填写承办部门。"),
        (new(@"^A letter has a (subject|body)"), "请填写此项。"),
        (new(@"^A report cannot be published in the future"), "公开日期不能晚于今天。"),
        (new(@"^A (\d{4}) report is published after the year ends"), "{1} 年度报告在该年度结束后公开。"),
        (new(@"^The statistics are still catching up"), "统计尚未包含最新记录，请稍后再登记公开。"),
        (new(@"^An agency with id '(.+)' already exists"), "机关标识 {1} 已存在。"),
        (new(@"^The tracking-number code '(.+)' is already used by agency '(.+)'"), "编号代码 {1} 已由机关 {2} 使用，请另定代码。"),
        (new(@"^The personal data of this (?:application|letter) is kept: (.+)$"), "个人信息暂不删除：{1}"),
        (new(@"^The case this Idempotency-Key created has had its personal data erased"), "该次登记的案件已删除个人信息，原登记结果不再保存。"),
        (new(@"^Name the ground of the withheld part"), "请选择不予公开部分所依据的情形（条例第三十七条及不予公开所依据的条款）。"),
        (new(@"^The template leaves out required elements: (.+?)\.?$"), "模板缺少必备内容：{1}。"),
        (new(@"^The template prints markup that would run or fetch when printed: (.+?)\.?$"), "模板含有打印时会运行或加载外部资源的内容：{1}。"),
        (new(@"^The template uses what notice templates do not allow: (.+?)\.?$"), "模板使用了告知书模板不允许的内容：{1}。"),
    ];

    public static string Translate(string message, string? value = null)
    {
        foreach (var (pattern, chinese) in Known)
            if (pattern.Match(message) is { Success: true } m)
                return Regex.Replace(chinese, @"\{(\d)\}", g => m.Groups[int.Parse(g.Groups[1].Value)].Value);
        return string.IsNullOrWhiteSpace(value) ? "请填写此项。" : $"不能登记：{message}";
    }

    public const string ChangedByOthers = "此案件已被他人修改，请刷新后重试";
}
