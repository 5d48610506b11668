using Disclosure.Corpus;
using Disclosure.Domain;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Reviews;

namespace Disclosure.Load;

/// <summary>One case's stream as the write path would have appended it: its aggregate type, id and events in order.</summary>
public sealed record SeededStream(Type Aggregate, Guid Id, IReadOnlyList<object> Events);

/// <summary>
/// Histories of the province bench (ops/bench-province): every step is decided by the Domain's own rules
/// (<see cref="ApplicationDecider"/>, <see cref="LetterDecider"/>, <see cref="ReviewDecider"/>, <see cref="YearEnd"/>), each on
/// the case folded from the events before it, on the day it happened (the step's business date is the day it is recorded), and
/// the year-end records kept true as the write path keeps them (<see cref="YearEnd.Reconcile"/> once a year is closed, the close
/// itself — <see cref="YearEnd.Close"/> — on 1 January for every case open then). A step the Domain refuses is a fault of the
/// generator: it throws, nothing is written. Each finished case is checked to be in a legal state (<see cref="Check"/>).
/// Deadline checks (Wolverine's scheduled messages) are not written: the nightly sweep plans them for open cases.
/// </summary>
public sealed class ProvinceHistory(WorkingDayCalendar calendar, DateOnly today, int lastClosedYear)
{
    private static readonly ClockSettings Settings = ClockSettings.Default;
    private static readonly string[] Departments = ["办公室", "法制科", "自然资源科", "住房保障科", "财务科", "规划科", "信息公开办"];
    private static readonly string[] Parties = ["市自然资源和规划局", "区住房和城乡建设局", "某建设工程有限公司", "第三方自然人", "市财政局"];
    /// <summary>
    /// A handler's outcomes, without 不予处理（重复申请）: it needs a related earlier answered case (条例第三十六条第（六）项).
    /// </summary>
    public static readonly string[] HandlerOutcomes =
        Domain.Applications.Outcomes.All.Take(18).Select(c => c.Code).Where(c => c != Domain.Applications.Outcomes.NotProcessedDuplicate).ToArray();

    private static readonly string[] Outcomes = HandlerOutcomes;

    /// <summary>The domain's applicant from the form as the corpus wrote it: an organisation's number is its credit code.</summary>
    public static Applicant ApplicantOf(CorpusApplicant a) => new(a.Category, a.Name, a.IdNumber ?? a.CreditCode, a.Phone, a.Email, a.Address);

    public DateOnly Today => today;

    /// <summary>The years closed when a step is recorded on <paramref name="on"/>: every year closed on 1 January of the next.</summary>
    public IReadOnlyList<int> ClosedYears(DateOnly on)
    {
        var last = Math.Min(lastClosedYear, on.Year - 1);
        return last < 2000 ? [] : Enumerable.Range(2000, last - 1999).ToList();
    }

    /// <summary>An application and, when it went to review, its review case.</summary>
    public IReadOnlyList<SeededStream> ApplicationCase(Agency agency, Guid id, string number, CorpusRecord record, Random rng, Func<int, string> reviewNumber)
    {
        var a = new AppBuilder(this, calendar);
        var received = record.ReceivedOn;
        var applicant = ApplicantOf(record.Applicant);
        a.Step(received, _ => [ApplicationDecider.Receive(id, agency.Id, number, record.Channel, applicant, record.Description, null, received, received)]);
        var streams = new List<SeededStream>();
        var last = received;
        bool Later(int min, int max, out DateOnly on)
        {
            on = last.AddDays(rng.Next(min, max + 1));
            if (on > today) return false;
            last = on;
            return true;
        }
        DateOnly on;
        if (rng.NextDouble() < 0.6 && Later(0, 2, out on))
            a.Step(on, app => [ApplicationDecider.Assign(app, on, $"承办人{rng.Next(1, 9)}", Departments[rng.Next(Departments.Length)], null, on)]);
        var roll = rng.NextDouble();
        // 补正 (条例第三十条): one notice; most applicants answer within the period, some let it lapse
        if (roll < 0.10 && a.Open && Later(1, 5, out on))
        {
            var correctBy = on.AddDays(15);
            a.Step(on, app => [ApplicationDecider.RequestCorrection(app, on, ["申请人身份证明", "所需信息的名称、文号或者便于查询的其他特征性描述"], correctBy, on)]);
            if (rng.NextDouble() < 0.85)
            {
                if (Later(1, 14, out on)) a.Step(on, app => [ApplicationDecider.ReceiveCorrection(app, on, on)]);
            }
            else
            {
                var lapse = StatutoryClock.LapsesOn(correctBy);
                if (lapse <= today) { last = lapse; a.Step(lapse, app => [ApplicationDecider.LapseCorrection(app, lapse, lapse)]); }
            }
        }
        // 征求意见 (条例第三十二条): a third party answers, or stays silent for 15 working days
        if (roll is >= 0.10 and < 0.16 && a.Open && Later(2, 6, out on))
        {
            var consultation = Guid.CreateVersion7();
            var party = Parties[rng.Next(Parties.Length)];
            a.Step(on, app => [ApplicationDecider.SendConsultation(app, consultation, on, party, on)]);
            if (rng.NextDouble() < 0.8)
            {
                var consents = rng.NextDouble() < 0.7;
                if (Later(3, 12, out on)) a.Step(on, app => [ApplicationDecider.ReceiveConsultationReply(app, consultation, on, consents, on)]);
            }
            else
            {
                var lapse = StatutoryClock.LapsesOn(StatutoryClock.ConsultationReplyEnds(a.Case.Consultations.Single(c => c.Id == consultation), calendar));
                if (lapse <= today) { last = lapse; a.Step(lapse, app => [ApplicationDecider.LapseConsultation(app, consultation, lapse, calendar, lapse)]); }
            }
        }
        // 收费 (国办函〔2020〕109号): sent within the answer period; paid within the window, or it lapses
        if (roll is >= 0.16 and < 0.175 && a.Open && a.Case.DueOn is { } feeDue && Later(1, 4, out on) && on <= feeDue)
        {
            var amount = rng.Next(1, 40) * 10m;
            a.Step(on, app => [ApplicationDecider.SendFeeNotice(app, on, amount, FeeBases.All[rng.Next(FeeBases.All.Count)].Code, on, calendar, Settings)]);
            // a window that runs into a year whose holiday notice is not loaded has no known end: the fee stays outstanding
            var window = calendar.Covers(on.Year + 1) ? StatutoryClock.FeePaymentWindow(a.Case, calendar) : null;
            if (window is null) { }
            else if (rng.NextDouble() < 0.7)
            {
                var paid = on.AddDays(rng.Next(1, 10));
                if (paid <= today && window.Covers(paid)) { last = paid; a.Step(paid, app => [ApplicationDecider.PayFee(app, paid, paid, calendar)]); }
            }
            else
            {
                var lapse = window.EndsOn.AddDays(1);
                if (lapse <= today) { last = lapse; a.Step(lapse, app => [ApplicationDecider.LapseFee(app, lapse, calendar, lapse)]); }
            }
        }
        // 延长答复期限 (条例第三十三条第二款): approved shortly before the due date
        if (rng.NextDouble() < 0.06 && a.Open && a.Case.DueOn is { } due)
        {
            var approved = due.AddDays(-rng.Next(1, 6));
            if (approved >= last && approved <= today)
            {
                last = approved;
                var days = rng.Next(5, 21);
                a.Step(approved, app => [ApplicationDecider.ApproveExtension(app, approved, "办公室主任", days, "需要调取档案、汇总多部门信息", approved)]);
            }
        }
        if (a.Open && rng.NextDouble() < 0.03)
        {
            if (Later(1, 10, out on)) a.Step(on, app => [ApplicationDecider.Withdraw(app, on, "申请人撤回申请", on)]);
        }
        else if (a.Open && a.Case.DueOn is { } answerBy)
        {
            // most answers within the period, some late (recorded and flagged, not refused)
            var span = Math.Max(0, answerBy.DayNumber - last.DayNumber);
            var decided = rng.NextDouble() < 0.93 ? last.AddDays(rng.Next(0, span + 1)) : answerBy.AddDays(rng.Next(1, 15));
            if (decided <= today)
            {
                last = decided;
                var outcome = Outcomes[rng.Next(Outcomes.Length)];
                a.Step(decided, app => ApplicationDecider.RecordDecision(app, decided, outcome, null, decided, null, null, []));
                if (rng.NextDouble() < 0.015 && Later(5, 60, out on))
                {
                    var corrected = Outcomes.First(o => o != outcome);
                    a.Step(on, app => [ApplicationDecider.CorrectDecision(app, on, corrected, null, "答复结果登记有误，予以更正", on)]);
                }
                // 行政复议或诉讼: a review case of its own, its reply, its decision recorded on both
                if (rng.NextDouble() < 0.025 && Later(10, 55, out on))
                    streams.Add(Review(a, agency, on, rng, reviewNumber));
            }
        }
        a.CloseYearsUpTo(today);
        Check(a.Case, a.Events);
        streams.Insert(0, new SeededStream(typeof(Application), id, a.Events));
        return streams;
    }

    private SeededStream Review(AppBuilder a, Agency agency, DateOnly filed, Random rng, Func<int, string> reviewNumber)
    {
        var reviewId = Guid.CreateVersion7();
        var kind = ReviewCaseKinds.All[rng.Next(ReviewCaseKinds.All.Count)].Code;
        var received = ReviewDecider.Receive(a.Case, reviewId, reviewNumber(filed.Year), kind, null, filed, null, filed);
        a.Step(filed, _ => [new ReviewOpened(reviewId, received.TrackingNumber, received.Kind, received.FiledOn, received.ReceivedOn)]);
        var events = new List<object> { received };
        var replied = filed.AddDays(rng.Next(3, 10));
        if (replied > today) return new SeededStream(typeof(ReviewCase), reviewId, events);
        events.Add(ReviewDecider.FileReply(ReviewCase.From(events, calendar), replied, ["政府信息公开申请答复书", "送达回证"], calendar, replied));
        var decided = replied.AddDays(rng.Next(20, 80));
        if (decided > today) return new SeededStream(typeof(ReviewCase), reviewId, events);
        var outcome = rng.NextDouble() < 0.8 ? ReviewOutcomes.Upheld : ReviewOutcomes.Dismissed;
        var decision = ReviewDecider.Decide(ReviewCase.From(events, calendar), decided, outcome, null, decided);
        events.Add(decision);
        // the linked event on the application (DecideReview: CaseLinked), in the same transaction
        a.Step(decided, _ => [new ReviewOutcomeRecorded(reviewId, decision.DecidedOn, decision.Outcome, decision.Result, decision.NewAnswerBy)]);
        var review = ReviewCase.From(events, calendar);
        if (review.IsOpen) throw new InvalidOperationException($"review {reviewId}: decided yet open");
        return new SeededStream(typeof(ReviewCase), reviewId, events);
    }

    /// <summary>A mailbox letter: 受理 or 不予受理, 交办, sometimes 延期, 答复, the writer's 评价, 办结.</summary>
    public SeededStream LetterCase(Agency agency, Guid id, string number, CorpusRecord record, Random rng)
    {
        var limits = agency.EffectiveLetterLimits;
        var received = record.ReceivedOn;
        var writer = new Writer(record.Applicant.Name, record.Applicant.Phone, record.Applicant.Email);
        var events = new List<object>
        {
            LetterDecider.Receive(id, agency.Id, number, QueryCode.Hash(number, $"q{id:N}"[..9]), LetterChannelOf(record.Channel),
                LetterCategories.All.Any(c => c.Code == record.LetterCategory) ? record.LetterCategory : "consultation",
                record.Subject ?? "来信", record.Description, writer, received, rng.NextDouble() < 0.5, limits, received),
        };
        var letter = Domain.Letters.Letter.From(events, calendar);
        var last = received;
        bool Later(int min, int max, out DateOnly on)
        {
            on = last.AddDays(rng.Next(min, max + 1));
            if (on > today) return false;
            last = on;
            return true;
        }
        void Step(object e)
        {
            events.Add(e);
            letter = Domain.Letters.Letter.From(events, calendar);
        }
        DateOnly on;
        if (rng.NextDouble() < 0.05)
        {
            if (Later(0, 3, out on)) Step(LetterDecider.Reject(letter, on, RejectionReasons.All[rng.Next(RejectionReasons.All.Count)].Code, null, on));
        }
        else if (Later(0, 3, out on))
        {
            Step(LetterDecider.Accept(letter, on, limits, on));
            if (rng.NextDouble() < 0.7 && Later(0, 2, out on)) Step(LetterDecider.Assign(letter, Departments[rng.Next(Departments.Length)], on, on));
            if (rng.NextDouble() < 0.05 && Later(1, 5, out on)) Step(LetterDecider.Extend(letter, on, rng.Next(5, 16), null, "需要实地核查", on));
            var due = letter.DueOn ?? last.AddDays(15);
            var span = Math.Max(0, due.DayNumber - last.DayNumber);
            var replied = rng.NextDouble() < 0.95 ? last.AddDays(rng.Next(0, span + 1)) : due.AddDays(rng.Next(1, 10));
            if (replied <= today)
            {
                last = replied;
                Step(LetterDecider.Reply(letter, replied, "您好，来信收悉。经核查，现答复如下：……", rng.NextDouble() < 0.3, calendar, replied));
                if (rng.NextDouble() < 0.5 && Later(1, 10, out on)) Step(LetterDecider.RecordFeedback(letter, on, Satisfactions.All[rng.Next(Satisfactions.All.Count)].Code, on));
                // 不满意: the letter is reopened and answered again before it is closed
                if (letter.Status != LetterStatuses.Replied && Later(2, 10, out on)) Step(LetterDecider.Reply(letter, on, "经再次核查，补充答复如下：……", false, calendar, on));
                if (letter.Status == LetterStatuses.Replied && Later(1, 15, out on)) Step(LetterDecider.Close(letter, on, on));
            }
        }
        if (letter.AwaitingAction && letter.DueOn is null && letter.Status != LetterStatuses.Received && calendar.Covers(received.Year + 1))
            throw new InvalidOperationException($"letter {number}: awaiting action without a due date ({letter.Status})");
        return new SeededStream(typeof(Domain.Letters.Letter), id, events);
    }

    /// <summary>The corpus names the ways an application arrives; a letter's are the mailbox's (平信 comes by post).</summary>
    private static string LetterChannelOf(string channel) =>
        LetterChannels.All.Any(c => c.Code == channel) ? channel : channel == "letter" ? "post" : "other";

    /// <summary>
    /// A legal end state: open exactly when unanswered; an open case has its answer date (unless a correction is awaited);
    /// carried out of every closed year it was open at the end of, and out of no other; no event dated after today.
    /// </summary>
    public void Check(Application app, IReadOnlyList<object> events)
    {
        string? fault = null;
        if (app.IsOpen != (app.Answer is null)) fault = $"open={app.IsOpen} but answer={app.Answer?.Outcome ?? "none"}";
        // (an answer date that runs into a year whose holiday notice is not loaded yet cannot be known: no date, as in service)
        else if (app.IsOpen && app.DueOn is null && app.Correction is not { ReceivedOn: null, LapsedOn: null } && app.Fee is not { PaidOn: null, LapsedOn: null }
                 && calendar.Covers(app.ReceivedOn.Year + 1))
            fault = "open without an answer date";
        else if (app.Answer is { } answer && answer.DecidedOn > today) fault = "answered in the future";
        else
            foreach (var year in ClosedYears(today))
                if (YearEnd.OpenAtEndOf(app, year) != app.CarriedForwardFrom.Contains(year))
                    fault = $"carried forward from {year}: {app.CarriedForwardFrom.Contains(year)}, open at its end: {YearEnd.OpenAtEndOf(app, year)}";
        if (fault is not null)
            throw new InvalidOperationException($"application {app.TrackingNumber}: {fault} ({string.Join(", ", events.Select(e => e.GetType().Name))})");
    }

    /// <summary>An application's stream as the write path builds it: each step decided on the case as it stands, then reconciled.</summary>
    private sealed class AppBuilder(ProvinceHistory history, WorkingDayCalendar calendar)
    {
        private readonly List<object> _events = [];
        private int _yearsClosedThrough = int.MinValue;
        public Application Case { get; private set; } = new();
        public IReadOnlyList<object> Events => _events;
        public bool Open => Case.IsOpen;

        public void Step(DateOnly on, Func<Application, IEnumerable<object>> decide)
        {
            CloseYearsUpTo(on);
            var decided = decide(Case).ToList();
            var closed = history.ClosedYears(on);
            // CaseWrites: ApplicationKind.Reconcile, with the case folded without its clock
            var appended = closed.Count == 0 ? decided : YearEnd.Reconcile(Application.From(_events.Concat(decided)), decided, closed);
            _events.AddRange(appended);
            Case = Application.From(_events, calendar, Settings);
            if (_yearsClosedThrough == int.MinValue) _yearsClosedThrough = on.Year - 1; // received: the years before were closed without it
        }

        /// <summary>结转: the close of every year that ended before <paramref name="on"/> (run on 1 January), through the CarryForward rule.</summary>
        public void CloseYearsUpTo(DateOnly on)
        {
            if (_yearsClosedThrough == int.MinValue) return;
            foreach (var year in history.ClosedYears(on).Where(y => y > _yearsClosedThrough))
            {
                if (YearEnd.Close(Case, year) is { } carried)
                {
                    _events.Add(carried);
                    Case = Application.From(_events, calendar, Settings);
                }
                _yearsClosedThrough = year;
            }
        }
    }
}
