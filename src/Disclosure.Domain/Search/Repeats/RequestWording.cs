namespace Disclosure.Domain.Search.Repeats;

/// <summary>
/// What two requests are compared on is what they ask for, not how they ask. These are the words of asking — the
/// Regulation cited, the request verbs, the addressee, the delivery wanted, the usual reasons, the courtesies of a
/// letter, the mention of an earlier filing — which every request shares and which say nothing about the information.
/// </summary>
internal static class RequestWording
{
    public static readonly string[] Asking = Longest(
    [
        // the Regulation and the act of asking
        "中华人民共和国政府信息公开条例", "政府信息公开条例", "第二十七条", "政府信息", "信息公开", "依据", "根据", "按照", "规定", "依法",
        "申请人", "申请", "公开", "获取", "提供", "查阅", "请求", "要求", "恳请", "予以", "请予", "以下", "内容描述", "描述", "名称",
        "所需", "相关", "有关", "全文", "特向", "现向",
        // the addressee and the applicant
        "贵机关", "贵单位", "贵局", "你局", "你单位", "我单位", "本单位", "本人", "我家", "村民", "居民", "业主",
        // delivery
        "加盖公章", "复印件", "原件", "电子版", "纸质版", "纸质件", "纸质", "电子邮件", "邮寄", "邮箱", "光盘", "刻录", "现场", "领取",
        "在线答复", "网上", "平台", "通信地址", "均可", "形式", "方式", "发送",
        // reasons
        "用于", "为了", "由于", "因为", "作为", "维护", "合法权益", "利害关系人", "行政复议", "诉讼", "证据", "学术研究", "经营决策",
        "参考", "核实", "情况", "了解", "监督",
        // letters
        "尊敬的", "市长信箱", "市长", "领导", "工作人员", "您好", "你好", "反映", "问题", "多次", "至今", "没有", "解决", "重视",
        "相关部门", "此致敬礼", "谢谢", "盼复", "希望", "12345 热线", "热线", "本人住在", "我是", "从去年开始就这样", "已经持续很久",
        "找过社区", "打过", "没有下文", "答复说正在处理", "互相推诿", "但一直没有结果", "一直没有结果", "反映一个问题", "政府",
        // an earlier filing mentioned
        "再次", "重新", "曾于", "此前", "上次", "之前", "已经", "补充", "第二次", "就此", "提出过", "提出",
        "的",
    ]);

    /// <summary>
    /// One way of writing what officials and applicants write several ways (常用简称): the full form becomes the short one,
    /// so 环评批复 and 环境影响评价批复 compare as the same words — and a long common term like 环境影响评价 weighs no more
    /// than its two characters in requests for different documents of one project. In order: a form containing another first.
    /// </summary>
    public static readonly (string Variant, string Canonical)[] SameWords =
    [
        ("环境影响评价", "环评"), ("环境影响", "环评"), ("社会稳定风险评估", "稳评"), ("控制性详细规划", "控规"), ("交通影响评价", "交评"),
        ("征收土地", "征地"), ("被征地农民", "失地农民"), ("危险化学品", "危化品"), ("社会保障", "社保"), ("医疗保障", "医保"),
        ("交通信号灯", "红绿灯"), ("信号灯", "红绿灯"), ("电子警察", "电子眼"), ("公务用车", "公车"), ("环境保护", "环保"), ("拆迁", "征收"),
        // a document and the act it records are asked for alike: 许可证 / 许可, 决定书 / 决定
        ("许可证", "许可"), ("决定书", "决定"), ("报告书", "报告"), ("通知书", "通知"), ("告知书", "告知"), ("意见书", "意见"),
        ("批复文件", "批复"), ("批准文件", "批复"),
    ];

    /// <summary>
    /// A clause that begins so says why, who asks or whom they went to before, not what is asked for
    /// (本人系某村村民，因房屋位于征收范围内，特申请公开…: only the last clause counts).
    /// </summary>
    public static readonly string[] Aside =
    [
        "因", "由于", "为了", "为", "用于", "作为", "鉴于", "我家", "本人系", "我系", "我是", "本人是", "本人住在", "我住在", "曾向", "多次向", "打过", "找过",
    ];

    /// <summary>A clause that begins so and asks for nothing (no 申请, 公开, 提供 …) is a letter's plea, not its subject.</summary>
    public static readonly string[] Plea = ["恳请", "希望", "请领导", "请相关部门"];

    public static readonly string[] RequestVerbs = ["申请", "公开", "提供", "获取", "查阅"];

    private static string[] Longest(string[] words) => words.OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).ToArray();
}
