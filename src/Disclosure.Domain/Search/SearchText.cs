using System.Text;

namespace Disclosure.Domain.Search;

/// <summary>
/// What the search index keeps of a text. The text as written stays for display; the index holds
/// <see cref="Normalise"/>d text (for <c>LIKE</c> with pg_trgm, which narrows queries of three characters or more)
/// and <see cref="Terms"/> (for a column of words searched with the <c>simple</c> configuration, which also
/// serves the one- and two-character queries pg_trgm cannot narrow: 合同, 征收, 税).
/// </summary>
public static class SearchText
{
    /// <summary>
    /// NFKC, full-width → half-width, Latin lower case; punctuation and symbols dropped; one space between runs of
    /// Chinese, of letters and of digits, however they were separated: "海政发〔2023〕12号 ＧＢ／Ｔ50016" →
    /// "海政发 2023 12 号 gb t 50016". A query normalised the same way is then a plain substring of it.
    /// </summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var folded = FoldedText.Fold(text);
        var sb = new StringBuilder(folded.Length + 8);
        foreach (var run in TextRuns.Of(folded))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(folded, run.Start, run.End - run.Start);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The terms a text is found by, each once, in order of first appearance: every Chinese character and every
    /// pair of adjacent Chinese characters (征收补偿 → 征, 收, 征收, 补, 收补, 偿, 补偿), and every word of Latin
    /// letters or of digits (SP-2025-00017 → sp, 2025, 00017).
    /// </summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var folded = FoldedText.Fold(text);
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in TextRuns.Of(folded))
        {
            if (run.Kind != RunKind.Chinese)
            {
                Add(folded[run.Start..run.End]);
                continue;
            }
            var chars = TextRuns.Characters(folded, run);
            for (var i = 0; i < chars.Count; i++)
            {
                Add(chars[i]);
                if (i > 0) Add(chars[i - 1] + chars[i]);
            }
        }
        return terms;

        void Add(string term)
        {
            if (seen.Add(term)) terms.Add(term);
        }
    }

    /// <summary>The <see cref="Terms"/> joined by spaces: the value of the terms column.</summary>
    public static string TermDocument(string? text) => string.Join(' ', Terms(text));
}
