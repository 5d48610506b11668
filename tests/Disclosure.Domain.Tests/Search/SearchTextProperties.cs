using CsCheck;
using Disclosure.Domain.Search;

namespace Disclosure.Domain.Tests.Search;

/// <summary>Whatever the text, a piece of it searched for is found by the index terms, matches, and is marked.</summary>
public class SearchTextProperties
{
    // a few characters of each kind, full-width forms and punctuation included, so pieces often cross kinds
    private static readonly Gen<string> Text =
        Gen.Char["征收补偿合同规划ＡＢａｂ０１AbZz0189，。、-/ 〔〕"].Array[1, 40].Select(cs => new string(cs));

    private static readonly Gen<(string Text, string Piece)> TextAndPiece =
        from text in Text
        from start in Gen.Int[0, text.Length - 1]
        from length in Gen.Int[1, text.Length - start]
        select (text, text.Substring(start, length));

    private static SearchQuery? QueryOf(string piece)
    {
        try { return SearchQuery.Parse(piece); }
        catch (Refusal) { return null; } // punctuation only: nothing to search for
    }

    [Fact]
    public void A_piece_of_a_text_is_found_by_the_texts_terms() =>
        TextAndPiece.Sample(t =>
        {
            if (QueryOf(t.Piece) is not { } q) return true;
            var indexed = SearchText.Terms(t.Text).ToHashSet();
            // a word cut in the middle ("bZ" of "AbZz") is another word: only the Chinese of a piece is sure to be found
            return q.Phrases.Where(p => p.IsChinese).SelectMany(p => p.Terms).All(indexed.Contains);
        });

    [Fact]
    public void A_Chinese_piece_of_a_text_matches_it_and_is_marked_in_it() =>
        TextAndPiece.Sample(t =>
        {
            if (QueryOf(t.Piece) is not { } q || q.Phrases.Any(p => !p.IsChinese)) return true;
            return q.Matches(t.Text) && Highlighting.Marks(t.Text, q).Count > 0;
        });

    [Fact]
    public void Marks_are_ordered_apart_and_within_the_text() =>
        TextAndPiece.Sample(t =>
        {
            if (QueryOf(t.Piece) is not { } q) return true;
            var marks = Highlighting.Marks(t.Text, q);
            return marks.All(m => m.Start >= 0 && m.Length > 0 && m.End <= t.Text.Length)
                && marks.Zip(marks.Skip(1)).All(p => p.First.End < p.Second.Start);
        });

    [Fact]
    public void Normalising_twice_changes_nothing() =>
        Text.Sample(text => SearchText.Normalise(SearchText.Normalise(text)) == SearchText.Normalise(text));
}
