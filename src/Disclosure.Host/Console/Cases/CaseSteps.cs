using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Notices;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Letters;
using Disclosure.Host.Notices;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;

namespace Disclosure.Host.StaffConsole.Cases;

/// <summary>A step on a case that one of its forms records; a consultation or review it concerns, when there can be several.</summary>
public sealed record StepTarget(string? Key, string? Caption);

/// <summary>
/// A step the case page offers: its command (the API's, whose fields make the form), who may record it (a named role set),
/// and how to tell whether the case allows it now. That is asked of the command itself: a sample of it, dated today, is
/// decided on the case as it stands (pure, nothing stored) — a refusal for the case's state means the step is not offered.
/// The rules stay in the Domain; the page only asks them.
/// </summary>
public sealed record CaseStep<TCase>(
    string Code, string Title, string Roles, Type Command,
    Func<DateOnly, CaseCommand<TCase>> Sample,
    Func<TCase, IEnumerable<StepTarget>>? Targets = null,
    Func<CaseCommand<TCase>, string?, CaseCommand<TCase>>? Complete = null)
{
    public IReadOnlyList<FormField> Fields { get; } = CommandForm.Fields(Command);

    public IEnumerable<StepTarget> TargetsOf(TCase current) => Targets?.Invoke(current) ?? [new StepTarget(null, null)];

    /// <summary>The command for a target: its ids set (a consultation, a review; a new one's id made here).</summary>
    public CaseCommand<TCase> For(CaseCommand<TCase> command, string? key) => Complete?.Invoke(command, key) ?? command;

    public async Task<bool> AllowedNowAsync(TCase current, CaseContext context, string? key, Marten.IQuerySession session, CancellationToken ct)
    {
        try
        {
            // the sample completed as the write path completes the command: the page asks the decision the write path makes
            var sample = await CaseCompletion.CompleteAsync(session, For(Sample(context.Today), key), current, context, ct);
            _ = sample.Decide(current, context).ToList();
            return true;
        }
        catch (Refusal refusal)
        {
            return refusal.Kind == RefusalKind.Invalid; // a sample's value may be wrong; the state is what counts
        }
        catch (Exception e) when (e is Domain.Calendar.CalendarNotAvailable or FormatException)
        {
            return true;
        }
    }
}

/// <summary>The steps of an application and of a letter, in the order a case goes through them.</summary>
public static class CaseSteps
{
    private static Guid Key(string? key) => Guid.TryParse(key, out var id) ? id : Guid.Empty;

    private static string NoticeCaption(Domain.Applications.IssuedNotice n) => $"{NoticeKinds.All.Find(n.Kind)?.Label ?? n.Kind} {n.Number}";

    public static readonly IReadOnlyList<CaseStep<Application>> Application =
    [
        new("correction-request", "补正告知", Roles.Handling, typeof(RequestCorrection), t => new RequestCorrection(t, ["-"], t.AddDays(1))),
        new("correction", "收到补正", Roles.Handling, typeof(ReceiveCorrection), t => new ReceiveCorrection(t)),
        new("correction-lapse", "逾期未补正，不再处理", Roles.Handling, typeof(LapseCorrection), t => new LapseCorrection(t)),
        new("consultation", "征求意见", Roles.Handling, typeof(SendConsultation), t => new SendConsultation(t, "-"),
            Complete: (c, _) => ((SendConsultation)c) with { ConsultationId = Guid.CreateVersion7() }),
        new("consultation-reply", "收到征求意见答复", Roles.Handling, typeof(ReceiveConsultationReply), t => new ReceiveConsultationReply(t, null),
            a => a.Consultations.Where(c => c.IsOpen).Select(c => new StepTarget(c.Id.ToString(), c.Party)),
            (c, key) => ((ReceiveConsultationReply)c) with { ConsultationId = Key(key) }),
        new("extension", "延期答复", Roles.Handling, typeof(ApproveExtension), t => new ApproveExtension(t, "-", 1, "-")),
        new("fee-notice", "收费通知", Roles.Handling, typeof(SendFeeNotice), t => new SendFeeNotice(t, null, null)),
        new("fee-payment", "缴费", Roles.Handling, typeof(PayFee), t => new PayFee(t)),
        new("fee-lapse", "逾期未缴费，视为放弃申请", Roles.Handling, typeof(LapseFee), t => new LapseFee(t)),
        new("withdrawal", "申请人撤回", Roles.Handling, typeof(WithdrawApplication), t => new WithdrawApplication(t, null)),
        new("decision", "答复", Roles.Handling, typeof(RecordDecision), t => new RecordDecision(t, Outcomes.Disclosed, null)),
        new("relation", "关联在先申请（重复申请或同一申请人）", Roles.Handling, typeof(RelateApplication), t => new RelateApplication("", Domain.Search.Repeats.RepeatKinds.SameRequest)),
        new("decision-correction", "更正答复", Roles.Handling, typeof(CorrectDecision), t => new CorrectDecision(t, Outcomes.OtherOther, null, "-")),
        // 送达 and 退件 of a notice already issued (the decision issues its 告知书; a notice is chosen by its 文号)
        new("delivery", "记录送达", Roles.Handling, typeof(RecordDelivery), t => new RecordDelivery(DeliveryMethods.Direct, SignedOn: t),
            a => a.Notices.Select(n => new StepTarget(n.Number, NoticeCaption(n))),
            (c, key) => ((RecordDelivery)c) with { Number = key ?? "" }),
        new("returned-mail", "邮件退回", Roles.Handling, typeof(RecordReturnedMail), t => new RecordReturnedMail(t, null),
            a => a.Notices.Where(n => Delivery.LastPosting(n) is not null).Select(n => new StepTarget(n.Number, NoticeCaption(n))),
            (c, key) => ((RecordReturnedMail)c) with { Number = key ?? "" }),
        new("review", "行政复议或诉讼", Roles.Handling, typeof(FileReview), t => new FileReview(ReviewKinds.All[0].Code, t),
            Complete: (c, _) => ((FileReview)c) with { ReviewId = Guid.CreateVersion7() }),
        new("review-conclusion", "复议或诉讼结果", Roles.Handling, typeof(ConcludeReview), t => new ConcludeReview(t, ReviewResults.All[0].Code),
            a => a.Reviews.Where(r => r.ConcludedOn is null).Select(r => new StepTarget(r.Id.ToString(), $"{ReviewKinds.All.Find(r.Kind)?.Label} {r.FiledOn:yyyy-MM-dd}")),
            (c, key) => ((ConcludeReview)c) with { ReviewId = Key(key) }),
        new("letter", "转为市长信箱来信（信访举报投诉类）", Roles.Handling, typeof(TurnApplicationIntoLetter), t => new TurnApplicationIntoLetter(t, null),
            Complete: (c, _) => ((TurnApplicationIntoLetter)c) with { LetterId = Guid.CreateVersion7(), QueryCode = QueryCode.New() }),
    ];

    public static readonly IReadOnlyList<CaseStep<Letter>> Letter =
    [
        new("acceptance", "受理", Roles.LetterDesk, typeof(AcceptLetter), t => new AcceptLetter(t)),
        new("rejection", "不予受理", Roles.LetterDesk, typeof(RejectLetter), t => new RejectLetter(t, RejectionReasons.All[0].Code, null)),
        new("assignment", "转办", Roles.Handling, typeof(AssignLetter), t => new AssignLetter("-", t)),
        new("return", "部门退回", Roles.Handling, typeof(ReturnLetter), t => new ReturnLetter(t, "-")),
        new("extension", "延期", Roles.Handling, typeof(ExtendLetter), t => new ExtendLetter(t, 1, "-")),
        new("reply", "答复", Roles.Handling, typeof(ReplyToLetter), t => new ReplyToLetter(t, "-", false)),
        new("feedback", "回访", Roles.Handling, typeof(RecordFeedback), t => new RecordFeedback(t, Satisfactions.All[0].Code)),
        new("closure", "办结", Roles.Handling, typeof(CloseLetter), t => new CloseLetter(t)),
        new("reclassification", "转为政府信息公开申请", Roles.Handling, typeof(ReclassifyLetter), t => new ReclassifyLetter(t),
            Complete: (c, _) => ((ReclassifyLetter)c) with { ApplicationId = Guid.CreateVersion7() }),
    ];
}
