using Disclosure.Domain;
using Disclosure.Domain.Applications;
using JasperFx.Events;

namespace Disclosure.Host.Cases;

/// <summary>One fact of a case's history as a clerk reads it: what (with its label), the business date, when it was recorded and by whom.</summary>
public sealed record HistoryEntry(long Version, string Type, string? Label, DateOnly? BusinessDate, DateTimeOffset RecordedAt, string? User, string? CorrelationId, object Data);

public static class CaseHistory
{
    // recorded time at PostgreSQL's precision (microseconds): a step answers from the events it just appended, a read
    // from the stored ones, and both must say the same
    public static HistoryEntry Entry(IEvent e) => new(
        e.Version, e.EventTypeName, EventLabels.GetValueOrDefault(e.EventTypeName), (e.Data as ICaseEvent)?.BusinessDate,
        e.Timestamp.AddTicks(-(e.Timestamp.Ticks % TimeSpan.TicksPerMicrosecond)), e.UserName, e.CorrelationId, e.Data);

    /// <summary>What a clerk reads for each kind of step.</summary>
    public static readonly IReadOnlyDictionary<string, string> EventLabels = new Dictionary<string, string>
    {
        [EventNames.ApplicationReceived] = "收到申请", [EventNames.CorrectionRequested] = "补正告知", [EventNames.CorrectionReceived] = "收到补正",
        [EventNames.CorrectionLapsed] = "逾期未补正，不再处理", [EventNames.ConsultationSent] = "征求意见", [EventNames.ConsultationReplied] = "收到意见",
        [EventNames.ConsultationLapsed] = "征求意见期满", [EventNames.ExtensionApproved] = "延期答复", [EventNames.FeeNoticeSent] = "收费通知",
        [EventNames.FeePaid] = "缴费", [EventNames.FeeLapsed] = "逾期未缴费，不再处理", [EventNames.ApplicationWithdrawn] = "申请人撤回", [EventNames.DecisionRecorded] = "答复",
        [EventNames.DecisionCorrected] = "更正答复", [EventNames.ReviewFiled] = "行政复议或诉讼", [EventNames.ReviewConcluded] = "复议或诉讼结果",
        [EventNames.DueDateRederived] = "节假日调整，期限重算", [EventNames.CarriedForward] = "结转下年度继续办理",
        [EventNames.CarryForwardReversed] = "撤销结转（答复在上年度内）", [EventNames.PersonalDataErased] = "个人信息已删除",
        [EventNames.ApplicationTurnedIntoLetter] = "转为市长信箱来信", [EventNames.ApplicationRelated] = "关联申请",
        [EventNames.NoticeIssued] = "制发告知书", [EventNames.NoticeDelivered] = "送达", [EventNames.MailReturned] = "邮件退回", [EventNames.DeliveryFailed] = "送达未成功",
        [EventNames.LetterReceived] = "收到来信", [EventNames.LetterAccepted] = "受理", [EventNames.LetterRejected] = "不予受理", [EventNames.LetterAssigned] = "转办",
        [EventNames.LetterReturned] = "部门退回", [EventNames.LetterExtensionApproved] = "延期", [EventNames.LetterReplied] = "答复", [EventNames.FeedbackRecorded] = "回访",
        [EventNames.LetterClosed] = "办结", [EventNames.LetterReclassified] = "转为政府信息公开申请",
        [EventNames.LetterDueDateRederived] = "节假日调整，期限重算",
    };
}
