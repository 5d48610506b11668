using Disclosure.Corpus;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Reviews;
using Disclosure.Load;

namespace Disclosure.Domain.Tests.Bench;

/// <summary>
/// The province bench (ops/bench-province) seeds its histories without the API; they must still be what the write path
/// would have recorded: every step decided by the Domain on the case as it stood, the year-end records true, a legal end state.
/// </summary>
public class ProvinceHistorySpecs
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly Agency Agency = new() { Id = "prov-c01", Name = "第1市人民政府", Code = "C01" };

    private static (List<SeededStream> Applications, List<SeededStream> Reviews, List<SeededStream> Letters) Generate(int count)
    {
        var history = new ProvinceHistory(WorkingDayCalendar.Official, Today, lastClosedYear: 2025);
        var options = new CorpusOptions { From = new DateOnly(2018, 1, 2), To = Today, AgencyCode = "C01" };
        var (applications, reviews, letters) = (new List<SeededStream>(), new List<SeededStream>(), new List<SeededStream>());
        var i = 0;
        foreach (var r in SyntheticCorpus.Stream(7, count, options with { LetterShare = 0 }))
        {
            var streams = history.ApplicationCase(Agency, Guid.NewGuid(), $"C01-{r.ReceivedOn.Year}-{++i:D5}", r, new Random(i), y => $"C01-F{y}-{i:D5}");
            applications.Add(streams[0]);
            reviews.AddRange(streams.Skip(1));
        }
        foreach (var r in SyntheticCorpus.Stream(8, count / 2, options with { LetterShare = 1 }))
            letters.Add(history.LetterCase(Agency, Guid.NewGuid(), $"C01-M{r.ReceivedOn.Year}-{++i:D5}", r, new Random(i)));
        return (applications, reviews, letters);
    }

    [Fact]
    public void Generated_histories_are_decided_by_the_Domain_and_end_in_legal_cases_with_every_kind_of_step()
    {
        var (applications, reviews, letters) = Generate(4000); // a step the Domain refused would have thrown

        var history = new ProvinceHistory(WorkingDayCalendar.Official, Today, 2025);
        foreach (var s in applications)
        {
            var app = Application.From(s.Events, WorkingDayCalendar.Official, ClockSettings.Default);
            history.Check(app, s.Events);
            Assert.All(s.Events.OfType<ICaseEvent>(), e => Assert.True(e.BusinessDate <= Today));
        }
        var kinds = applications.SelectMany(s => s.Events).Select(e => e.GetType()).ToHashSet();
        foreach (var kind in new[] { typeof(ApplicationAssigned), typeof(CorrectionRequested), typeof(CorrectionReceived), typeof(CorrectionLapsed),
                     typeof(ConsultationSent), typeof(ConsultationReplied), typeof(ConsultationLapsed), typeof(FeeNoticeSent), typeof(FeePaid),
                     typeof(ExtensionApproved), typeof(ApplicationWithdrawn), typeof(DecisionRecorded), typeof(DecisionCorrected),
                     typeof(ReviewOpened), typeof(ReviewOutcomeRecorded), typeof(CarriedForward) })
            Assert.Contains(kind, kinds);
        // some applications are still open today, most are answered; late answers are among them (flagged, not refused)
        var folded = applications.Select(s => Application.From(s.Events, WorkingDayCalendar.Official, ClockSettings.Default)).ToList();
        Assert.Contains(folded, a => a.IsOpen);
        Assert.True(folded.Count(a => !a.IsOpen) > applications.Count * 0.9);
        Assert.Contains(folded, a => a.Answer is { } answer && a.DueOn is { } due && answer.DecidedOn > due);

        Assert.NotEmpty(reviews);
        Assert.All(reviews, s => Assert.IsType<ReviewReceived>(s.Events[0]));
        Assert.Contains(reviews, s => !ReviewCase.From(s.Events, WorkingDayCalendar.Official).IsOpen);

        var letterStates = letters.Select(s => Letter.From(s.Events, WorkingDayCalendar.Official)).ToList();
        Assert.Contains(letterStates, l => l.Status == LetterStatuses.Closed);
        Assert.Contains(letterStates, l => l.Status == LetterStatuses.Rejected);
        Assert.Contains(letterStates, l => l.Feedback.Any(f => f.Satisfaction == Satisfactions.Unsatisfied) && l.Replies.Count > 1);
    }

    [Fact]
    public void A_history_that_lost_its_carry_forward_is_not_a_legal_case()
    {
        var (applications, _, _) = Generate(1500);
        var carried = applications.First(s => s.Events.OfType<CarriedForward>().Any());
        var without = carried.Events.Where(e => e is not CarriedForward).ToList();
        var app = Application.From(without, WorkingDayCalendar.Official, ClockSettings.Default);

        var history = new ProvinceHistory(WorkingDayCalendar.Official, Today, 2025);
        var fault = Assert.Throws<InvalidOperationException>(() => history.Check(app, without));
        Assert.Contains("carried forward", fault.Message);
    }
}
