namespace Disclosure.Domain.Applications;

/// <summary>What 条例第二十九条第二、三项 asks besides the description: the document number (文号/索引号), the form and the way wanted,
/// whether another way will do when that one is impossible, and the applicant's consent to electronic delivery. All optional.</summary>
public sealed record RequestedInformation(string? DocumentNumber, string? InformationForm, string? ObtainBy, bool? OtherWayAcceptable, bool? ElectronicConsent);

/// <summary>
/// The rules of a case as pure functions: (current state, command, today) → events, or a <see cref="Refusal"/>.
/// Steps that happened but broke a time limit are accepted; <see cref="Compliance"/> flags them.
/// </summary>
public static class ApplicationDecider
{
    public static ApplicationReceived Receive(
        Guid id, string agency, string trackingNumber, string channel, Applicant applicant,
        string description, DateOnly? submittedOn, DateOnly receivedOn, DateOnly today,
        string? queryCodeHash = null, RequestedInformation? requested = null)
    {
        Channels.All.Require("channel", channel);
        ApplicantCategories.All.Require("applicant.category", applicant.Category);
        if (applicant.IdType is not null) IdentityDocumentTypes.All.Require("applicant.idType", applicant.IdType);
        if (applicant.CreditCode is { } code && !CreditCode.IsWellFormed(code))
            throw Refusal.Invalid("applicant.creditCode", "A unified social credit code (统一社会信用代码) has 18 characters: digits and capital letters other than I, O, Z, S, V.");
        if (requested?.InformationForm is { } form) InformationForms.All.Require("informationForm", form);
        if (requested?.ObtainBy is { } way) ObtainWays.All.Require("obtainBy", way);
        if (string.IsNullOrWhiteSpace(applicant.Name)) throw Refusal.Invalid("applicant.name", "The applicant's name or organisation is required (条例第二十九条).");
        if (string.IsNullOrWhiteSpace(description)) throw Refusal.Invalid("description", "Describe the information requested (条例第二十九条).");
        NotInFuture("receivedOn", receivedOn, today);
        if (submittedOn is { } s)
        {
            NotInFuture("submittedOn", s, today);
            if (s > receivedOn) throw Refusal.Invalid("submittedOn", $"An application cannot be submitted ({s:yyyy-MM-dd}) after it was received ({receivedOn:yyyy-MM-dd}).");
        }
        return new ApplicationReceived(id, agency, trackingNumber, channel, applicant with { Name = applicant.Name.Trim() },
            description.Trim(), submittedOn, receivedOn, QueryCodeHash: queryCodeHash, DocumentNumber: requested?.DocumentNumber,
            InformationForm: requested?.InformationForm, ObtainBy: requested?.ObtainBy, OtherWayAcceptable: requested?.OtherWayAcceptable,
            ElectronicConsent: requested?.ElectronicConsent);
    }

    /// <summary>
    /// 网上申请: the applicant submits the 条例第二十九条 form online. It is not received yet (条例第三十一条: by internet, the day
    /// both sides confirm), so it opens the case awaiting confirmation. Stricter than a clerk's intake, since nobody has looked at
    /// the papers: a natural person names an identity document and its number — a 居民身份证 number must pass GB 11643's check —
    /// an organisation its 统一社会信用代码 with a valid GB 32100 check character, and everyone a phone number to be reached at.
    /// </summary>
    public static ApplicationReceived Submit(Guid id, string agency, string trackingNumber, Applicant applicant, string description,
        RequestedInformation requested, DateOnly today, DateTimeOffset now, string? queryCodeHash)
    {
        if (applicant.Category == ApplicantCategories.NaturalPerson)
        {
            if (applicant.IdType is null) throw Refusal.Invalid("applicant.idType", "Choose the identity document you apply with (条例第二十九条第一项).");
            if (applicant.IdNumber is null) throw Refusal.Invalid("applicant.idNumber", "Give the number of your identity document (条例第二十九条第一项).");
            if (applicant.IdType == "resident_id_card" && !ResidentIdNumber.IsValid(applicant.IdNumber))
                throw Refusal.Invalid("applicant.idNumber", "This is not a valid resident identity card number: 18 characters whose last one is the check character of GB 11643.");
        }
        else if (applicant.CreditCode is null || !CreditCode.IsValid(applicant.CreditCode))
            throw Refusal.Invalid("applicant.creditCode", "Give the organisation's unified social credit code (统一社会信用代码): 18 characters whose last one is the check character of GB 32100.");
        if (applicant.Phone is null) throw Refusal.Invalid("applicant.phone", "Give a phone number the agency can reach you at (条例第二十九条第一项).");
        if (requested.ElectronicConsent is null)
            throw Refusal.Invalid("electronicConsent", "Say whether documents may be delivered to you electronically.");
        var received = Receive(id, agency, trackingNumber, "online", applicant, description, today, today, today, queryCodeHash, requested);
        return received with { AwaitsConfirmation = true, SubmittedAt = now };
    }

    /// <summary>
    /// 确认 (条例第三十一条第三项): the agency confirms an online submission as an application; today becomes its legal receipt
    /// date — not the day it was submitted, nor the day a receipt was printed.
    /// </summary>
    public static ApplicationConfirmed Confirm(Application app, DateOnly today, DateTimeOffset now)
    {
        NotWithdrawn(app);
        if (app.Returned is { } r) throw Refusal.Conflict($"The submission was returned on {r.On:yyyy-MM-dd}; it cannot be confirmed.");
        if (!app.AwaitingConfirmation) throw Refusal.Conflict($"The application is not awaiting confirmation: it was received on {app.ReceivedOn:yyyy-MM-dd}.");
        return new ApplicationConfirmed(today, now, app.Applicant.Category);
    }

    /// <summary>An online submission that is no disclosure application goes back to its sender with the reason (no receipt, no clock).</summary>
    public static SubmissionReturned ReturnSubmission(Application app, string? reason, DateOnly today, DateTimeOffset now)
    {
        NotWithdrawn(app);
        if (app.Returned is { } r) throw Refusal.Conflict($"The submission was already returned on {r.On:yyyy-MM-dd}.");
        if (!app.AwaitingConfirmation) throw Refusal.Conflict($"Only an online submission awaiting confirmation can be returned; this application was received on {app.ReceivedOn:yyyy-MM-dd}.");
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("reason", "Tell the applicant why this is not an application.");
        return new SubmissionReturned(today, now, reason.Trim());
    }

    /// <summary>
    /// The guard of every step but 确认 and 退回: an online submission is an application only once the agency confirmed it
    /// (条例第三十一条第三项), and one returned as not an application never becomes one. Until then nothing is recorded on it —
    /// no step, link, notice, delivery or review. Checked before anything else, so the console (which offers a step unless the
    /// case's state refuses it) does not offer them either.
    /// </summary>
    public static void EnsureReceived(Application app)
    {
        NotWithdrawn(app);
        if (app.Returned is { } returned)
            throw Refusal.Conflict($"The submission was returned on {returned.On:yyyy-MM-dd} as not an application; no step can be recorded on it.");
        if (app.AwaitingConfirmation)
            throw Refusal.Conflict("The online application awaits confirmation (条例第三十一条): confirm it, or return it, first.");
    }

    private static void NotWithdrawn(Application app)
    {
        if (app.Returned is { ByApplicant: true } withdrawn)
            throw Refusal.Conflict($"The applicant withdrew the submission on {withdrawn.On:yyyy-MM-dd} before it was confirmed; no step can be recorded on it.");
    }

    /// <summary>
    /// The applicant withdraws an online submission the agency has not confirmed yet (status page): it was never received
    /// (条例第三十一条), so it ends without an answer and without being counted. Once confirmed it is an application, and its
    /// withdrawal is the agency's step (<see cref="Withdraw"/>, counted in the report, 表（六）3).
    /// </summary>
    public static SubmissionWithdrawn WithdrawSubmission(Application app, DateOnly today, DateTimeOffset now)
    {
        NotWithdrawn(app);
        if (app.Returned is { } returned) throw Refusal.Conflict($"The submission was already returned on {returned.On:yyyy-MM-dd}.");
        if (!app.AwaitingConfirmation)
            throw Refusal.Conflict($"The agency confirmed the application on {app.ReceivedOn:yyyy-MM-dd}; to withdraw it now, tell the agency, which records the withdrawal.");
        return new SubmissionWithdrawn(today, now);
    }

    /// <summary>
    /// 附件 sent with the online submission — proof of identity (条例第二十九条第一项) and other papers — checked by
    /// <see cref="Uploads.Check"/>; none: no event. A proof of identity is not required to submit: an application lacking one
    /// is for the agency to ask to complete (条例第三十条: 一次性告知补正), not for the form to refuse, and the clerk sees at
    /// confirmation whether one came.
    /// </summary>
    public static FilesAttached? AttachAtSubmission(IReadOnlyList<Upload> uploads, UploadLimits limits, DateOnly today, DateTimeOffset now) =>
        uploads.Count == 0 ? null : new FilesAttached(today, now, AttachmentOccasions.Submission, Uploads.Check(uploads, limits));

    public static CorrectionRequested RequestCorrection(Application app, DateOnly sentOn, IReadOnlyList<string>? items, DateOnly correctBy, DateOnly today)
    {
        Step(app, "sentOn", sentOn, today);
        if (app.Correction is not null) throw Refusal.Conflict($"A correction was already requested on {app.Correction.SentOn:yyyy-MM-dd}; the law allows one notice (条例第三十条).");
        var list = (items ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).ToList();
        if (list.Count == 0) throw Refusal.Invalid("items", "List what the applicant must correct (条例第三十条: 一次性告知).");
        if (correctBy <= sentOn) throw Refusal.Invalid("correctBy", $"The correction period must end after the notice is sent ({sentOn:yyyy-MM-dd}).");
        return new CorrectionRequested(sentOn, list, correctBy);
    }

    public static CorrectionReceived ReceiveCorrection(Application app, DateOnly receivedOn, DateOnly today)
    {
        Step(app, "receivedOn", receivedOn, today);
        if (app.Correction is null) throw Refusal.Conflict("No correction was requested on this application.");
        if (app.Correction.ReceivedOn is { } r) throw Refusal.Conflict($"The correction was already received on {r:yyyy-MM-dd}.");
        if (receivedOn < app.Correction.SentOn) throw Refusal.Invalid("receivedOn", $"A correction cannot arrive before it was requested ({app.Correction.SentOn:yyyy-MM-dd}).");
        return new CorrectionReceived(receivedOn);
    }

    /// <summary>
    /// The applicant answers the 补正告知 online: it arrives now, and today restarts the period (条例第三十条). Within the correction
    /// period only — after it the application has lapsed or lapses, and a late answer is for the agency to take in.
    /// </summary>
    public static IReadOnlyList<IApplicationEvent> AnswerCorrectionOnline(Application app, string? text, IReadOnlyList<Upload> uploads, UploadLimits limits,
        DateOnly today, DateTimeOffset now)
    {
        var received = AnswerCorrectionOnline(app, text, today, now);
        return uploads.Count == 0 ? [received] : [received, new FilesAttached(today, now, AttachmentOccasions.Correction, Uploads.Check(uploads, limits))];
    }

    public static CorrectionReceived AnswerCorrectionOnline(Application app, string? text, DateOnly today, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Refusal.Invalid("text", "Write the correction asked for.");
        var received = ReceiveCorrection(app, today, today);
        if (app.Correction is { } c && today > StatutoryClock.CorrectionEnds(c))
            throw Refusal.Conflict($"The correction period ended on {StatutoryClock.CorrectionEnds(c):yyyy-MM-dd}; please contact the agency.");
        return received with { Text = text.Trim(), At = now };
    }

    public const string NoCorrectionRule = "条例第三十条：申请人无正当理由逾期不补正的，视为放弃申请";
    public const string FeeUnpaidRule = "国办函〔2020〕109号：自收到收费通知之日的次日起20个工作日内未缴费的，视为放弃申请";
    public const string SilentConsultationRule = "条例第三十二条：第三方15个工作日内未提出意见的，由行政机关依法决定";

    /// <summary>No correction by the date set (条例第三十条; report （六）1): by a handler, or by the deadline check the day after.</summary>
    public static CorrectionLapsed LapseCorrection(Application app, DateOnly on, DateOnly today)
    {
        Step(app, "on", on, today);
        if (app.Correction is not { ReceivedOn: null } c) throw Refusal.Conflict("No correction is outstanding on this application.");
        if (on < StatutoryClock.LapsesOn(StatutoryClock.CorrectionEnds(c)))
            throw Refusal.Invalid("on", $"The correction period runs until {StatutoryClock.CorrectionEnds(c):yyyy-MM-dd}; it lapses only after that day.");
        return new CorrectionLapsed(on, NoCorrectionRule, app.Applicant.Category);
    }

    public static ConsultationSent SendConsultation(Application app, Guid consultationId, DateOnly sentOn, string? party, DateOnly today)
    {
        Step(app, "sentOn", sentOn, today);
        if (string.IsNullOrWhiteSpace(party)) throw Refusal.Invalid("party", "Name the third party or agency consulted (条例第三十二条、第三十四条).");
        return new ConsultationSent(consultationId, sentOn, party.Trim());
    }

    public static ConsultationReplied ReceiveConsultationReply(Application app, Guid consultationId, DateOnly receivedOn, bool? consents, DateOnly today)
    {
        Step(app, "receivedOn", receivedOn, today);
        var c = app.Consultations.FirstOrDefault(x => x.Id == consultationId)
            ?? throw Refusal.NotFound("consultationId", $"No consultation {consultationId} on this application.");
        if (c.RepliedOn is { } r) throw Refusal.Conflict($"This consultation was already answered on {r:yyyy-MM-dd}.");
        if (c.LapsedOn is { } l) throw Refusal.Conflict($"This consultation lapsed on {l:yyyy-MM-dd}; a late reply is kept in the file, not on the clock.");
        if (receivedOn < c.SentOn) throw Refusal.Invalid("receivedOn", $"A reply cannot arrive before the request was sent ({c.SentOn:yyyy-MM-dd}).");
        return new ConsultationReplied(consultationId, receivedOn, consents);
    }

    /// <summary>The consulted party stayed silent for 15 working days: from the day after the last of them (the deadline check), the consultation ends on that last day.</summary>
    public static ConsultationLapsed LapseConsultation(Application app, Guid consultationId, DateOnly on, Calendar.WorkingDayCalendar calendar, DateOnly today)
    {
        Step(app, "on", on, today);
        var c = app.Consultations.FirstOrDefault(x => x.Id == consultationId)
            ?? throw Refusal.NotFound("consultationId", $"No consultation {consultationId} on this application.");
        if (!c.IsOpen) throw Refusal.Conflict("This consultation has already ended.");
        var end = StatutoryClock.ConsultationReplyEnds(c, calendar);
        if (on < StatutoryClock.LapsesOn(end)) throw Refusal.Invalid("on", $"The reply period runs until {end:yyyy-MM-dd} (15 working days, 条例第三十二条).");
        return new ConsultationLapsed(consultationId, end, SilentConsultationRule);
    }

    public static ExtensionApproved ApproveExtension(Application app, DateOnly approvedOn, string? approvedBy, int workingDays, string? reason, DateOnly today)
    {
        if (workingDays is < 1 or > StatutoryClock.MaxExtension)
            throw Refusal.Invalid("workingDays", $"An extension is 1 to {StatutoryClock.MaxExtension} working days (条例第三十三条第二款); {workingDays} asked.");
        if (string.IsNullOrWhiteSpace(approvedBy)) throw Refusal.Invalid("approvedBy", "Name who approved the extension (the head of the disclosure office, 条例第三十三条).");
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("reason", "Give the reason for the extension.");
        Step(app, "approvedOn", approvedOn, today);
        if (app.Extension is not null) throw Refusal.Conflict($"An extension was already approved on {app.Extension.ApprovedOn:yyyy-MM-dd}; the law allows one (条例第三十三条).");
        return new ExtensionApproved(approvedOn, approvedBy.Trim(), workingDays, reason.Trim());
    }

    /// <summary>
    /// 收费通知. It is sent within the answer period (国办函〔2020〕109号 as restated by 四川省财政厅、发展改革委 2021-01-18: "在答复
    /// 期限内"; 条例第四十二条): a notice dated after the answer date is REFUSED (field <c>sentOn</c>), not recorded with a
    /// warning — recorded, its waiting time would be excluded from the period (the setting) and move an overdue case's due
    /// date past its lapse, making it look on time in table 三 and on the worklist. The answer date it is judged against is
    /// the one the clock derives without the fee (<see cref="StatutoryClock.Derive"/>); while that cannot be derived
    /// (a correction awaited, a year without a holiday notice) nothing can be said and the notice is recorded.
    /// </summary>
    public static FeeNoticeSent SendFeeNotice(Application app, DateOnly sentOn, decimal amountYuan, string? basis, DateOnly today,
        Calendar.WorkingDayCalendar calendar, ClockSettings settings)
    {
        FeeBases.All.Require("basis", basis);
        if (amountYuan <= 0) throw Refusal.Invalid("amountYuan", "A fee notice states an amount above zero.");
        if (decimal.Round(amountYuan, 2) != amountYuan) throw Refusal.Invalid("amountYuan", "Amounts are in yuan with at most two decimals.");
        Step(app, "sentOn", sentOn, today);
        if (app.Fee is not null) throw Refusal.Conflict($"A fee notice was already sent on {app.Fee.SentOn:yyyy-MM-dd}.");
        if (StatutoryClock.Derive(app, calendar, settings).DueOn is { } due && sentOn > due)
            throw Refusal.Invalid("sentOn", $"The answer period ended on {due:yyyy-MM-dd}: a fee notice is sent within it (国办函〔2020〕109号), " +
                $"so one dated {sentOn:yyyy-MM-dd} cannot be recorded and the answer date does not move.");
        return new FeeNoticeSent(sentOn, amountYuan, basis!);
    }

    /// <summary>
    /// 缴费. Within the 缴费期限 only (<see cref="StatutoryClock.FeePaymentWindow"/>): a payment dated after it is REFUSED
    /// (field <c>paidOn</c>) — the application is already treated as abandoned (视为放弃申请) by the business dates, whether
    /// or not the lapse has been recorded yet; nothing is written, so it never counts as collected (report （六）).
    /// </summary>
    public static FeePaid PayFee(Application app, DateOnly paidOn, DateOnly today, Calendar.WorkingDayCalendar calendar)
    {
        Step(app, "paidOn", paidOn, today);
        if (app.Fee is null) throw Refusal.Conflict("No fee notice was sent on this application.");
        if (app.Fee.PaidOn is { } p) throw Refusal.Conflict($"The fee was already paid on {p:yyyy-MM-dd}.");
        if (paidOn < app.Fee.SentOn) throw Refusal.Invalid("paidOn", $"A fee cannot be paid before the notice ({app.Fee.SentOn:yyyy-MM-dd}).");
        PaymentWindow window;
        try
        {
            window = StatutoryClock.FeePaymentWindow(app, calendar);
        }
        catch (Calendar.CalendarNotAvailable gap)
        {
            if (paidOn <= StatutoryClock.FeePaymentSurelyOpenUntil(app)) return new FeePaid(paidOn, app.Fee.AmountYuan);
            throw CalendarGap(gap);
        }
        if (!window.Covers(paidOn))
            throw Refusal.Invalid("paidOn", $"The payment period ended on {window.EndsOn:yyyy-MM-dd} ({window.Explain()}; 国办函〔2020〕109号): " +
                $"a payment on {paidOn:yyyy-MM-dd} is late, the application is treated as abandoned (视为放弃申请) — record the lapse (fee-lapse), not the payment.");
        return new FeePaid(paidOn, app.Fee.AmountYuan);
    }

    /// <summary>
    /// The fee was not paid within the 缴费期限 (国办函〔2020〕109号; report （六）2): by a handler (<c>fee-lapse</c>), or by the
    /// deadline check the day after the window ends — both through this rule and <see cref="StatutoryClock.FeePaymentWindow"/>.
    /// </summary>
    public static FeeLapsed LapseFee(Application app, DateOnly on, Calendar.WorkingDayCalendar calendar, DateOnly today)
    {
        Step(app, "on", on, today);
        if (app.Fee is not { PaidOn: null }) throw Refusal.Conflict("No fee is outstanding on this application.");
        PaymentWindow window;
        try { window = StatutoryClock.FeePaymentWindow(app, calendar); }
        catch (Calendar.CalendarNotAvailable gap) { throw CalendarGap(gap); }
        if (window.Covers(on)) throw Refusal.Invalid("on", $"The payment period runs until {window.EndsOn:yyyy-MM-dd} ({window.Explain()}, 国办函〔2020〕109号); it lapses only after that day.");
        return new FeeLapsed(on, FeeUnpaidRule, app.Applicant.Category);
    }

    private static Refusal CalendarGap(Calendar.CalendarNotAvailable gap) =>
        Refusal.Conflict($"The payment period runs into {gap.Year}, whose holiday notice (节假日安排通知) is not loaded: its end cannot be known until it is (PUT /api/calendar/{gap.Year}).");

    /// <summary>
    /// 转办/分办: the application goes to a handler and/or a department, or from one to another. A department named without a
    /// handler passes the case to that department to share out (its previous handler keeps it only if the department stays
    /// the same); a handler named without a department keeps the department. The event carries the assignment as it then
    /// stands. Assigning it to whom it is already assigned is refused: nothing would change.
    /// </summary>
    public static ApplicationAssigned Assign(Application app, DateOnly on, string? handler, string? department, string? note, DateOnly today)
    {
        handler = string.IsNullOrWhiteSpace(handler) ? null : handler.Trim();
        department = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        if (handler is null && department is null) throw Refusal.Invalid("handler", "Name the handler (承办人) or the department (承办部门) the application is assigned to.");
        Step(app, "on", on, today);
        var newDepartment = department ?? app.Department;
        var newHandler = handler ?? (newDepartment == app.Department ? app.Handler : null);
        if (newHandler == app.Handler && newDepartment == app.Department)
            throw Refusal.Conflict("The application is already assigned to this handler and department; nothing would change.");
        return new ApplicationAssigned(on, newHandler, newDepartment, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
    }

    public static ApplicationWithdrawn Withdraw(Application app, DateOnly on, string? reason, DateOnly today)
    {
        Step(app, "on", on, today);
        return new ApplicationWithdrawn(on, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), app.Applicant.Category);
    }

    /// <summary>
    /// The answer. A 不予处理（重复申请） needs the earlier case it repeats: see the overload that is handed the related cases.
    /// </summary>
    public static DecisionRecorded RecordDecision(Application app, DateOnly decidedOn, string? outcome, string? note, DateOnly today) =>
        (DecisionRecorded)RecordDecision(app, decidedOn, outcome, note, today, null, null, []).Last();

    /// <summary>
    /// The answer, and for 不予处理（重复申请）(条例第三十六条第（六）项) the earlier case it repeats: <paramref name="named"/> is the
    /// case the handler named (<paramref name="relatedTo"/> as typed; null when none was named or none was found), recorded as a
    /// <c>same_request</c> link with the answer; <paramref name="linked"/> are the cases the application already links, as they
    /// stand now. The answer is refused unless one of them was filed earlier by the same applicant and was answered.
    /// </summary>
    public static IReadOnlyList<object> RecordDecision(Application app, DateOnly decidedOn, string? outcome, string? note, DateOnly today,
        string? relatedTo, Application? named, IReadOnlyList<Application> linked)
    {
        Outcomes.All.Require("outcome", outcome);
        Step(app, "decidedOn", decidedOn, today);
        if (app.Correction is { } c && c.ReceivedOn is { } corrected && decidedOn < corrected)
            throw Refusal.Invalid("decidedOn", $"The answer cannot precede the corrected application it answers ({corrected:yyyy-MM-dd}).");
        var events = new List<object>();
        if (!string.IsNullOrWhiteSpace(relatedTo))
        {
            if (outcome != Outcomes.NotProcessedDuplicate)
                throw Refusal.Invalid("relatedTo", "Only an answer 'not_processed_duplicate' names the case it repeats; link other cases through …/relations.");
            RequireRepeated(app, Existing(relatedTo, named), decidedOn, "relatedTo");
            if (Relate(app, named, relatedTo, Search.Repeats.RepeatKinds.SameRequest, decidedOn, today) is { } link) events.Add(link);
        }
        else if (outcome == Outcomes.NotProcessedDuplicate && !linked.Any(l => Repeats(app, l, decidedOn) is null))
        {
            throw Refusal.Invalid("relatedTo", $"不予处理（重复申请）（条例第三十六条第（六）项）needs the earlier application it repeats: name it in 'relatedTo' " +
                $"(an application of the same applicant that was answered), or link it first.{
                (linked.Count > 0 ? " None of the linked applications qualifies: " + string.Join(" ", linked.Select(l => Repeats(app, l, decidedOn))) : "")}");
        }
        events.Add(new DecisionRecorded(decidedOn, outcome!, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), app.Applicant.Category));
        return events;
    }

    /// <summary>
    /// 关联: a handler links the application to an earlier one it repeats (<c>same_request</c>) or of the same applicant
    /// (<c>same_applicant</c>). <paramref name="related"/> is the case <paramref name="relatedTo"/> names, as the host found it in
    /// the agency (null when there is none). Null when the link is already recorded: nothing to record twice.
    /// </summary>
    public static ApplicationRelated? Relate(Application app, Application? related, string? relatedTo, string? kind, DateOnly on, DateOnly today)
    {
        EnsureReceived(app);
        Search.Repeats.RepeatKinds.All.Require("kind", kind);
        NotInFuture("on", on, today);
        var other = Existing(relatedTo, related);
        if (other.Id == app.Id) throw Refusal.Invalid("relatedTo", "An application cannot be related to itself.");
        if (other.ReceivedOn > app.ReceivedOn)
            throw Refusal.Invalid("relatedTo", $"{other.TrackingNumber} was received after this application ({other.ReceivedOn:yyyy-MM-dd}); link the later application to the earlier one.");
        if (app.Relations.Any(r => r.CaseId == other.Id && r.Kind == kind)) return null;
        var match = Search.Repeats.ApplicantKey.Of(app.Applicant).Match(Search.Repeats.ApplicantKey.Of(other.Applicant));
        return new ApplicationRelated(on, other.Id, other.TrackingNumber, kind!, Search.Repeats.ApplicantMatches.Code(match), other.ReceivedOn);
    }

    private static Application Existing(string? relatedTo, Application? related) =>
        related ?? throw Refusal.Invalid("relatedTo", string.IsNullOrWhiteSpace(relatedTo)
            ? "Name the earlier application (its id or tracking number)."
            : "There is no application with that id or tracking number in this agency.");

    private static void RequireRepeated(Application app, Application earlier, DateOnly decidedOn, string field)
    {
        if (Repeats(app, earlier, decidedOn) is { } why) throw Refusal.Invalid(field, why);
    }

    /// <summary>
    /// Why <paramref name="earlier"/> cannot be the request this one repeats (条例第三十六条第（六）项: the same applicant asking
    /// again for what was already answered), or null when it can. The same applicant: the same identity on both forms, or a
    /// handler's <c>same_applicant</c> link.
    /// </summary>
    private static string? Repeats(Application app, Application earlier, DateOnly decidedOn)
    {
        if (earlier.Id == app.Id) return "An application cannot repeat itself.";
        if (earlier.ReceivedOn > app.ReceivedOn) return $"{earlier.TrackingNumber} was received after this application.";
        var sameApplicant = Search.Repeats.ApplicantKey.Of(app.Applicant).IsSameAs(Search.Repeats.ApplicantKey.Of(earlier.Applicant))
            || app.Relations.Any(r => r.CaseId == earlier.Id && r.Kind == Search.Repeats.RepeatKinds.SameApplicant);
        if (!sameApplicant) return $"{earlier.TrackingNumber} was not filed by the same applicant (neither ID number, credit code nor name and phone agree, and no same_applicant link is recorded).";
        if (earlier.Answer is not { ClosedBy: EventNames.DecisionRecorded or EventNames.DecisionCorrected } answer || answer.DecidedOn > decidedOn)
            return $"{earlier.TrackingNumber} has not been answered{(earlier.Answer is { } a && a.DecidedOn > decidedOn ? " by " + decidedOn.ToString("yyyy-MM-dd") : "")}: a request repeats only what was already answered.";
        return null;
    }

    /// <param name="linked">The cases the application links, as they stand now: a correction to 不予处理（重复申请） needs one it repeats.</param>
    public static DecisionCorrected CorrectDecision(Application app, DateOnly correctedOn, string? outcome, DateOnly? decidedOn, string? reason, DateOnly today,
        IReadOnlyList<Application>? linked = null)
    {
        EnsureReceived(app);
        Outcomes.All.Require("outcome", outcome);
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("reason", "Say why the recorded answer is corrected; the old one stays in the history.");
        NotInFuture("correctedOn", correctedOn, today);
        if (app.Answer is not { ClosedBy: EventNames.DecisionRecorded or EventNames.DecisionCorrected } current)
            throw Refusal.Conflict("There is no recorded answer to correct on this application.");
        var newDate = decidedOn ?? current.DecidedOn;
        NotBeforeReceipt(app, "decidedOn", newDate);
        NotInFuture("decidedOn", newDate, today);
        if (correctedOn < current.DecidedOn) throw Refusal.Invalid("correctedOn", $"A correction cannot precede the answer it corrects ({current.DecidedOn:yyyy-MM-dd}).");
        if (newDate == current.DecidedOn && outcome == current.Outcome)
            throw Refusal.Invalid("outcome", "The correction changes neither the outcome nor its date.");
        if (outcome == Outcomes.NotProcessedDuplicate && !(linked ?? []).Any(l => Repeats(app, l, newDate) is null))
            throw Refusal.Invalid("outcome", "不予处理（重复申请）（条例第三十六条第（六）项）needs a linked earlier application of the same applicant that was answered: link it first (…/relations).");
        return new DecisionCorrected(correctedOn, current.Outcome, current.DecidedOn, outcome!, newDate, reason.Trim(), app.Applicant.Category);
    }

    public static ReviewFiled FileReview(Application app, Guid reviewId, string? kind, DateOnly filedOn, DateOnly today)
    {
        EnsureReceived(app);
        ReviewKinds.All.Require("kind", kind);
        NotInFuture("filedOn", filedOn, today);
        NotBeforeReceipt(app, "filedOn", filedOn);
        return new ReviewFiled(reviewId, kind!, filedOn);
    }

    public static ReviewConcluded ConcludeReview(Application app, Guid reviewId, DateOnly concludedOn, string? result, DateOnly today)
    {
        EnsureReceived(app);
        ReviewResults.All.Require("result", result);
        NotInFuture("concludedOn", concludedOn, today);
        var review = app.Reviews.FirstOrDefault(r => r.Id == reviewId)
            ?? throw Refusal.NotFound("reviewId", $"No review {reviewId} on this application.");
        if (review.ConcludedOn is { } c) throw Refusal.Conflict($"This review was already concluded on {c:yyyy-MM-dd}.");
        if (concludedOn < review.FiledOn) throw Refusal.Invalid("concludedOn", $"A review cannot conclude before it was filed ({review.FiledOn:yyyy-MM-dd}).");
        return new ReviewConcluded(reviewId, concludedOn, result!, review.Kind, review.FiledOn);
    }

    /// <summary>The answer date as the calendar in force derives it (the case is folded with it), if it moved from the stored one (requirement 5 of the clock).</summary>
    public static DueDateRederived? Rederive(Application current, DateOnly? storedDueOn, string reason, DateOnly today) =>
        !current.IsOpen || current.DueOn == storedDueOn ? null : new DueDateRederived(today, storedDueOn, current.DueOn, reason);

    /// <summary>Only an application answered 信访举报投诉类申请 goes to the mailbox, once.</summary>
    public static void EnsureCanBecomeLetter(Application app, DateOnly on, DateOnly today)
    {
        EnsureReceived(app);
        NotInFuture("on", on, today);
        if (app.Answer?.Outcome != Outcomes.NotProcessedPetitionComplaint)
            throw Refusal.Conflict("Only an application answered 'not_processed_petition_complaint' (信访举报投诉类申请) can be turned into a letter.");
        if (app.LetterNumber is { } n) throw Refusal.Conflict($"This application already became letter {n}.");
        if (on < app.Answer.DecidedOn) throw Refusal.Invalid("on", $"It can be passed on only after the answer ({app.Answer.DecidedOn:yyyy-MM-dd}).");
    }

    /// <summary>
    /// 信访举报投诉类申请 (条例第三十九条) go on as a mayor's-mailbox letter: the application records where it went, and the
    /// letter opens with the applicant as writer and the request as its body.
    /// </summary>
    public static IReadOnlyList<object> TurnIntoLetter(Application app, DateOnly on, string? category, Guid letterId, string letterNumber,
        string queryCodeHash, Letters.LetterTimeLimits limits, DateOnly today)
    {
        EnsureCanBecomeLetter(app, on, today);
        var writer = new Letters.Writer(app.Applicant.Name, app.Applicant.Phone, app.Applicant.Email);
        var received = Letters.LetterDecider.Receive(letterId, app.Agency, letterNumber, queryCodeHash, "other", category ?? "complaint",
            $"由政府信息公开申请 {app.TrackingNumber} 转来", app.Description, writer, on, false, limits, today)
            with { FromApplicationId = app.Id, FromApplicationNumber = app.TrackingNumber };
        return [new ApplicationTurnedIntoLetter(on, letterId, letterNumber), new CaseOpened(letterId, received)];
    }

    /// <summary>A procedural step: dated between receipt and today, on a case that is still open.</summary>
    private static void Step(Application app, string field, DateOnly on, DateOnly today)
    {
        EnsureReceived(app);
        NotInFuture(field, on, today);
        NotBeforeReceipt(app, field, on);
        if (!app.IsOpen)
            throw Refusal.Conflict($"The application was closed on {app.Answer!.DecidedOn:yyyy-MM-dd} ({app.Status}: {app.Answer.Outcome}); no further step can be recorded.");
    }

    private static void NotInFuture(string field, DateOnly on, DateOnly today)
    {
        if (on > today) throw Refusal.Invalid(field, $"{on:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}); record steps when they happen.");
    }

    private static void NotBeforeReceipt(Application app, string field, DateOnly on)
    {
        if (on < app.ReceivedOn) throw Refusal.Invalid(field, $"{on:yyyy-MM-dd} is before the application was received ({app.ReceivedOn:yyyy-MM-dd}).");
    }
}
