using Disclosure.Domain.Letters;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Letters;

/// <summary>
/// A letter registered as 信访 follows the 信访工作条例 (2022): 受理/转送 within 15 days of receipt (arts. 22–23), 办结 within
/// 60 days of 受理, extendable once by at most 30 with the reason told (art. 34) — calendar days, so 国庆 changes nothing.
/// </summary>
public class PetitionLimitSpecs
{
    private static readonly DateOnly Today = D("2025-12-31");
    private static Refusal Refused(Action when) => Assert.Throws<Refusal>(when);

    private static LetterReceived Received(string on, bool petition) =>
        LetterDecider.Receive(Guid.NewGuid(), "sanchang-park", "SP-M2025-00001", "h", "online", "complaint", "噪音", "夜间施工",
            new Writer("赵六", null, null), D(on), false, LetterTimeLimits.Default, Today, petition);

    [Fact]
    public void A_信访_letter_received_before_国庆_is_accepted_within_15_calendar_days()
    {
        var letter = Letter.From([Received("2025-09-28", petition: true)], Official);
        Assert.True(letter.Petition);
        Assert.Equal(D("2025-10-13"), letter.DueOn); // 28 Sep + 15 days, the eight days of 国庆 (1–8 Oct) counted like any other
        Assert.Equal(D("2025-10-13"), LetterClock.PetitionAcceptanceEnds(D("2025-09-28")));
        Assert.Contains(letter.Deadline!.Steps, s => s.Text.Contains("信访工作条例第二十二条"));

        // the same letter as an ordinary one: the agency's 3 working days skip 国庆
        Assert.Equal(D("2025-10-09"), Letter.From([Received("2025-09-28", petition: false)], Official).DueOn);
    }

    [Fact]
    public void A_信访_letter_is_finished_within_60_calendar_days_of_受理()
    {
        var received = Received("2025-09-28", petition: true);
        var waiting = Letter.From([received], Official);
        var accepted = LetterDecider.Accept(waiting, D("2025-09-28"), LetterTimeLimits.Default, Today);
        Assert.Equal(60, accepted.ReplyWithin); // not the agency's 15 working days
        var letter = Letter.From([received, accepted], Official);
        Assert.Equal(D("2025-11-27"), letter.DueOn);
        Assert.True(letter.IsOverdue(D("2025-11-28")));
        Assert.False(letter.IsOverdue(D("2025-11-27")));
    }

    [Fact]
    public void A_信访_letter_is_extended_by_at_most_30_calendar_days_with_a_reason()
    {
        var letter = Letter.From([Received("2025-09-28", petition: true), new LetterAccepted(D("2025-09-28"), 60)], Official);

        Assert.Equal("calendarDays", Refused(() => LetterDecider.Extend(letter, D("2025-11-20"), null, 31, "案情复杂", Today)).Field);
        Assert.Equal("calendarDays", Refused(() => LetterDecider.Extend(letter, D("2025-11-20"), null, null, "案情复杂", Today)).Field);
        Assert.Equal("workingDays", Refused(() => LetterDecider.Extend(letter, D("2025-11-20"), 10, null, "案情复杂", Today)).Field);
        Assert.Equal("reason", Refused(() => LetterDecider.Extend(letter, D("2025-11-20"), null, 30, " ", Today)).Field);

        var extension = LetterDecider.Extend(letter, D("2025-11-20"), null, 30, "需现场核查，已告知来信人", Today);
        Assert.Equal(30, extension.CalendarDays);
        letter.Fold(extension);
        letter.Refresh(Official);
        Assert.Equal(D("2025-12-27"), letter.DueOn); // 27 Nov + 30 days
        Assert.Contains(letter.Deadline!.Steps, s => s.Rule == "petition_extension" && s.Text.Contains("第三十四条"));
    }

    [Fact]
    public void An_ordinary_letter_is_still_extended_in_working_days_only()
    {
        var letter = Letter.From([Received("2025-09-28", petition: false), new LetterAccepted(D("2025-09-29"), 15)], Official);
        Assert.Equal("calendarDays", Refused(() => LetterDecider.Extend(letter, D("2025-10-10"), null, 10, "r", Today)).Field);
        Assert.Null(LetterDecider.Extend(letter, D("2025-10-10"), 10, null, "r", Today).CalendarDays);
    }

    [Fact]
    public void A_letter_registered_as_信访_later_counts_from_its_receipt_and_acceptance()
    {
        var received = Received("2025-09-28", petition: false);
        var ordinary = Letter.From([received], Official);
        var registered = LetterDecider.RegisterAsPetition(ordinary, D("2025-09-30"), "反映诉求，属信访事项", Today);
        var letter = Letter.From([received, registered], Official);
        Assert.True(letter.Petition);
        Assert.Equal(D("2025-10-13"), letter.DueOn);
        Assert.StartsWith("信访事项", LetterClock.RuleOf(letter));
        Assert.StartsWith("市长信箱来信", LetterClock.RuleOf(ordinary));

        Assert.Equal(RefusalKind.Conflict, Refused(() => LetterDecider.RegisterAsPetition(letter, D("2025-09-30"), "again", Today)).Kind);
        var extended = Letter.From([received, new LetterAccepted(D("2025-09-29"), 15), new LetterExtensionApproved(D("2025-10-10"), 5, "r")], Official);
        Assert.Equal(RefusalKind.Conflict, Refused(() => LetterDecider.RegisterAsPetition(extended, D("2025-10-10"), "r", Today)).Kind);
    }
}
