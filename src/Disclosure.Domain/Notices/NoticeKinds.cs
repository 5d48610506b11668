using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Notices;

/// <summary>A kind of written notice: its code, its name, the title printed on it and, for an answer, the outcome it gives.</summary>
public sealed record NoticeKind(string Code, string Label, string Title, string? Outcome)
{
    public bool IsAnswer => Outcome is not null;

    /// <summary>The default template serving this kind: one per procedural notice, one shared by all answers.</summary>
    public string Template => IsAnswer ? NoticeKinds.AnswerTemplate : Code;
}

/// <summary>
/// The notices of a case (宿政办函〔2021〕21号 lists the set): the procedural ones and one answer (告知书) per outcome code
/// of report table 三.
/// </summary>
public static class NoticeKinds
{
    public const string Receipt = "receipt";
    public const string Correction = "correction";
    public const string Extension = "extension";
    public const string ConsultationLetter = "consultation_letter";
    public const string ConsultationNotice = "consultation_notice";
    public const string FeeNotice = "fee_notice";
    public const string AnswerPrefix = "answer_";
    public const string AnswerTemplate = "answer";
    public const string AnswerTitle = "政府信息公开申请答复书";

    public static string AnswerTo(string outcome) => AnswerPrefix + AnswerCatalogue.For(outcome).Outcome;

    public static readonly IReadOnlyList<NoticeKind> Kinds =
    [
        new(Receipt, "登记回执", "政府信息公开申请登记回执", null),
        new(Correction, "补正告知书", "政府信息公开申请补正告知书", null),
        new(Extension, "延期答复告知书", "政府信息公开申请延期答复告知书", null),
        new(ConsultationLetter, "征求意见书", "政府信息公开征求意见书", null),
        new(ConsultationNotice, "征求意见告知书", "政府信息公开申请征求意见告知书", null),
        new(FeeNotice, "收费通知书", "政府信息公开信息处理费收费通知书", null),
        .. AnswerCatalogue.All.Select(e => new NoticeKind(AnswerPrefix + e.Outcome, $"答复书（{e.Name}）", AnswerTitle, e.Outcome)),
    ];

    public static readonly IReadOnlyList<Term> All = Kinds.Select(k => new Term(k.Code, k.Label)).ToList();

    public static NoticeKind Require(string field, string? code)
    {
        var term = All.Require(field, code);
        return Kinds.First(k => k.Code == term.Code);
    }
}
