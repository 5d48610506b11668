using System.Text.Json;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Reviews;

namespace Disclosure.Domain.Reporting;

/// <summary>
/// What one agency's events of one year contribute to the report: applications received and answered by
/// column, and reviews by kind. Carried-over and carried-forward are not stored: every answer is dated on or
/// after its receipt, so the cases open at the end of year N are those received up to N minus those answered up to N.
/// </summary>
public sealed class YearTally
{
    public string Id { get; set; } = "";
    public string Agency { get; set; } = "";
    public int Year { get; set; }
    /// <summary>By applicant category, in column order.</summary>
    public int[] Received { get; set; } = new int[ApplicantCategories.All.Count];
    /// <summary>Outcome code → counts by applicant category.</summary>
    public Dictionary<string, int[]> Answered { get; set; } = new();
    /// <summary>Review kind → [upheld, corrected, other, pending] for reviews filed this year.</summary>
    public Dictionary<string, int[]> Reviews { get; set; } = new();
    /// <summary>Net CarriedForward events out of this year, by column — checked against the computed row 四.</summary>
    public int[] CarriedForwardRecorded { get; set; } = new int[ApplicantCategories.All.Count];
    /// <summary>Section 六 (2021 layout): fee notices sent this year and their amount, fees paid this year and their amount.</summary>
    public FeeFigures Fees { get; set; } = new();

    public static string Key(string agency, int year) => $"{agency}/{year}";

    public static int Column(string category)
    {
        for (var i = 0; i < ApplicantCategories.All.Count; i++)
            if (ApplicantCategories.All[i].Code == category) return i;
        throw new ArgumentException($"Unknown applicant category '{category}'");
    }

    /// <summary>The years whose tallies an event changes.</summary>
    public static IReadOnlyList<int> YearsOf(object @event) => @event switch
    {
        ApplicationReceived { AwaitsConfirmation: true } => [],
        ApplicationReceived e => [e.ReceivedOn.Year],
        ApplicationConfirmed e => [e.ConfirmedOn.Year],
        IAnswerEvent e => [e.AnsweredOn.Year],
        DecisionCorrected e when e.PreviousDecidedOn.Year != e.DecidedOn.Year => [e.PreviousDecidedOn.Year, e.DecidedOn.Year],
        DecisionCorrected e => [e.DecidedOn.Year],
        ReviewFiled e => [e.FiledOn.Year],
        ReviewConcluded e => [e.FiledOn.Year],
        ReviewReceived e when ReviewCaseKinds.CountsInReport(e.Kind) => [e.FiledOn.Year],
        ReviewDecided e when ReviewCaseKinds.CountsInReport(e.Kind) => [e.FiledOn.Year],
        CarriedForward e => [e.FromYear],
        CarryForwardReversed e => [e.FromYear],
        FeeNoticeSent e => [e.SentOn.Year],
        FeePaid e => [e.PaidOn.Year],
        _ => [],
    };

    /// <summary>Counts one event into this year's tally (a no-op for events that do not concern the year).</summary>
    public void Count(object @event)
    {
        switch (@event)
        {
            case ApplicationReceived e when e.ReceivedOn.Year == Year && e.AwaitsConfirmation != true:
                Received[Column(e.Applicant.Category)]++;
                break;
            case ApplicationConfirmed e when e.ConfirmedOn.Year == Year:
                Received[Column(e.ApplicantCategory)]++; // an online application is received the day both sides confirm (条例第三十一条)
                break;
            case IAnswerEvent e when e.AnsweredOn.Year == Year:
                Cell(e.Outcome)[Column(e.ApplicantCategory)]++;
                break;
            case DecisionCorrected e:
                // the corrected answer moves its count: out of the old row and year, into the new ones
                if (e.PreviousDecidedOn.Year == Year) Cell(e.PreviousOutcome)[Column(e.ApplicantCategory)]--;
                if (e.DecidedOn.Year == Year) Cell(e.Outcome)[Column(e.ApplicantCategory)]++;
                break;
            case CarriedForward e when e.FromYear == Year:
                CarriedForwardRecorded[Column(e.ApplicantCategory)]++;
                break;
            case CarryForwardReversed e when e.FromYear == Year:
                CarriedForwardRecorded[Column(e.ApplicantCategory)]--;
                break;
            case FeeNoticeSent e when e.SentOn.Year == Year:
                Fees.Notices++;
                Fees.NoticedYuan += e.AmountYuan;
                break;
            case FeePaid e when e.PaidOn.Year == Year:
                Fees.Paid++;
                Fees.PaidYuan += e.AmountYuan ?? 0m;
                break;
            // table 四 is built from the review cases (ReviewReceived, ReviewDecided); reviews recorded on the application
            // before review cases existed (ReviewFiled, ReviewConcluded — never written since) still count the same way.
            // Each review is counted once: a review case's application keeps only a link (ReviewOpened), not counted.
            case ReviewFiled e when e.FiledOn.Year == Year:
                Filed(e.Kind);
                break;
            case ReviewConcluded e when e.FiledOn.Year == Year && e.ConcludedOn.Year == Year:
                Concluded(e.Kind, e.Result);
                break;
            case ReviewReceived e when e.FiledOn.Year == Year && ReviewCaseKinds.CountsInReport(e.Kind):
                Filed(e.Kind);
                break;
            case ReviewDecided e when e.FiledOn.Year == Year && e.DecidedOn.Year == Year && ReviewCaseKinds.CountsInReport(e.Kind):
                Concluded(e.Kind, e.Result);
                break;
        }
    }

    /// <summary>
    /// The tallies summed per year, one per year (in year order) with <see cref="Agency"/> empty: every figure of the report is a sum over
    /// the agencies of a year, so a roll-up builds its tables from these few instead of walking every agency's tally per cell.
    /// </summary>
    public static List<YearTally> SumByYear(IEnumerable<YearTally> tallies)
    {
        var sums = new SortedDictionary<int, YearTally>();
        foreach (var t in tallies)
        {
            if (!sums.TryGetValue(t.Year, out var sum)) sums[t.Year] = sum = new YearTally { Id = $"/{t.Year}", Year = t.Year };
            Add(sum.Received, t.Received);
            Add(sum.CarriedForwardRecorded, t.CarriedForwardRecorded);
            foreach (var (outcome, counts) in t.Answered) Add(sum.Cell(outcome), counts);
            foreach (var (kind, counts) in t.Reviews) Add(sum.Review(kind), counts);
            sum.Fees.Add(t.Fees);
        }
        return [.. sums.Values];

        static void Add(int[] into, int[] from)
        {
            for (var i = 0; i < from.Length; i++) into[i] += from[i];
        }
    }

    /// <summary>
    /// A tally from its stored JSON (the document store's camelCase form), read by hand: a province's roll-up reads ~1,000 of
    /// them per request, and the general deserializer's dictionaries of arrays were most of the host's CPU for it (#25). A
    /// property this reader does not know fails loudly rather than being dropped from the figures.
    /// </summary>
    public static YearTally FromJson(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        Next(ref reader, JsonTokenType.StartObject);
        var tally = new YearTally();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) tally.Id = Text(ref reader);
            else if (reader.ValueTextEquals("agency"u8)) tally.Agency = Text(ref reader);
            else if (reader.ValueTextEquals("year"u8)) { reader.Read(); tally.Year = reader.GetInt32(); }
            else if (reader.ValueTextEquals("received"u8)) tally.Received = Ints(ref reader);
            else if (reader.ValueTextEquals("carriedForwardRecorded"u8)) tally.CarriedForwardRecorded = Ints(ref reader);
            else if (reader.ValueTextEquals("answered"u8)) tally.Answered = Map(ref reader);
            else if (reader.ValueTextEquals("reviews"u8)) tally.Reviews = Map(ref reader);
            else if (reader.ValueTextEquals("fees"u8)) tally.Fees = Fees(ref reader);
            else throw new JsonException($"YearTally has no property '{reader.GetString()}'");
        }
        return tally;

        static void Next(ref Utf8JsonReader reader, JsonTokenType expected)
        {
            if (!reader.Read() || reader.TokenType != expected) throw new JsonException($"Expected {expected} in a YearTally, found {reader.TokenType}");
        }
        static string Text(ref Utf8JsonReader reader)
        {
            reader.Read();
            return reader.GetString() ?? "";
        }
        static int[] Ints(ref Utf8JsonReader reader)
        {
            Next(ref reader, JsonTokenType.StartArray);
            Span<int> values = stackalloc int[16]; // a row of columns (6) or a review group (4); longer ones go through a list
            var count = 0;
            List<int>? longer = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (count < values.Length) values[count++] = reader.GetInt32();
                else (longer ??= [.. values]).Add(reader.GetInt32());
            }
            return longer is null ? values[..count].ToArray() : [.. longer];
        }
        static Dictionary<string, int[]> Map(ref Utf8JsonReader reader)
        {
            Next(ref reader, JsonTokenType.StartObject);
            var map = new Dictionary<string, int[]>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                map[key] = Ints(ref reader);
            }
            return map;
        }
        static FeeFigures Fees(ref Utf8JsonReader reader)
        {
            Next(ref reader, JsonTokenType.StartObject);
            var fees = new FeeFigures();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("notices"u8)) { reader.Read(); fees.Notices = reader.GetInt32(); }
                else if (reader.ValueTextEquals("noticedYuan"u8)) { reader.Read(); fees.NoticedYuan = reader.GetDecimal(); }
                else if (reader.ValueTextEquals("paid"u8)) { reader.Read(); fees.Paid = reader.GetInt32(); }
                else if (reader.ValueTextEquals("paidYuan"u8)) { reader.Read(); fees.PaidYuan = reader.GetDecimal(); }
                else throw new JsonException($"FeeFigures has no property '{reader.GetString()}'");
            }
            return fees;
        }
    }

    public int AnsweredCount(string outcome, int column) => Answered.TryGetValue(outcome, out var c) ? c[column] : 0;
    public int TotalAnswered(int column) => Answered.Values.Sum(c => c[column]);

    private int[] Cell(string outcome) => Answered.TryGetValue(outcome, out var c) ? c : Answered[outcome] = new int[ApplicantCategories.All.Count];
    private void Filed(string kind) => Review(kind)[3]++;

    /// <summary>Concluded by 31 December of the filing year: from 尚未审结 into its result.</summary>
    private void Concluded(string kind, string result)
    {
        var review = Review(kind);
        review[3]--;
        review[result switch { "upheld" => 0, "corrected" => 1, _ => 2 }]++;
    }

    private int[] Review(string kind) => Reviews.TryGetValue(kind, out var c) ? c : Reviews[kind] = new int[4];
}

/// <summary>信息处理费 of one year (section 六 of the 2021 layout): notices sent and their amount, payments and their amount.</summary>
public sealed class FeeFigures
{
    public int Notices { get; set; }
    public decimal NoticedYuan { get; set; }
    public int Paid { get; set; }
    public decimal PaidYuan { get; set; }

    public static FeeFigures Sum(IEnumerable<FeeFigures> figures)
    {
        var sum = new FeeFigures();
        foreach (var f in figures) sum.Add(f);
        return sum;
    }

    /// <summary>Adds another's figures to these (a sum of agencies or of a year's tallies).</summary>
    public void Add(FeeFigures other)
    {
        Notices += other.Notices; NoticedYuan += other.NoticedYuan; Paid += other.Paid; PaidYuan += other.PaidYuan;
    }

    /// <summary>The sentence of section 六, e.g. "本年度发出信息处理费收费通知2件，金额共计710元；实际收取信息处理费610元。"</summary>
    public string Sentence() => Notices == 0 && Paid == 0
        ? "本年度未收取信息处理费。"
        : $"本年度发出信息处理费收费通知{Notices}件，金额共计{Yuan(NoticedYuan)}元；实际收取信息处理费{Yuan(PaidYuan)}元。";

    private static string Yuan(decimal amount) => amount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
