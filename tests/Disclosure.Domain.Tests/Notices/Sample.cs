using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Notices;

/// <summary>The agency, its settings and the cases the notice specifications start from.</summary>
public static class Sample
{
    public const string Agency = "示例市规划和自然资源局";
    public const string ReconsiderationBody = "示例市人民政府";
    public static readonly DateOnly Today = D("2025-06-30");

    public static readonly NoticeSettings Settings = new(Agency, ReconsiderationBody,
        new Dictionary<string, string>
        {
            ["answer"] = "示规资公复〔{year}〕{n}号",
            ["receipt"] = "示规资公收〔{year}〕{n}号",
            ["correction"] = "示规资公补〔{year}〕{n}号",
            ["extension"] = "示规资公延〔{year}〕{n}号",
            ["consultation_letter"] = "示规资公征〔{year}〕{n}号",
            ["consultation_notice"] = "示规资公征告〔{year}〕{n}号",
            ["fee_notice"] = "示规资公费〔{year}〕{n}号",
        },
        ["联系人：李四", "联系电话：010-12345678", "地址：示例市人民路1号"]);

    /// <summary>Received 2025-03-03 (a Monday), decided 2025-03-20 with the given outcome.</summary>
    public static Application Decided(string outcome, string category = "natural_person") =>
        Case(Received(category: category), new DecisionRecorded(D("2025-03-20"), outcome, null, category));

    /// <summary>What the clerk must add for the outcome to be answerable at all.</summary>
    public static AnswerDraft DraftFor(string outcome) => outcome switch
    {
        Outcomes.Disclosed => new(Provision: ["提供方式：电子邮件发送至申请人预留邮箱", "提供时间：随本答复一并提供"]),
        Outcomes.PartiallyDisclosed => new(Variant: "withheld_third_party_rights", Reasons: ["附件中涉及第三方个人隐私的内容不予公开。"], Provision: ["提供方式：邮寄纸质件"]),
        Outcomes.OtherOther => new(Decision: "您已于2025年3月18日书面撤回申请，本机关终止处理。", Basis: "《中华人民共和国政府信息公开条例》第二十九条"),
        _ => new(),
    };

    public static NoticeModel AnswerModel(string outcome, string category = "natural_person") =>
        NoticeDrafts.Answer(Decided(outcome, category), Settings, "示规资公复〔2025〕12号", D("2025-03-20"), DraftFor(outcome));

    public static string Render(NoticeModel model) => NoticeTemplates.Render(NoticeTemplates.Default(model.Kind), model);

    /// <summary>The printed body (after the head, whose &lt;title&gt; repeats title and number).</summary>
    public static string Body(string html) => html[html.IndexOf("<body>", StringComparison.Ordinal)..];

    /// <summary>Asserts the parts appear in this order, each after the previous one.</summary>
    public static void InOrder(string text, params string[] parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{part}' does not appear after position {at} in:\n{text}");
            at = found + part.Length;
        }
    }
}
