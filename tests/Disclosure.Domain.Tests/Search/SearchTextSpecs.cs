using System.Text;
using Disclosure.Domain.Search;

namespace Disclosure.Domain.Tests.Search;

/// <summary>What is indexed of a text and how a query is split, the same way on both sides.</summary>
public class SearchTextSpecs
{
    [Theory]
    [InlineData("海政发〔2023〕12号", "海政发 2023 12 号")]
    [InlineData("ＧＢ／Ｔ　５００１６－２０１４", "gb t 50016 2014")]
    [InlineData("  申请公开：SP-2025-00017，\n《合同》  ", "申请公开 sp 2025 00017 合同")]
    [InlineData("Ｅｘｐｒｏｐｒｉａｔｉｏｎ Notice", "expropriation notice")]
    [InlineData("㈠ 征收 ①", "一 征收 1")]
    [InlineData("", "")]
    public void Normalising_folds_width_and_case_and_drops_punctuation(string text, string normalised) =>
        Assert.Equal(normalised, SearchText.Normalise(text));

    [Fact]
    public void A_compatibility_ideograph_is_indexed_as_its_unified_form() =>
        Assert.Equal(SearchText.Normalise("\u8C48"), SearchText.Normalise("\uF900")); // 豈 CJK COMPATIBILITY IDEOGRAPH-F900

    [Fact]
    public void Given_a_two_character_word_the_index_holds_each_character_and_the_pair() =>
        Assert.Equal(["合", "同", "合同"], SearchText.Terms("合同"));

    [Fact]
    public void Given_four_characters_the_index_holds_every_adjacent_pair() =>
        Assert.Equal(["征", "收", "征收", "补", "收补", "偿", "补偿"], SearchText.Terms("征收补偿"));

    [Fact]
    public void Latin_and_digit_words_are_indexed_whole_and_split_where_letters_meet_digits() =>
        Assert.Equal(["sp", "2025", "00017", "gb", "t", "50016"], SearchText.Terms("SP-2025-00017 GB/T50016"));

    [Fact]
    public void Pairs_do_not_cross_punctuation_or_spaces() =>
        Assert.DoesNotContain("收补", SearchText.Terms("征收，补偿 征收 补偿"));

    [Fact]
    public void Each_term_is_indexed_once_and_the_document_is_the_terms_by_spaces() =>
        Assert.Equal("合 同 合同 sp", SearchText.TermDocument("合同 合同 SP sp"));

    [Fact]
    public void A_one_character_query_is_looked_up_as_that_character()
    {
        var q = SearchQuery.Parse("税");
        Assert.Equal(["税"], q.Terms);
    }

    [Fact]
    public void A_two_character_query_is_one_pair() => Assert.Equal(["合同"], SearchQuery.Parse("合同").Terms);

    [Fact]
    public void A_longer_query_needs_all_its_pairs() =>
        Assert.Equal(["征收", "收补", "补偿"], SearchQuery.Parse("征收补偿").Terms);

    [Fact]
    public void A_tracking_number_query_needs_its_words() =>
        Assert.Equal(["sp", "2025", "00017"], SearchQuery.Parse(" SP-2025-00017 ").Terms);

    [Fact]
    public void A_query_mixing_Chinese_and_a_document_number_keeps_each_phrase()
    {
        var q = SearchQuery.Parse("海政发〔2023〕12号");
        Assert.Equal(["海政发", "2023", "12", "号"], q.Phrases.Select(p => p.Text));
        Assert.Equal(["海政", "政发", "2023", "12", "号"], q.Terms);
    }

    [Theory]
    [InlineData("合同\n纠纷")]
    [InlineData("合同\t纠纷")]
    [InlineData("\u0000合同")]
    [InlineData("合同\u001b[31m")]
    [InlineData("合同\u202E纠纷")] // right-to-left override
    public void A_query_with_control_characters_is_refused(string q)
    {
        var r = Assert.Throws<Refusal>(() => SearchQuery.Parse(q));
        Assert.Equal((RefusalKind.Invalid, "q"), (r.Kind, r.Field));
    }

    [Fact]
    public void A_query_with_half_a_surrogate_pair_is_refused() =>
        Assert.Equal("q", Assert.Throws<Refusal>(() => SearchQuery.Parse("合同" + '\uD800')).Field);

    [Fact]
    public void Broken_text_is_indexed_without_failing()
    {
        var broken = "合同" + '\uD800' + "纠纷\uFFFE征收";
        Assert.Equal("合同 纠纷 征收", SearchText.Normalise(broken));
        Assert.Contains("纠纷", SearchText.Terms(broken));
    }

    [Fact]
    public void A_query_longer_than_the_limit_is_refused()
    {
        Assert.Equal("q", Assert.Throws<Refusal>(() => SearchQuery.Parse(new string('征', SearchQuery.MaxLength + 1))).Field);
        Assert.Equal(SearchQuery.MaxLength, SearchQuery.Parse(new string('征', SearchQuery.MaxLength)).Text.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("《》，。！")]
    [InlineData(null)]
    public void A_query_with_nothing_to_search_for_is_refused(string? q) =>
        Assert.Equal("q", Assert.Throws<Refusal>(() => SearchQuery.Parse(q)).Field);

    [Fact]
    public void A_text_matches_when_every_phrase_stands_whole_in_it()
    {
        var q = SearchQuery.Parse("征收补偿 2023");
        Assert.True(q.Matches("关于2023年度房屋征收补偿方案的申请"));
        Assert.False(q.Matches("2023年征收方案及补偿标准，收补"));   // all pairs are there, not the phrase
        Assert.False(q.Matches("20231年征收补偿"));                   // 2023 is not a word of it
    }

    [Fact]
    public void Full_width_and_case_do_not_matter_to_a_match() =>
        Assert.True(SearchQuery.Parse("sp-2025-00017").Matches("ＳＰ－２０２５－００017号"));

    [Fact]
    public void Folding_agrees_with_NFKC_and_lower_case_for_every_character_of_the_basic_plane()
    {
        for (var c = 1; c < 0x10000; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            var s = ((char)c).ToString();
            string expected;
            try { expected = SearchText.Normalise(s.Normalize(NormalizationForm.FormKC).ToLowerInvariant()); }
            catch (ArgumentException) { expected = ""; } // a noncharacter: matches nothing
            if (SearchText.Normalise(s) != expected) Assert.Fail($"U+{c:X4}: '{SearchText.Normalise(s)}' vs NFKC '{expected}'");
        }
    }
}
