using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Notices;
using Disclosure.Domain.Reviews;

namespace Disclosure.Domain;

/// <summary>Why a case's personal data is kept on a day: a code, the sentence that says why, and the first day it no longer holds (null: until something happens).</summary>
public sealed record KeptBecause(string Code, string Text, DateOnly? Until);

/// <summary>Whether a case's personal data may be erased on a day: erasable when nothing keeps it.</summary>
public sealed record ErasureCheck(DateOnly? ClosedOn, IReadOnlyList<KeptBecause> Kept)
{
    public bool Erasable => Kept.Count == 0;

    /// <summary>The first day the case may be erased if nothing new happens; null while a reason without an end holds (or when erasable now).</summary>
    public DateOnly? ErasableFrom => Kept.Count > 0 && Kept.All(k => k.Until is not null) ? Kept.Max(k => k.Until) : null;
}

/// <summary>
/// Retention (个人信息保护法第四十七条: 保存期限已届满): once a case has been closed for the retention period and nothing may
/// still need it, its personal data is erased — in the stored events themselves and in the case — while everything the
/// statistics count (applicant category, dates, outcomes, codes) stays. One rule for which case may be erased on a day
/// (<see cref="Check(Application, DateOnly, int, DateOnly?)"/>), one for what is blanked (<see cref="Masked"/>).
/// </summary>
/// <remarks>
/// A case is kept, whatever cut-off an administrator names, while:
/// <list type="bullet">
/// <item>it is open, or a 行政复议/行政诉讼 about it is not concluded — and for six months after one concluded (起诉 within
/// 15 days of a 复议决定, 行政诉讼法第四十五条; 上诉 within 15 days, 第八十五条; 申请再审 within six months, 第九十条);</item>
/// <item>the applicant may still seek a remedy: 复议 within 60 days (行政复议法第二十条第一款) and 诉讼 within six months
/// (行政诉讼法第四十六条第一款) of receiving the answer; one year where the answer did not state the remedies (行政复议法
/// 第二十条第三款, 行诉解释第六十四条) — the product states them in every answer notice it issues, so a case closed without an
/// answer notice counts one year. Receipt is the delivery fact of the answer notice (signing, electronic arrival); a posted
/// notice was received some days after it was posted, and a notice without a recorded delivery (or whose last delivery came back
/// or failed) some time after it was decided: both count from that date plus <see cref="UnrecordedReceiptMarginDays"/>;</item>
/// <item><see cref="FilingMarginDays"/> more after the window closes: the agency learns of a 复议 or a lawsuit only when the
/// 复议机关 or court sends it a copy (行政复议法第四十八条: 7 days; 行政诉讼法第六十七条: 5 days), a filing by post counts from
/// its posting, and a last day on a holiday moves to the next working day;</item>
/// <item>a letter (市长信箱): for six months after it was closed or refused — a writer may ask for 复查 within 30 days of the
/// answer and for 复核 within 30 days of that (信访工作条例第三十五条、第三十六条), each answered within 30 days; doubled, as
/// letters carry no delivery record;</item>
/// <item>the agency's retention period (archive rules, default <see cref="RetentionPolicy.DefaultYears"/> years) has not
/// run since the case was closed — an explicit cut-off never shortens it.</item>
/// </list>
/// </remarks>
public static class PersonalData
{
    public const int UnrecordedReceiptMarginDays = 30;
    public const int FilingMarginDays = 30;
    public const int ReviewAftermathMonths = 6;
    public const int LetterWindowMonths = 6;

    public static string Rule(int retentionYears, DateOnly? closedBefore) =>
        $"保存期限（{retentionYears} 年）届满{(closedBefore is { } cutoff ? $"（结案早于 {cutoff:yyyy-MM-dd}）" : "")}且救济期限已过，删除个人信息（个人信息保护法第四十七条）";

    /// <summary>Whether <paramref name="app"/>'s personal data may be erased on <paramref name="today"/>, and if not, every reason why.</summary>
    /// <param name="closedBefore">An administrator's cut-off: only cases closed before it; it never shortens the retention period.</param>
    public static ErasureCheck Check(Application app, DateOnly today, int retentionYears, DateOnly? closedBefore = null)
    {
        if (app.PersonalDataErasedOn is { } erased) return new(app.Answer?.DecidedOn, [new("already_erased", $"个人信息已于 {erased:yyyy-MM-dd} 删除", null)]);
        if (app.Returned is { } ended) return Ended(ended, today, retentionYears, closedBefore);
        if (app.IsOpen || app.Answer is null) return new(null, [new("open", "案件尚未办结", null)]);
        var closedOn = app.Answer.DecidedOn;
        var kept = Common(closedOn, today, retentionYears, closedBefore);
        foreach (var review in app.Reviews)
        {
            var kind = ReviewKinds.All.Find(review.Kind)?.Label ?? review.Kind;
            if (review.ConcludedOn is not { } concluded)
                kept.Add(new("review_pending", $"{kind}（{review.FiledOn:yyyy-MM-dd} 提起）尚未终结", null));
            else if (concluded.AddMonths(ReviewAftermathMonths) is var after && today < after)
                kept.Add(new("review_concluded_recently", $"{kind}于 {concluded:yyyy-MM-dd} 终结，{ReviewAftermathMonths} 个月内仍可能起诉、上诉或申请再审（行政诉讼法第四十五条、第八十五条、第九十条），至 {after:yyyy-MM-dd}", after));
        }
        var window = RemedyWindow(app, closedOn);
        if (today < window.Until) kept.Add(window);
        return new(closedOn, kept);
    }

    /// <summary>
    /// An online submission that ended before confirmation — returned by the agency or withdrawn by the applicant — closed that
    /// day and carries personal data too (the form, the files attached: an identity document), so it is erased like any closed
    /// case once the retention period has run. A return is the agency's act and states no remedy: the one-year window of
    /// 行政诉讼法第四十六条 and 行诉解释第六十四条 (and <see cref="FilingMarginDays"/>) keeps it; a withdrawal is the applicant's own.
    /// </summary>
    private static ErasureCheck Ended(ReturnedSubmission ended, DateOnly today, int retentionYears, DateOnly? closedBefore)
    {
        var kept = Common(ended.On, today, retentionYears, closedBefore);
        var until = ended.On.AddYears(1).AddDays(FilingMarginDays);
        if (!ended.ByApplicant && today < until)
            kept.Add(new("remedy_window", $"网上提交于 {ended.On:yyyy-MM-dd} 退回，未告知救济途径，起诉期限一年（行政诉讼法第四十六条、行诉解释第六十四条），另加 {FilingMarginDays} 天，至 {until:yyyy-MM-dd}", until));
        return new(ended.On, kept);
    }

    /// <summary>Whether <paramref name="letter"/>'s personal data may be erased on <paramref name="today"/>, and if not, every reason why.</summary>
    public static ErasureCheck Check(Letter letter, DateOnly today, int retentionYears, DateOnly? closedBefore = null)
    {
        if (letter.PersonalDataErasedOn is { } erased) return new(letter.ClosedOn ?? letter.RejectedOn, [new("already_erased", $"个人信息已于 {erased:yyyy-MM-dd} 删除", null)]);
        var closedOn = letter.Status is LetterStatuses.Closed or LetterStatuses.Rejected or LetterStatuses.Reclassified ? letter.ClosedOn ?? letter.RejectedOn : null;
        if (closedOn is not { } closed) return new(null, [new("open", "来信尚未办结、不予受理或转为申请", null)]);
        var kept = Common(closed, today, retentionYears, closedBefore);
        // a 复查意见 given after the close opens the 复核's 30 days again (第三十六条): the window runs from the later of the two
        var from = letter.PetitionReviews.Select(r => r.AnsweredOn).Append(closed).Max()!.Value;
        var until = from.AddMonths(LetterWindowMonths);
        if (today < until)
            kept.Add(new("letter_window", $"来信于 {from:yyyy-MM-dd} {(letter.Status == LetterStatuses.Rejected ? "不予受理" : from == closed ? "办结" : "提出复查（复核）意见")}，{LetterWindowMonths} 个月内仍可能请求复查、复核（信访工作条例第三十五条、第三十六条），至 {until:yyyy-MM-dd}", until));
        return new(closed, kept);
    }

    /// <summary>
    /// Whether a review case's personal data — the evidence list its reply names, free text that may name a person — may be
    /// erased on <paramref name="today"/>: once decided and the agency's retention period has run since (the retention period,
    /// a year at least, outlasts the six months in which a decision may still be challenged, 行政诉讼法第四十五条、第八十五条).
    /// Its other facts (kinds, dates, outcome) are the statistics' and stay.
    /// </summary>
    public static ErasureCheck Check(ReviewCase review, DateOnly today, int retentionYears, DateOnly? closedBefore = null)
    {
        if (review.PersonalDataErasedOn is { } erased) return new(review.DecidedOn, [new("already_erased", $"个人信息已于 {erased:yyyy-MM-dd} 删除", null)]);
        if (review.DecidedOn is not { } decided) return new(null, [new("open", "复议或诉讼尚未终结", null)]);
        return new(decided, Common(decided, today, retentionYears, closedBefore));
    }

    private static List<KeptBecause> Common(DateOnly closedOn, DateOnly today, int retentionYears, DateOnly? closedBefore)
    {
        var kept = new List<KeptBecause>();
        if (closedBefore is { } cutoff && closedOn >= cutoff)
            kept.Add(new("closed_after_cutoff", $"办结于 {closedOn:yyyy-MM-dd}，不早于指定的 {cutoff:yyyy-MM-dd}", null));
        var retained = closedOn.AddYears(retentionYears);
        if (today < retained)
            kept.Add(new("retention", $"本机关保存期限 {retentionYears} 年（自办结之日 {closedOn:yyyy-MM-dd} 起），至 {retained:yyyy-MM-dd} 届满", retained));
        return kept;
    }

    /// <summary>The applicant's remedy windows after the answer (see the class remarks), ending <see cref="FilingMarginDays"/> after the last one closes.</summary>
    public static KeptBecause RemedyWindow(Application app, DateOnly closedOn)
    {
        var answers = app.Notices.Where(n => n.Kind.StartsWith(NoticeKinds.AnswerPrefix, StringComparison.Ordinal)).ToList();
        var delivered = answers.SelectMany(n => n.Deliveries).Select(d => (On: Delivery.CountingDate(d), d.Method))
            .OrderBy(d => d.On).LastOrDefault();
        var trouble = answers.SelectMany(n => n.Returns.Select(r => r.ReturnedOn).Concat(n.Failures.Select(f => f.On))).DefaultIfEmpty().Max();
        DateOnly start;
        string from;
        if (delivered.Method is null || (trouble != default && trouble >= delivered.On))
        {
            var known = trouble != default && trouble > closedOn ? trouble : closedOn;
            start = known.AddDays(UnrecordedReceiptMarginDays);
            from = $"答复书未记录送达，按 {known:yyyy-MM-dd} 加 {UnrecordedReceiptMarginDays} 日（{start:yyyy-MM-dd}）保守计算";
        }
        else if (delivered.Method == DeliveryMethods.Post)
        {
            start = delivered.On.AddDays(UnrecordedReceiptMarginDays);
            from = $"答复书于 {delivered.On:yyyy-MM-dd} 交邮，收到日期未记录，按交邮之日加 {UnrecordedReceiptMarginDays} 日（{start:yyyy-MM-dd}）保守计算";
        }
        else
        {
            start = delivered.On;
            from = $"自答复书送达之日 {start:yyyy-MM-dd} 起";
        }
        DateOnly end;
        string windows;
        if (answers.Count > 0)
        {
            end = start.AddMonths(6); // 诉讼's six months always outlast 复议's sixty days
            windows = $"申请行政复议六十日（行政复议法第二十条第一款）、提起行政诉讼六个月（行政诉讼法第四十六条第一款）";
        }
        else
        {
            end = start.AddYears(1);
            windows = "未出具载明救济途径的答复书，救济期限最长一年（行政复议法第二十条第三款、行诉解释第六十四条）";
        }
        var until = end.AddDays(FilingMarginDays);
        return new("remedy_window", $"{from}：{windows}，至 {end:yyyy-MM-dd}；另留 {FilingMarginDays} 日待复议机关、法院通知，至 {until:yyyy-MM-dd}", until);
    }

    public static PersonalDataErased Erase(Application app, DateOnly today, int retentionYears, DateOnly? closedBefore = null) =>
        Erased(Check(app, today, retentionYears, closedBefore), "application", today, closedBefore, retentionYears);

    public static PersonalDataErased Erase(Letter letter, DateOnly today, int retentionYears, DateOnly? closedBefore = null) =>
        Erased(Check(letter, today, retentionYears, closedBefore), "letter", today, closedBefore, retentionYears);

    public static PersonalDataErased Erase(ReviewCase review, DateOnly today, int retentionYears, DateOnly? closedBefore = null) =>
        Erased(Check(review, today, retentionYears, closedBefore), "review", today, closedBefore, retentionYears);

    private static PersonalDataErased Erased(ErasureCheck check, string noun, DateOnly today, DateOnly? closedBefore, int retentionYears)
    {
        if (!check.Erasable)
            throw Refusal.Conflict($"The personal data of this {noun} is kept: {string.Join("；", check.Kept.Select(k => k.Text))}");
        return new PersonalDataErased(today, Rule(retentionYears, closedBefore));
    }

    /// <summary>A stored event as it must read after erasure; null when it carries nothing personal (it stays as it is).</summary>
    /// <remarks>Every free text a clerk types about a case may name a person: notes, reasons, correction items, parties.</remarks>
    public static object? Masked(object @event) => @event switch
    {
        ApplicationReceived e => e with { Applicant = e.Applicant.Erased(), Description = PersonalDataErased.Placeholder },
        CorrectionReceived { Text: not null } e => e with { Text = PersonalDataErased.Placeholder },
        SubmissionReturned e => e with { Reason = PersonalDataErased.Placeholder },
        FilesAttached e => e with { Files = e.Files.Select(f => f with { Name = PersonalDataErased.Placeholder, Sha256 = "" }).ToList() },
        CorrectionRequested e => e with { Items = e.Items.Select(_ => PersonalDataErased.Placeholder).ToList() },
        ExtensionApproved e => e with { Reason = PersonalDataErased.Placeholder },
        DecisionRecorded { Note: not null } e => e with { Note = PersonalDataErased.Placeholder },
        DecisionCorrected e => e with { Reason = PersonalDataErased.Placeholder },
        ApplicationWithdrawn { Reason: not null } e => e with { Reason = PersonalDataErased.Placeholder },
        ConsultationSent e => e with { Party = PersonalDataErased.Placeholder },
        ApplicationAssigned { Note: not null } e => e with { Note = PersonalDataErased.Placeholder },
        NoticeDelivered e when e.SignedBy is not null || e.ElectronicConsent is not null =>
            e with { SignedBy = Blanked(e.SignedBy), ElectronicConsent = Blanked(e.ElectronicConsent) },
        MailReturned e => e with { Reason = PersonalDataErased.Placeholder },
        DeliveryFailed e => e with { Reason = PersonalDataErased.Placeholder },
        LetterReceived e => e with { Writer = Writer.Erased, Subject = PersonalDataErased.Placeholder, Body = PersonalDataErased.Placeholder },
        LetterReplied e => e with { Text = PersonalDataErased.Placeholder },
        PetitionReviewAnswered e => e with { Text = PersonalDataErased.Placeholder },
        LetterRejected { Note: not null } e => e with { Note = PersonalDataErased.Placeholder },
        LetterReturned e => e with { Reason = PersonalDataErased.Placeholder },
        LetterExtensionApproved e => e with { Reason = PersonalDataErased.Placeholder },
        ReviewReplyFiled e => e with { Evidence = e.Evidence.Select(_ => PersonalDataErased.Placeholder).ToList() },
        _ => null,
    };

    private static string? Blanked(string? value) => value is null ? null : PersonalDataErased.Placeholder;
}

/// <summary>
/// How long an agency keeps a closed case's personal data (its archive rules decide; 档案法, 机关文件材料归档范围和文书档案保管期限规定:
/// 10 年, 30 年 or 永久). Conservative default: 10 years. An explicit cut-off of an erasure never shortens it.
/// </summary>
public static class RetentionPolicy
{
    public const int DefaultYears = 10;
    public const int MinYears = 1;
    public const int MaxYears = 100;
}
