namespace Disclosure.Domain.Search;

/// <summary>
/// One stretch of a query: Chinese text that must appear as written (征收补偿), or a word of letters or digits
/// that must appear as a whole word (gb, 2025). <see cref="Terms"/> are what the index is asked for.
/// </summary>
public sealed record QueryPhrase(string Text, bool IsChinese, IReadOnlyList<string> Terms);

/// <summary>
/// A search as a clerk typed it, split the way <see cref="SearchText"/> splits what is indexed: a single Chinese
/// character is looked up as itself, two or more by their pairs (征收补偿 → 征收, 收补, 补偿), a word by itself.
/// Every term must match. The index narrows by <see cref="Terms"/>; <see cref="Matches"/> then keeps the texts in
/// which every phrase stands whole (the pairs of 征收补偿 can also come from "征收…收补…补偿").
/// </summary>
public sealed class SearchQuery
{
    /// <summary>Longer than a title or a document number is not a search but a pasted text.</summary>
    public const int MaxLength = 100;

    public string Text { get; }
    /// <summary><see cref="SearchText.Normalise"/>d: each Chinese phrase is a substring of a matching normalised text.</summary>
    public string Normalised { get; }
    public IReadOnlyList<QueryPhrase> Phrases { get; }
    /// <summary>Distinct terms, all of which a matching text's <see cref="SearchText.Terms"/> contain.</summary>
    public IReadOnlyList<string> Terms { get; }

    private SearchQuery(string text, IReadOnlyList<QueryPhrase> phrases)
    {
        Text = text;
        Normalised = SearchText.Normalise(text);
        Phrases = phrases;
        Terms = phrases.SelectMany(p => p.Terms).Distinct(StringComparer.Ordinal).ToList();
    }

    public static SearchQuery Parse(string? q)
    {
        var text = q?.Trim() ?? "";
        if (text.Length == 0) throw Refusal.Invalid("q", "The search text is empty.");
        if (text.Length > MaxLength) throw Refusal.Invalid("q", $"The search text is longer than {MaxLength} characters.");
        if (text.Any(IsForbidden) || !FoldedText.IsWellFormed(text))
            throw Refusal.Invalid("q", "The search text contains control characters.");
        var phrases = PhrasesOf(text);
        if (phrases.Count == 0) throw Refusal.Invalid("q", "The search text has no Chinese characters, letters or digits to search for.");
        return new SearchQuery(text, phrases);
    }

    /// <summary>True when every phrase stands whole in <paramref name="text"/>.</summary>
    public bool Matches(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        var folded = FoldedText.Fold(text);
        var runs = TextRuns.Of(folded);
        return Phrases.All(p => Occurrences(folded, runs, p).Any());
    }

    /// <summary>Where <paramref name="phrase"/> stands whole in a folded text: [start, end) in its UTF-16 units.</summary>
    internal static IEnumerable<(int Start, int End)> Occurrences(string folded, List<TextRun> runs, QueryPhrase phrase) =>
        phrase.IsChinese ? Substrings(folded, phrase.Text) : WholeWords(folded, runs, phrase.Text);

    private static IEnumerable<(int, int)> Substrings(string folded, string part)
    {
        for (var at = folded.IndexOf(part, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(part, at + 1, StringComparison.Ordinal))
            yield return (at, at + part.Length);
    }

    private static IEnumerable<(int, int)> WholeWords(string folded, List<TextRun> runs, string word) =>
        runs.Where(r => r.Kind != RunKind.Chinese && r.End - r.Start == word.Length && string.CompareOrdinal(folded, r.Start, word, 0, word.Length) == 0)
            .Select(r => (r.Start, r.End));

    /// <summary>Where the pairs (or the single character) of a Chinese phrase stand, for a phrase not found whole.</summary>
    internal static IEnumerable<(int Start, int End)> TermOccurrences(string folded, QueryPhrase phrase) =>
        phrase.Terms.SelectMany(t => Substrings(folded, t));

    private static List<QueryPhrase> PhrasesOf(string text)
    {
        var folded = FoldedText.Fold(text);
        var phrases = new List<QueryPhrase>();
        foreach (var run in TextRuns.Of(folded))
        {
            var part = folded[run.Start..run.End];
            if (run.Kind != RunKind.Chinese)
            {
                phrases.Add(new QueryPhrase(part, false, [part]));
                continue;
            }
            var chars = TextRuns.Characters(folded, run);
            var terms = chars.Count == 1 ? chars : chars.Skip(1).Select((c, i) => chars[i] + c).Distinct(StringComparer.Ordinal).ToList();
            phrases.Add(new QueryPhrase(part, true, terms));
        }
        return phrases;
    }

    /// <summary>
    /// Control characters (newlines, NUL, escapes) and the bidirectional overrides that can make a shown text read
    /// differently from what it is; unpaired surrogates are refused with them.
    /// </summary>
    private static bool IsForbidden(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
