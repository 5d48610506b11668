using Disclosure.Domain.Letters;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Letters;

/// <summary>
/// 复查 and 复核 of a 信访事项's answer (信访工作条例 2022, 第三十五条、第三十六条): asked within 30 days of receiving the answer
/// (then the 复查意见), each answered within 30 days of the request — calendar days; after the 复核 nothing more on the same facts.
/// </summary>
public class PetitionReviewSpecs
{
    private static readonly DateOnly Today = D("2025-12-31");
    private static Refusal Refused(Action when) => Assert.Throws<Refusal>(when);

    /// <summary>A 信访 letter received and accepted on 1 September 2025, answered on 20 September.</summary>
    private static List<object> Answered(bool petition = true)
    {
        var received = LetterDecider.Receive(Guid.NewGuid(), "sanchang-park", "SP-M2025-00001", "h", "online", "complaint", "噪音", "夜间施工",
            new Writer("赵六", null, null), D("2025-09-01"), false, LetterTimeLimits.Default, Today, petition);
        var events = new List<object> { received };
        events.Add(LetterDecider.Accept(Letter.From(events, Official), D("2025-09-01"), LetterTimeLimits.Default, Today));
        events.Add(LetterDecider.Reply(Letter.From(events, Official), D("2025-09-20"), "经核查，已责令施工单位夜间停工。", false, Official, Today));
        return events;
    }

    private static Letter Fold(List<object> events) => Letter.From(events, Official);

    [Fact]
    public void A_复查_is_asked_within_30_days_of_receiving_the_answer_and_its_意见_is_owed_30_days_after_the_request()
    {
        var events = Answered();
        // the answer was received on 25 September (posted): the last day to ask is 25 October
        Assert.Equal("on", Refused(() => LetterDecider.RequestPetitionReview(Fold(events), D("2025-10-26"), D("2025-09-25"), Today)).Field);
        // without the day of receipt, the answer's own date counts: 20 October is the last day
        Assert.Equal("on", Refused(() => LetterDecider.RequestPetitionReview(Fold(events), D("2025-10-21"), null, Today)).Field);
        Assert.Equal("answerReceivedOn", Refused(() => LetterDecider.RequestPetitionReview(Fold(events), D("2025-10-21"), D("2025-09-19"), Today)).Field);

        var asked = LetterDecider.RequestPetitionReview(Fold(events), D("2025-10-25"), D("2025-09-25"), Today);
        Assert.Equal((PetitionReviewStages.Reexamination, D("2025-11-24")), (asked.Stage, asked.DueOn)); // 25 Oct + 30 days
        events.Add(asked);
        var letter = Fold(events);
        Assert.Equal((LetterStatuses.UnderReexamination, true, D("2025-11-24")), (letter.Status, letter.AwaitingAction, letter.DueOn));
        Assert.Contains(letter.Deadline!.Steps, s => s.Rule == "petition_review_within" && s.Text.Contains("第三十五条"));
        Assert.False(letter.IsOverdue(D("2025-11-24")));
        Assert.True(letter.IsOverdue(D("2025-11-25")));
        // one request at a time
        Assert.Equal(RefusalKind.Conflict, Refused(() => LetterDecider.RequestPetitionReview(letter, D("2025-10-26"), null, Today)).Kind);
        Assert.Equal(RefusalKind.Conflict, Refused(() => LetterDecider.Close(letter, D("2025-10-26"), Today)).Kind);
    }

    [Fact]
    public void After_the_复查意见_a_复核_may_be_asked_within_30_days_and_after_the_复核意见_nothing_more()
    {
        var events = Answered();
        events.Add(LetterDecider.RequestPetitionReview(Fold(events), D("2025-10-10"), null, Today));
        Assert.Equal("text", Refused(() => LetterDecider.AnswerPetitionReview(Fold(events), D("2025-11-08"), " ", Today)).Field);
        Assert.Equal("on", Refused(() => LetterDecider.AnswerPetitionReview(Fold(events), D("2025-10-09"), "维持原处理意见", Today)).Field);
        var reexamined = LetterDecider.AnswerPetitionReview(Fold(events), D("2025-11-10"), "维持原处理意见。", Today);
        Assert.False(reexamined.OnTime); // due 9 November (10 Oct + 30 days)
        events.Add(reexamined);
        var letter = Fold(events);
        Assert.Equal((LetterStatuses.Replied, false), (letter.Status, letter.AwaitingAction));

        // 复核: 30 days from receiving the 复查意见 (received 12 November → by 12 December)
        Assert.Equal("on", Refused(() => LetterDecider.RequestPetitionReview(letter, D("2025-12-13"), D("2025-11-12"), Today)).Field);
        var recheck = LetterDecider.RequestPetitionReview(letter, D("2025-12-12"), D("2025-11-12"), Today);
        Assert.Equal((PetitionReviewStages.Recheck, D("2026-01-11")), (recheck.Stage, recheck.DueOn));
        events.Add(recheck);
        letter = Fold(events);
        Assert.Equal((LetterStatuses.UnderRecheck, D("2026-01-11")), (letter.Status, letter.DueOn));
        Assert.Contains(letter.Deadline!.Steps, s => s.Rule == "petition_review_within" && s.Text.Contains("第三十六条"));

        var rechecked = LetterDecider.AnswerPetitionReview(letter, D("2025-12-30"), "复核维持。", Today);
        Assert.True(rechecked.OnTime);
        events.Add(rechecked);
        letter = Fold(events);
        Assert.Equal([D("2025-11-10"), D("2025-12-30")], letter.PetitionReviews.Select(r => r.AnsweredOn!.Value).ToArray());
        // 第三十六条第三款: not taken up again
        Assert.Contains("第三十六条第三款", Refused(() => LetterDecider.RequestPetitionReview(letter, D("2025-12-31"), null, Today)).Message);
    }

    [Fact]
    public void Only_an_answered_信访_letter_has_a_复查()
    {
        Assert.Equal(RefusalKind.Conflict, Refused(() => LetterDecider.RequestPetitionReview(Fold(Answered(petition: false)), D("2025-10-10"), null, Today)).Kind);
        var waiting = Answered().Take(2).ToList(); // accepted, not answered
        Assert.Equal(RefusalKind.Conflict, Refused(() => LetterDecider.RequestPetitionReview(Fold(waiting), D("2025-10-10"), null, Today)).Kind);
        Assert.Equal(RefusalKind.Conflict, Refused(() => LetterDecider.AnswerPetitionReview(Fold(Answered()), D("2025-10-10"), "意见", Today)).Kind);
    }

    [Fact]
    public void Erasure_blanks_the_意见_of_a_复查()
    {
        var events = Answered();
        events.Add(LetterDecider.RequestPetitionReview(Fold(events), D("2025-10-10"), null, Today));
        var answered = LetterDecider.AnswerPetitionReview(Fold(events), D("2025-11-01"), "赵六反映的问题已处理。", Today);
        Assert.Equal(PersonalDataErased.Placeholder, ((PetitionReviewAnswered)PersonalData.Masked(answered)!).Text);
    }

    [Fact]
    public void A_复查意见_after_the_close_keeps_the_letter_six_months_from_the_意见()
    {
        var events = Answered();
        events.Add(LetterDecider.Close(Fold(events), D("2025-09-22"), Today));
        events.Add(LetterDecider.RequestPetitionReview(Fold(events), D("2025-10-10"), null, Today));
        Assert.Equal("open", Assert.Single(PersonalData.Check(Fold(events), D("2025-12-31"), 10).Kept).Code);
        events.Add(LetterDecider.AnswerPetitionReview(Fold(events), D("2025-11-01"), "维持。", Today));
        var window = PersonalData.Check(Fold(events), D("2026-04-01"), 10).Kept.Single(k => k.Code == "letter_window");
        Assert.Equal(D("2026-05-01"), window.Until); // 1 November 2025 + 6 months, not 22 September + 6 months
    }
}
