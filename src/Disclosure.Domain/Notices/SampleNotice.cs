using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Notices;

/// <summary>Models to try a template on before it is accepted: one with every element filled, one with the optional ones empty.</summary>
internal static class SampleNotice
{
    private static readonly DateOnly Issued = new(2025, 3, 20);

    public static NoticeModel Full(string kind)
    {
        var k = NoticeKinds.Require("kind", kind);
        return new NoticeModel(kind, k.Title, "示例市示例局", "示公〔2025〕1号", Issued, "张三", "您", ["联系人：李四", "联系电话：010-00000000"])
        {
            Case = new("SP-2025-00001", new(2025, 3, 3), "2024年度园区规划许可文件", "互联网", new(2025, 3, 31)),
            Answer = k.IsAnswer
                ? new(k.Outcome!, "经审查", "您申请获取的政府信息属于可以公开的政府信息，本机关予以公开。", ["理由一", "理由二"],
                    AnswerCatalogue.Basis(k.Outcome!), ["提供方式：电子邮件", "提供时间：2025年3月20日"],
                    Remedies.Clause(k.Outcome!, "示例市人民政府"), Remedies.ReconsiderationFirst(k.Outcome!))
                : null,
            Correction = new(["所需信息的名称", "所需信息的时间范围"], new(2025, 4, 3), "请具体说明所需信息", "答复期限自收到补正之日起计算"),
            Extension = new(10, new(2025, 3, 31), new(2025, 4, 15), "王五", "需要调取档案", "第三十三条第二款"),
            Consultation = new("某公司", new(2025, 3, 10), "某公司的许可材料", "是否同意公开", 15, "15个工作日内提出意见"),
            Fee = new("第四十二条", "按量计收", "30页以下免费", 610m, ["第1—30页：30页，免费", "第31—91页：61页×10元=610元"], "合计：610元",
                ["账户：示例", "缴款码：示例"], 20, "20个工作日内缴纳"),
        };
    }

    public static NoticeModel Sparse(string kind)
    {
        var full = Full(kind);
        return full with
        {
            ContactLines = [],
            Case = full.Case! with { DueOn = null, TrackingNumber = "" },
            Answer = full.Answer is { } a ? a with { Reasons = [], Provision = [] } : null,
            Correction = full.Correction! with { Guidance = "" },
            Extension = full.Extension! with { OriginalDueOn = null },
            Fee = full.Fee! with { HowToPay = [] },
        };
    }
}
