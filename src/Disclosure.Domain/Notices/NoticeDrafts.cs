using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Fees;

namespace Disclosure.Domain.Notices;

/// <summary>What the clerk adds to an answer: a variant of the outcome, own findings or decision wording, reasons, the way of provision.</summary>
/// <param name="Variant">See <see cref="AnswerCatalogue.VariantsOf"/>; for 部分公开 the ground of the withheld part.</param>
/// <param name="Findings">Replaces the lead 经审查/经检索, e.g. "经检索本机关2019年以来的文件".</param>
/// <param name="Decision">Replaces the default decision wording; required for 其他处理.</param>
/// <param name="Reasons">Paragraphs after the decision: the withheld part and why, the responsible agency and its contact…</param>
/// <param name="Provision">获取方式、途径和时间 — required for 予以公开 and 部分公开 (条例第三十六条第（一）（二）项).</param>
/// <param name="Basis">A further basis cited after the catalogue's; the whole basis for 其他处理.</param>
public sealed record AnswerDraft(
    string? Variant = null, string? Findings = null, string? Decision = null, IReadOnlyList<string>? Reasons = null,
    IReadOnlyList<string>? Provision = null, string? Basis = null);

/// <summary>
/// Builds the model of each notice from the case and the agency's settings. The number comes from the host, which
/// allocates it gap-free in the series of <see cref="NoticeSettings.SeriesOf"/>.
/// </summary>
public static class NoticeDrafts
{
    private const string Regulation = AnswerCatalogue.Regulation;

    /// <summary>登记回执: the application was received and registered; the answer date as now derived.</summary>
    public static NoticeModel Receipt(Application app, NoticeSettings settings, string number, DateOnly issuedOn) =>
        ToApplicant(app, settings, NoticeKinds.Receipt, number, issuedOn);

    /// <summary>补正告知书 (条例第三十条), from the recorded correction request.</summary>
    public static NoticeModel Correction(Application app, NoticeSettings settings, string number, DateOnly issuedOn, string? guidance = null)
    {
        var c = app.Correction ?? throw Refusal.Conflict("No correction was requested on this application.");
        var p = Pronoun(app);
        return ToApplicant(app, settings, NoticeKinds.Correction, number, issuedOn) with
        {
            Correction = new(c.Items, c.CorrectBy, guidance?.Trim() ?? "",
                $"本机关自收到{p}补正后的申请之日起重新计算答复期限；{p}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请（{Regulation}第三十条）。"),
        };
    }

    /// <summary>延期答复告知书 (条例第三十三条第二款), from the approved extension; the due dates come from the statutory clock.</summary>
    public static NoticeModel Extension(Application app, NoticeSettings settings, string number, DateOnly issuedOn, WorkingDayCalendar calendar, ClockSettings clock)
    {
        var e = app.Extension ?? throw Refusal.Conflict("No extension was approved on this application.");
        var original = StatutoryClock.Derive(app, calendar, clock, ignoreExtension: true).DueOn;
        var extended = StatutoryClock.Derive(app, calendar, clock);
        var due = extended.DueOn ?? throw Refusal.Conflict(
            $"The extended answer date cannot be derived yet{(extended.CalendarGapYear is { } y ? $" (no holiday notice loaded for {y})" : "")}.");
        return ToApplicant(app, settings, NoticeKinds.Extension, number, issuedOn) with
        {
            Extension = new(e.WorkingDays, original, due, e.ApprovedBy, e.Reason,
                $"{Regulation}第三十三条第二款：行政机关不能在规定期限内作出答复的，经政府信息公开工作机构负责人同意并告知申请人，可以延长答复期限，延长的期限最长不得超过20个工作日。"),
        };
    }

    /// <summary>
    /// 征求意见书 to the party consulted: a third party (条例第三十二条, silence → the agency decides) or an agency that
    /// made the information jointly (第三十四条, silence = consent). The applicant's identity is not disclosed to the party.
    /// </summary>
    public static NoticeModel ConsultationLetter(
        Application app, Guid consultationId, NoticeSettings settings, string number, DateOnly issuedOn,
        string? information = null, bool partyIsAgency = false, bool partyIsPerson = false)
    {
        var c = Consulted(app, consultationId);
        var p = partyIsPerson && !partyIsAgency ? "您" : "贵单位";
        var (question, rule) = partyIsAgency
            ? ($"该政府信息由本机关与{p}共同制作，现征求{p}对公开该政府信息的意见。",
               $"请{p}自收到本征求意见书之日起{StatutoryClock.ConsultationReplyPeriod}个工作日内提出意见；逾期未提出意见的，视为同意公开（{Regulation}第三十四条）。")
            : ($"该政府信息的公开可能损害{p}的合法权益，现书面征求{p}意见。{p}不同意公开的，请说明理由。",
               $"请{p}自收到本征求意见书之日起{StatutoryClock.ConsultationReplyPeriod}个工作日内提出书面意见；逾期未提出意见的，由本机关依照{Regulation}的规定决定是否公开（{Regulation}第三十二条）。");
        return Base(app, settings, NoticeKinds.ConsultationLetter, number, issuedOn, c.Party, p) with
        {
            Consultation = new(c.Party, c.SentOn, Blank(information) ?? app.Description, question, StatutoryClock.ConsultationReplyPeriod, rule),
        };
    }

    /// <summary>征求意见告知书 to the applicant: a consultation is under way and its time is not counted (条例第三十三条第三款).</summary>
    public static NoticeModel ConsultationNotice(Application app, Guid consultationId, NoticeSettings settings, string number, DateOnly issuedOn, bool partyIsAgency = false)
    {
        var c = Consulted(app, consultationId);
        var (whom, article) = partyIsAgency ? ("有关行政机关", "第三十四条") : ("第三方", "第三十二条");
        return ToApplicant(app, settings, NoticeKinds.ConsultationNotice, number, issuedOn) with
        {
            // the party is not named to the applicant: its identity may be what is protected
            Consultation = new(whom, c.SentOn, app.Description, "", StatutoryClock.ConsultationReplyPeriod,
                $"根据{Regulation}{article}、第三十三条第三款的规定，本机关已于{NoticeValues.Date(c.SentOn)}书面征求{whom}意见，征求意见所需时间不计算在答复期限内。"),
        };
    }

    /// <summary>收费通知书 (国办函〔2020〕109号): basis, bands, amount, computation, how to pay, the 20-working-day rule.</summary>
    public static NoticeModel FeeNotice(Application app, FeeAssessment fee, FeePolicy policy, NoticeSettings settings, string number, DateOnly issuedOn)
    {
        if (!fee.IsDue) throw Refusal.Invalid("fee", "Nothing to pay: a fee notice is sent only for an amount due.");
        if (policy.PaymentInstructions.All(string.IsNullOrWhiteSpace))
            throw Refusal.Invalid("paymentInstructions", "A fee notice must say how to pay (缴纳方式).");
        var p = Pronoun(app);
        var bands = fee.Method == FeePolicy.PerItem
            ? "同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分，每件100元；30件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。"
            : "同一政府信息公开申请30页以下（含30页）的，不收费；31—100页（含100页）的部分，每页10元；101—200页（含200页）的部分，每页20元；200页以上的部分，每页40元。";
        return ToApplicant(app, settings, NoticeKinds.FeeNotice, number, issuedOn) with
        {
            Fee = new($"{Regulation}第四十二条、{AnswerCatalogue.FeeMeasures}", FeeBases.All.Find(fee.Method)?.Label ?? fee.Method, bands,
                fee.AmountYuan, fee.Lines.Select(l => l.Text).ToList(), fee.Total,
                policy.PaymentInstructions.Where(l => !string.IsNullOrWhiteSpace(l)).ToList(), StatutoryClock.FeePaymentPeriod,
                $"请{p}自收到本通知之日的次日起{StatutoryClock.FeePaymentPeriod}个工作日内缴纳上述费用。逾期未缴纳的，视为放弃申请，本机关不再处理{p}的该政府信息公开申请。"),
        };
    }

    /// <summary>The answer (告知书) to the recorded outcome, with its legal basis and the remedies clause.</summary>
    public static NoticeModel Answer(Application app, NoticeSettings settings, string number, DateOnly issuedOn, AnswerDraft draft)
    {
        var answer = app.Answer ?? throw Refusal.Conflict("No answer has been recorded on this application.");
        if (issuedOn < answer.DecidedOn)
            throw Refusal.Invalid("issuedOn", $"The answer was decided on {answer.DecidedOn:yyyy-MM-dd}; its notice cannot be dated before.");
        var outcome = answer.Outcome;
        var entry = AnswerCatalogue.For(outcome);
        var variant = AnswerCatalogue.Variant(outcome, draft.Variant);
        var reasons = Lines(draft.Reasons);
        var provision = Lines(draft.Provision);
        var p = Pronoun(app);

        if (entry.NeedsDecision && Blank(draft.Decision) is null)
            throw Refusal.Invalid("decision", $"Write the decision of this answer ({entry.Name}): there is no standard wording.");
        if (entry.NeedsDecision && Blank(draft.Basis) is null)
            throw Refusal.Invalid("basis", $"Cite the provisions this answer ({entry.Name}) rests on: there is no standard basis.");
        if (entry.NeedsProvision && provision.Count == 0)
            throw Refusal.Invalid("provision", "Say how, where and when the information is provided (条例第三十六条第（一）项、第（二）项).");
        if (outcome == Outcomes.PartiallyDisclosed && reasons.Count == 0)
            throw Refusal.Invalid("reasons", "Name the part withheld and the reason (条例第三十七条: 对不予公开的内容说明理由).");
        // 第三十七条 only says that a part may be withheld; the article it is withheld under is the basis of the withheld part
        if (outcome == Outcomes.PartiallyDisclosed && variant is null)
            throw Refusal.Invalid("variant", $"Name the ground of the withheld part (条例第三十七条 and the article it is withheld under). Allowed: {
                string.Join(", ", AnswerCatalogue.VariantsOf(outcome).Select(v => v.Code))}.");

        var basis = string.Join("、", new[] { AnswerCatalogue.Basis(outcome, draft.Variant), Blank(draft.Basis) ?? "" }.Where(b => b.Length > 0));
        return ToApplicant(app, settings, NoticeKinds.AnswerTo(outcome), number, issuedOn) with
        {
            Answer = new(outcome, Blank(draft.Findings) ?? entry.FindingsLead,
                Blank(draft.Decision) ?? (variant?.Decision ?? entry.Decision).Replace("您", p),
                reasons, basis, provision, Remedies.Clause(outcome, settings.ReconsiderationBody, p), Remedies.ReconsiderationFirst(outcome)),
        };
    }

    private static NoticeModel ToApplicant(Application app, NoticeSettings settings, string kind, string number, DateOnly issuedOn) =>
        Base(app, settings, kind, number, issuedOn, app.Applicant.Name, Pronoun(app));

    private static NoticeModel Base(Application app, NoticeSettings settings, string kind, string number, DateOnly issuedOn, string addressee, string pronoun)
    {
        settings.Validated();
        if (app.PersonalDataErasedOn is { } erased)
            throw Refusal.Conflict($"The personal data of this application was erased on {erased:yyyy-MM-dd}; no notice can be addressed any more.");
        if (issuedOn < app.ReceivedOn)
            throw Refusal.Invalid("issuedOn", $"The application was received on {app.ReceivedOn:yyyy-MM-dd}; a notice about it cannot be dated before.");
        if (string.IsNullOrWhiteSpace(number)) throw Refusal.Invalid("number", "A notice needs its 文号.");
        var k = NoticeKinds.Require("kind", kind);
        return new NoticeModel(kind, k.Title, settings.AgencyName, number.Trim(), issuedOn, addressee, pronoun, settings.ContactLines)
        {
            Case = new(app.TrackingNumber, app.ReceivedOn, app.Description.TrimEnd('。', '；', ';', '.'),
                Channels.All.Find(app.Channel)?.Label ?? app.Channel, app.DueOn),
        };
    }

    private static Consultation Consulted(Application app, Guid id) =>
        app.Consultations.FirstOrDefault(c => c.Id == id) ?? throw Refusal.NotFound("consultationId", $"No consultation {id} on this application.");

    /// <summary>您 to a person, 贵单位 to an organisation.</summary>
    private static string Pronoun(Application app) => app.Applicant.Category == ApplicantCategories.NaturalPerson ? "您" : "贵单位";

    private static List<string> Lines(IReadOnlyList<string>? lines) =>
        (lines ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
