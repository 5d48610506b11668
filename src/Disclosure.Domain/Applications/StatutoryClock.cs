using Disclosure.Domain.Calendar;

namespace Disclosure.Domain.Applications;

public sealed record ClockSettings(bool ExcludeFeeWaiting)
{
    /// <summary>The waiting time for a fee is not counted — the common reading of 国办函〔2020〕109号, kept a setting.</summary>
    public static ClockSettings Default { get; } = new(ExcludeFeeWaiting: true);
}

/// <summary>One line of the explanation of a due date, in the order the rule applies it.</summary>
public sealed record DeadlineStep(string Rule, DateOnly? Date, int? WorkingDays, string Text);

/// <summary>
/// The answer date and how it was derived. <see cref="DueOn"/> is null while the period has not started
/// (waiting for a correction) or when it runs into a year with no holiday notice (<see cref="CalendarGapYear"/>).
/// <see cref="Provisional"/>: an open consultation or fee notice is assumed to run its full time until it ends.
/// </summary>
public sealed record Deadline(DateOnly? DueOn, bool Provisional, int? CalendarGapYear, IReadOnlyList<DeadlineStep> Steps);

/// <summary>
/// 答复期限 — derives the answer date from the facts of a case (条例第三十条、第三十三条、第四十二条):
/// start at the legal receipt date or the day a requested correction arrived; add 20 working days;
/// add the approved extension; add the working days of every excluded period (consultations, and fee
/// waiting where the setting says so), overlapping days counted once.
/// </summary>
public static class StatutoryClock
{
    public const int AnswerPeriod = 20;
    public const int MaxExtension = 20;
    public const int ConsultationReplyPeriod = 15;
    public const int FeePaymentPeriod = 20;
    public const int CorrectionNoticePeriod = 7;

    // 期限 — each period of an application ends in ONE method below, asked by the clock (Derive), the deadline check
    // (Deadlines) and the rules (ApplicationDecider) alike; a period is over from LapsesOn(its end), the day after.

    /// <summary>The first day after a period that ends on <paramref name="end"/>: the day it is over, a lapse is dated and the deadline check looks.</summary>
    public static DateOnly LapsesOn(DateOnly end) => end.AddDays(1);

    /// <summary>
    /// 答复期限 without extension or excluded time: 20 working days counted from the day after <paramref name="start"/>
    /// (the legal receipt, or the corrected application's arrival; 条例第三十三条第一款).
    /// </summary>
    public static DateOnly AnswerPeriodEnds(DateOnly start, WorkingDayCalendar calendar) => calendar.AddWorkingDays(start, AnswerPeriod);

    /// <summary>A period ending on <paramref name="due"/> extended by <paramref name="workingDays"/> (条例第三十三条第二款; a letter's approved extension).</summary>
    public static DateOnly Extended(DateOnly due, int workingDays, WorkingDayCalendar calendar) => calendar.AddWorkingDays(due, workingDays);

    /// <summary>补正期限: the last day the applicant may correct, as the agency set it in the 补正告知书 (条例第三十条: 合理的补正期限).</summary>
    public static DateOnly CorrectionEnds(CorrectionStep correction) => correction.CorrectBy;

    /// <summary>The last day to send the 补正告知: 7 working days after receipt (条例第三十条: 一次性告知).</summary>
    public static DateOnly CorrectionNoticeEnds(Application app, WorkingDayCalendar calendar) => calendar.AddWorkingDays(app.ReceivedOn, CorrectionNoticePeriod);

    /// <summary>
    /// A day by which the 缴费期限 has surely not ended, known without the calendar: 20 working days span at least 20
    /// calendar days, so a payment by then is in time whatever a missing holiday notice says.
    /// </summary>
    public static DateOnly FeePaymentSurelyOpenUntil(Application app) => FeePaymentCountsFrom(app).AddDays(FeePaymentPeriod);

    /// <summary>
    /// 缴费期限 — the ONE place its end is computed (the clock, the deadline check, the payment and the lapse all ask here):
    /// the applicant pays "自收到本通知之日的次日起20个工作日内" (国办函〔2020〕109号 as restated by 四川省财政厅、发展改革委
    /// 2021-01-18; the product's own 收费通知书 says so). Counted from the day the applicant received the fee notice, once its
    /// delivery is recorded (<see cref="Notices.Delivery.ReceivedOn"/>: signing, the postal return receipt, electronic arrival);
    /// until then provisionally from the day it was sent — the earliest the applicant can have received it.
    /// </summary>
    public static PaymentWindow FeePaymentWindow(Application app, WorkingDayCalendar calendar)
    {
        var fee = app.Fee ?? throw new InvalidOperationException($"Application {app.TrackingNumber} has no fee notice.");
        var received = FeeNoticeReceivedOn(app);
        return new PaymentWindow(fee.SentOn, received, calendar.AddWorkingDays(CountsFrom(fee.SentOn, received), FeePaymentPeriod));
    }

    /// <summary>The day after which the 缴费期限 is counted: the fee notice's receipt once recorded, until then its sending.</summary>
    public static DateOnly FeePaymentCountsFrom(Application app) =>
        CountsFrom((app.Fee ?? throw new InvalidOperationException($"Application {app.TrackingNumber} has no fee notice.")).SentOn, FeeNoticeReceivedOn(app));

    private static DateOnly CountsFrom(DateOnly sentOn, DateOnly? received) => received is { } r && r > sentOn ? r : sentOn;

    /// <summary>The last day of a consulted party's 15 working days to reply (条例第三十二条): the clock, the deadline check and the lapse ask here.</summary>
    public static DateOnly ConsultationReplyEnds(Consultation consultation, WorkingDayCalendar calendar) =>
        calendar.AddWorkingDays(consultation.SentOn, ConsultationReplyPeriod);

    /// <summary>The day the applicant received the 收费通知书 issued with the fee notice (the first delivery that reached them), or null while none is recorded.</summary>
    public static DateOnly? FeeNoticeReceivedOn(Application app) =>
        app.Fee is null ? null
            : app.Notices.Where(n => n.Kind == Notices.NoticeKinds.FeeNotice && n.IssuedOn >= app.Fee.SentOn)
                .SelectMany(n => n.Deliveries).Select(Notices.Delivery.ReceivedOn).Where(d => d is not null).Min();

    public static Deadline Derive(Application app, WorkingDayCalendar calendar, ClockSettings settings, bool ignoreExtension = false)
    {
        var steps = new List<DeadlineStep>();
        var provisional = false;
        if (app.Returned is { ByApplicant: true } withdrawn)
        {
            steps.Add(new("submission_withdrawn", withdrawn.On, null, $"{withdrawn.On:yyyy-MM-dd} 申请人在确认前撤回网上提交，不计算答复期限"));
            return new Deadline(null, false, null, steps);
        }
        if (app.Returned is { } returned)
        {
            steps.Add(new("returned", returned.On, null, $"{returned.On:yyyy-MM-dd} 退回，不属于政府信息公开申请，不计算答复期限"));
            return new Deadline(null, false, null, steps);
        }
        if (app.AwaitingConfirmation)
        {
            steps.Add(new("awaiting_confirmation", app.SubmittedOn, null,
                $"{app.SubmittedOn:yyyy-MM-dd} 网上提交，待行政机关确认；以双方确认之日为收到申请之日，自次日起计算期限（条例第三十一条）"));
            return new Deadline(null, true, null, steps);
        }
        try
        {
            var start = app.ReceivedOn;
            steps.Add(app.ConfirmedAt is { } confirmed
                ? new("received", app.ReceivedOn, null, $"{app.ReceivedOn:yyyy-MM-dd} 双方确认收到网上申请（{confirmed:yyyy-MM-dd HH:mm}，条例第三十一条），自次日起计算期限")
                : new("received", app.ReceivedOn, null, $"{app.ReceivedOn:yyyy-MM-dd} 收到申请（条例第三十一条），自次日起计算期限"));

            if (app.Correction is { } correction)
            {
                if (correction.ReceivedOn is { } corrected)
                {
                    if (corrected > start) start = corrected;
                    steps.Add(new("correction_restart", corrected, null,
                        $"{corrected:yyyy-MM-dd} 收到补正后的申请，答复期限自次日起重新计算（条例第三十条）"));
                }
                else if (correction.LapsedOn is null && app.IsOpen)
                {
                    steps.Add(new("correction_pending", correction.SentOn, null,
                        $"{correction.SentOn:yyyy-MM-dd} 发出补正告知，补正期限至 {CorrectionEnds(correction):yyyy-MM-dd}；答复期限自收到补正之日起重新计算，尚未确定（条例第三十条）"));
                    return new Deadline(null, true, null, steps);
                }
            }

            var due = AnswerPeriodEnds(start, calendar);
            steps.Add(new("answer_period", due, AnswerPeriod, $"加 {AnswerPeriod} 个工作日（条例第三十三条第一款）→ {due:yyyy-MM-dd}"));

            if (app.Extension is { } ext && !ignoreExtension)
            {
                due = Extended(due, ext.WorkingDays, calendar);
                steps.Add(new("extension", due, ext.WorkingDays,
                    $"{ext.ApprovedOn:yyyy-MM-dd} 经{ext.ApprovedBy}同意延长 {ext.WorkingDays} 个工作日（条例第三十三条第二款）→ {due:yyyy-MM-dd}"));
            }

            var excluded = new SortedSet<DateOnly>();
            var counted = 0;
            foreach (var c in app.Consultations.OrderBy(c => c.SentOn))
            {
                var end = c.RepliedOn ?? c.LapsedOn ?? ConsultationReplyEnds(c, calendar);
                var open = c.RepliedOn is null && c.LapsedOn is null;
                provisional |= open;
                var days = calendar.WorkingDaysBetween(Max(c.SentOn, start), end).ToList();
                counted += days.Count;
                excluded.UnionWith(days);
                var how = c.RepliedOn is not null ? $"{end:yyyy-MM-dd} 收到答复"
                    : c.LapsedOn is not null ? $"{end:yyyy-MM-dd} 答复期限届满未答复"
                    : $"尚未答复，暂按答复期限届满日 {end:yyyy-MM-dd} 计算";
                steps.Add(new("consultation", end, days.Count,
                    $"{c.SentOn:yyyy-MM-dd} 征求{c.Party}意见，{how}：{days.Count} 个工作日不计入答复期限（条例第三十二条、第三十三条第二款）"));
            }

            if (app.Fee is { } fee && settings.ExcludeFeeWaiting)
            {
                var window = FeePaymentWindow(app, calendar);
                var end = fee.PaidOn ?? fee.LapsedOn ?? window.EndsOn;
                var open = fee.PaidOn is null && fee.LapsedOn is null;
                provisional |= open;
                var days = calendar.WorkingDaysBetween(Max(fee.SentOn, start), end).ToList();
                counted += days.Count;
                excluded.UnionWith(days);
                var how = fee.PaidOn is not null ? $"{end:yyyy-MM-dd} 缴费"
                    : fee.LapsedOn is not null ? $"{end:yyyy-MM-dd} 缴费期限届满"
                    : $"尚未缴费，暂按缴费期限届满日 {end:yyyy-MM-dd} 计算（{window.Explain()}）";
                steps.Add(new("fee_waiting", end, days.Count,
                    $"{fee.SentOn:yyyy-MM-dd} 发出收费通知，{how}：{days.Count} 个工作日不计入答复期限（国办函〔2020〕109号）"));
            }

            if (counted > excluded.Count)
                steps.Add(new("overlap", null, excluded.Count,
                    $"上述不计入期间相互重叠，重叠部分只计一次：共 {excluded.Count} 个工作日"));

            if (excluded.Count > 0)
                due = Extended(due, excluded.Count, calendar);

            steps.Add(new("due", due, null, provisional
                ? $"答复期限暂定为 {due:yyyy-MM-dd}（尚有未结束的不计入期间）"
                : $"答复期限为 {due:yyyy-MM-dd}"));
            return new Deadline(due, provisional, null, steps);
        }
        catch (CalendarNotAvailable gap)
        {
            steps.Add(new("calendar_gap", null, null,
                gap.Explanation));
            return new Deadline(null, provisional, gap.Year, steps);
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

/// <summary>
/// 缴费期限 of a fee notice: sent on <see cref="SentOn"/>, received by the applicant on <see cref="ReceivedOn"/> (null while no
/// delivery is recorded), the last day to pay <see cref="EndsOn"/>. <see cref="Provisional"/>: counted from sending until the
/// receipt is known.
/// </summary>
public sealed record PaymentWindow(DateOnly SentOn, DateOnly? ReceivedOn, DateOnly EndsOn)
{
    public bool Provisional => ReceivedOn is null;

    /// <summary>Whether a payment on <paramref name="on"/> is within the window.</summary>
    public bool Covers(DateOnly on) => on <= EndsOn;

    public string Explain() => ReceivedOn is { } r
        ? $"{r:yyyy-MM-dd} 收到收费通知，自次日起 {StatutoryClock.FeePaymentPeriod} 个工作日"
        : $"收费通知送达日期尚未登记，暂自 {SentOn:yyyy-MM-dd} 发出之日的次日起 {StatutoryClock.FeePaymentPeriod} 个工作日";
}

/// <summary>A statutory time limit that was broken but is recorded as it happened.</summary>
public sealed record ComplianceWarning(string Code, DateOnly On, string Text);

public static class Compliance
{
    /// <param name="settings">The clock settings in force: the warnings are judged on the same clock as the due date beside them.</param>
    public static IEnumerable<ComplianceWarning> Check(Application app, WorkingDayCalendar calendar, ClockSettings settings)
    {
        var warnings = new List<ComplianceWarning>();
        try
        {
            if (app.Correction is { } c)
            {
                var limit = StatutoryClock.CorrectionNoticeEnds(app, calendar);
                if (c.SentOn > limit)
                    warnings.Add(new("correction_notice_late", c.SentOn,
                        $"补正告知应在收到申请之日起 {StatutoryClock.CorrectionNoticePeriod} 个工作日内（{limit:yyyy-MM-dd} 前）一次性发出（条例第三十条），实际于 {c.SentOn:yyyy-MM-dd} 发出"));
            }

            if (app.Extension is { } ext)
            {
                var withoutExtension = StatutoryClock.Derive(app, calendar, settings, ignoreExtension: true).DueOn;
                if (withoutExtension is { } limit && ext.ApprovedOn > limit)
                    warnings.Add(new("extension_after_due", ext.ApprovedOn,
                        $"延期应在答复期限（{limit:yyyy-MM-dd}）内决定（条例第三十三条），实际于 {ext.ApprovedOn:yyyy-MM-dd} 批准"));
            }

            if (app.Answer is { ClosedBy: EventNames.DecisionRecorded or EventNames.DecisionCorrected } answer && app.DueOn is { } due && answer.DecidedOn > due)
                warnings.Add(new("answered_late", answer.DecidedOn,
                    $"答复期限为 {due:yyyy-MM-dd}，实际于 {answer.DecidedOn:yyyy-MM-dd} 答复，逾期 {calendar.CountWorkingDays(due, answer.DecidedOn)} 个工作日（条例第三十三条）"));

            // answered in time, delivered late (or returned, or failed): judged on the notice of the answer in force
            if (app.Answer is { ClosedBy: EventNames.DecisionRecorded or EventNames.DecisionCorrected } decided
                && app.Notices.LastOrDefault(n => n.Kind == Notices.NoticeKinds.AnswerPrefix + decided.Outcome && n.IssuedOn >= decided.DecidedOn) is { } notice)
                warnings.AddRange(Notices.DeliveryCompliance.Check(app.DueOn, decided.DecidedOn, notice.Number,
                    [.. notice.Deliveries, .. notice.Returns, .. notice.Failures]));
        }
        catch (CalendarNotAvailable)
        {
            // nothing can be said about a limit in a year without a notice; the deadline says so
        }
        return warnings;
    }
}
