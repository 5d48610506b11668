using Disclosure.Domain.Search;

namespace Disclosure.Domain.Tests.Search;

/// <summary>Marks are ranges of the text as shown (UTF-16 units), whatever the folding did.</summary>
public class HighlightingSpecs
{
    private static string[] Marked(string text, string q) =>
        Highlighting.Marks(text, SearchQuery.Parse(q)).Select(r => text.Substring(r.Start, r.Length)).ToArray();

    [Fact]
    public void A_Chinese_phrase_is_marked_where_it_stands()
    {
        const string text = "申请公开房屋征收补偿方案及征收补偿协议";
        Assert.Equal([new TextRange(6, 4), new TextRange(13, 4)], Highlighting.Marks(text, SearchQuery.Parse("征收补偿")));
    }

    [Fact]
    public void A_Chinese_phrase_not_found_whole_is_marked_by_its_pairs() =>
        Assert.Equal(["征收", "补偿"], Marked("征收方案、补偿标准", "征收补偿"));

    [Fact]
    public void Latin_words_are_marked_as_written_in_full_width_and_only_as_whole_words()
    {
        const string text = "依据ＧＢ／Ｔ５００１６及gbt规范、GB 50016";
        Assert.Equal(["ＧＢ／Ｔ５００１６", "GB", "50016"], Marked(text, "gb/t 50016"));
    }

    [Fact]
    public void A_tracking_number_is_marked_in_one_piece_when_its_words_adjoin() =>
        Assert.Equal(["SP-2025-00017"], Marked("与 SP-2025-00017 为同一申请人", "sp 2025 00017"));

    [Fact]
    public void A_character_outside_the_basic_plane_is_marked_whole()
    {
        const string text = "𠀀𠀁村征收"; // two supplementary ideographs, two UTF-16 units each
        Assert.Equal([new TextRange(0, 4)], Highlighting.Marks(text, SearchQuery.Parse("𠀀𠀁")));
    }

    [Fact]
    public void A_mark_covers_the_characters_as_written_whatever_folding_made_of_them()
    {
        Assert.Equal(["㊣本"], Marked("申请㊣本文件", "正本")); // ㊣ folds to 正
        Assert.Equal(["㎡"], Marked("面积120㎡", "m2"));      // ㎡ folds to two characters, m and 2
    }

    [Fact]
    public void A_snippet_is_taken_around_the_first_match_and_says_where_it_was_cut()
    {
        var text = new string('前', 100) + "房屋征收补偿协议" + new string('后', 100);
        var s = Highlighting.Snippet(text, SearchQuery.Parse("补偿协议"));
        Assert.Equal(Highlighting.SnippetLength, s.Text.Length);
        Assert.True(s.CutBefore && s.CutAfter);
        var mark = Assert.Single(s.Marks);
        Assert.Equal("补偿协议", s.Text.Substring(mark.Start, mark.Length));
        Assert.InRange(mark.Start, 1, Highlighting.SnippetLength / 2);
    }

    [Fact]
    public void A_short_text_is_its_own_snippet_with_line_breaks_shown_as_spaces()
    {
        var s = Highlighting.Snippet("合同\r\n纠纷", SearchQuery.Parse("纠纷"));
        Assert.Equal("合同  纠纷", s.Text);
        Assert.False(s.CutBefore || s.CutAfter);
        Assert.Equal([("合同  ", false), ("纠纷", true)], s.Pieces());
    }

    [Fact]
    public void A_snippet_never_splits_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("𠀀", 60)) + "征收";
        var s = Highlighting.Snippet(text, SearchQuery.Parse("征收"), length: 11);
        Assert.False(char.IsLowSurrogate(s.Text[0]));
        Assert.False(char.IsHighSurrogate(s.Text[^1]));
        Assert.Equal("征收", s.Text.Substring(s.Marks[0].Start, s.Marks[0].Length));
    }

    [Fact]
    public void A_text_without_a_match_gives_its_beginning_unmarked()
    {
        var s = Highlighting.Snippet(new string('字', 200), SearchQuery.Parse("合同"));
        Assert.Empty(s.Marks);
        Assert.Equal((false, true), (s.CutBefore, s.CutAfter));
    }
}
