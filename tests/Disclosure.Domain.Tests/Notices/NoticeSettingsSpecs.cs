using Disclosure.Domain.Notices;
using static Disclosure.Domain.Tests.Notices.Sample;

namespace Disclosure.Domain.Tests.Notices;

/// <summary>An agency's notice settings: 文号 patterns, the 复议机关, the kinds of notices.</summary>
public class NoticeSettingsSpecs
{
    [Fact]
    public void A_number_pattern_is_filled_with_the_year_and_the_number() =>
        Assert.Equal("××公开〔2025〕7号", DocumentNumbers.Format("××公开〔{year}〕{n}号", 2025, 7));

    [Theory]
    [InlineData("××公开〔{year}〕号")]
    [InlineData("××公开〔{year}〕{n}-{n}号")]
    [InlineData("××公开〔{yyyy}〕{n}号")]
    [InlineData("××公开{〔{year}〕{n}号")]
    [InlineData("")]
    public void A_pattern_without_exactly_one_number_or_with_unknown_placeholders_is_refused(string pattern) =>
        Assert.Equal("numberPatterns.answer", Assert.Throws<Refusal>(() =>
            (Settings with { NumberPatterns = new Dictionary<string, string> { ["answer"] = pattern } }).Validated()).Field);

    [Fact]
    public void Answers_without_a_pattern_of_their_own_use_the_answer_pattern_and_share_its_series()
    {
        Assert.Equal("示规资公复〔2025〕12号", Settings.Number("answer_withheld_state_secret", 2025, 12));
        Assert.Equal(Settings.SeriesOf("answer_disclosed"), Settings.SeriesOf("answer_unavailable_not_held"));
        Assert.NotEqual(Settings.SeriesOf("answer_disclosed"), Settings.SeriesOf("correction"));
    }

    [Fact]
    public void A_kind_s_own_pattern_wins_over_the_answer_pattern()
    {
        var settings = Settings with { NumberPatterns = new Dictionary<string, string>(Settings.NumberPatterns) { ["answer_disclosed"] = "示规资公开〔{year}〕{n}号" } };
        Assert.Equal("示规资公开〔2025〕1号", settings.Number("answer_disclosed", 2025, 1));
        Assert.Equal("示规资公复〔2025〕1号", settings.Number("answer_withheld_state_secret", 2025, 1));
    }

    [Fact]
    public void A_kind_without_a_pattern_is_refused_naming_the_setting()
    {
        var settings = Settings with { NumberPatterns = new Dictionary<string, string> { ["answer"] = "复〔{year}〕{n}号" } };
        Assert.Equal("numberPatterns.fee_notice", Assert.Throws<Refusal>(() => settings.Number("fee_notice", 2025, 1)).Field);
    }

    [Fact]
    public void Numbers_start_at_1() =>
        Assert.Equal("n", Assert.Throws<Refusal>(() => Settings.Number("correction", 2025, 0)).Field);

    [Fact]
    public void Settings_without_a_reconsideration_body_are_refused() =>
        Assert.Equal("reconsiderationBody", Assert.Throws<Refusal>(() => (Settings with { ReconsiderationBody = " " }).Validated()).Field);

    [Fact]
    public void A_pattern_for_an_unknown_kind_is_refused() =>
        Assert.Equal("numberPatterns.letter", Assert.Throws<Refusal>(() =>
            (Settings with { NumberPatterns = new Dictionary<string, string> { ["letter"] = "{n}" } }).Validated()).Field);

    [Fact]
    public void There_is_one_kind_per_procedural_notice_and_one_answer_kind_per_outcome()
    {
        Assert.Equal(6 + Disclosure.Domain.Applications.Outcomes.All.Count, NoticeKinds.All.Count);
        Assert.Equal(NoticeKinds.All.Count, NoticeKinds.All.Select(k => k.Code).Distinct().Count());
        Assert.Equal(["登记回执", "补正告知书", "延期答复告知书", "征求意见书", "征求意见告知书", "收费通知书"], NoticeKinds.All.Take(6).Select(k => k.Label));
    }

    [Fact]
    public void An_unknown_kind_is_refused_listing_the_known_ones() =>
        Assert.Contains("fee_notice", Assert.Throws<Refusal>(() => NoticeKinds.Require("kind", "memo")).Message);

    [Fact]
    public void An_agency_that_sets_no_patterns_numbers_each_kind_in_its_own_series_headed_by_its_code()
    {
        var settings = NoticeSettings.Decide("三厂工业园区管理委员会", "SCP", null, "三厂镇人民政府", null, null);
        Assert.Equal("SCP公开答〔2025〕3号", settings.Number("answer_disclosed", 2025, 3));
        Assert.Equal("SCP公开答〔2025〕3号", settings.Number("answer_withheld_state_secret", 2025, 3)); // all answers in one series
        Assert.Equal("SCP公开收〔2025〕1号", settings.Number("receipt", 2025, 1));
        Assert.Equal("SCP公开补〔2025〕1号", settings.Number("correction", 2025, 1));
        Assert.Equal("SCP公开延〔2025〕1号", settings.Number("extension", 2025, 1));
        Assert.Equal("SCP公开征〔2025〕1号", settings.Number("consultation_letter", 2025, 1));
        Assert.Equal("SCP公开征告〔2025〕1号", settings.Number("consultation_notice", 2025, 1));
        Assert.Equal("SCP公开费〔2025〕1号", settings.Number("fee_notice", 2025, 1));
        // every procedural kind has a default: no kind of notice is left without a 文号
        foreach (var kind in NoticeKinds.All) Assert.StartsWith("SCP公开", settings.Number(kind.Code, 2025, 1));
        Assert.Equal(NoticeSettings.DefaultPatterns("SCP"), settings.NumberPatterns);
    }

    [Fact]
    public void A_pattern_the_agency_gives_replaces_that_kind_s_default_only()
    {
        var settings = NoticeSettings.Decide("三厂工业园区管理委员会", "SCP", null, "三厂镇人民政府",
            new Dictionary<string, string> { ["answer"] = " 三园公开答〔{year}〕{n}号 ", ["fee_notice"] = "三园费〔{year}〕{n}号" }, null);
        Assert.Equal("三园公开答〔2025〕4号", settings.Number("answer_disclosed", 2025, 4)); // trimmed
        Assert.Equal("三园费〔2025〕1号", settings.Number("fee_notice", 2025, 1));
        Assert.Equal("SCP公开收〔2025〕1号", settings.Number("receipt", 2025, 1));
    }

    [Fact]
    public void The_registered_name_is_printed_unless_another_is_given_and_blank_contact_lines_are_dropped()
    {
        var registered = NoticeSettings.Decide("三厂工业园区管理委员会", "SCP", "  ", " 三厂镇人民政府 ", null, ["", " 联系电话：0513-00000000 ", "  "]);
        Assert.Equal(("三厂工业园区管理委员会", "三厂镇人民政府"), (registered.AgencyName, registered.ReconsiderationBody));
        Assert.Equal(["联系电话：0513-00000000"], registered.ContactLines);
        Assert.Equal("三园管委会", NoticeSettings.Decide("三厂工业园区管理委员会", "SCP", " 三园管委会 ", "三厂镇人民政府", null, null).AgencyName);
    }

    [Fact]
    public void A_setting_that_cannot_serve_is_refused_naming_it()
    {
        Assert.Equal("reconsiderationBody", Assert.Throws<Refusal>(() => NoticeSettings.Decide("机关", "SCP", null, null, null, null)).Field);
        Assert.Equal("numberPatterns.fee_notice", Assert.Throws<Refusal>(() =>
            NoticeSettings.Decide("机关", "SCP", null, "三厂镇人民政府", new Dictionary<string, string> { ["fee_notice"] = "费〔{year}〕号" }, null)).Field);
    }
}
