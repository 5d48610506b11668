namespace Disclosure.Domain.Search;

/// <summary>[Start, Start + Length) of a text in UTF-16 units (as .NET and JavaScript strings count).</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// A piece of a text around its first match, at most a given length, with the matched ranges within it.
/// <see cref="CutBefore"/>/<see cref="CutAfter"/> say whether text was left out (the host shows "…").
/// Line breaks and other control characters are shown as spaces.
/// </summary>
public sealed record Snippet(string Text, IReadOnlyList<TextRange> Marks, bool CutBefore, bool CutAfter)
{
    /// <summary>The snippet cut at the marks, in order: the host encodes each piece and wraps the marked ones in &lt;mark&gt;.</summary>
    public IEnumerable<(string Text, bool Marked)> Pieces()
    {
        var at = 0;
        foreach (var mark in Marks)
        {
            if (mark.Start > at) yield return (Text[at..mark.Start], false);
            yield return (Text.Substring(mark.Start, mark.Length), true);
            at = mark.End;
        }
        if (at < Text.Length) yield return (Text[at..], false);
    }
}

/// <summary>Where a query matched a text as it is shown (not as it was folded), and a snippet around the first match.</summary>
public static class Highlighting
{
    public const int SnippetLength = 80;
    /// <summary>Of a snippet, about this share comes before the first match.</summary>
    private const int LeadDivisor = 4;

    /// <summary>
    /// The ranges of <paramref name="text"/> the query's phrases matched, ordered and merged. A Chinese phrase not
    /// found whole is marked by its pairs, so whatever made the text match is shown.
    /// </summary>
    public static IReadOnlyList<TextRange> Marks(string? text, SearchQuery query)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var folded = FoldedText.Of(text);
        var runs = TextRuns.Of(folded.Value);
        var found = new List<(int Start, int End)>();
        foreach (var phrase in query.Phrases)
        {
            var whole = SearchQuery.Occurrences(folded.Value, runs, phrase).ToList();
            found.AddRange(whole.Count > 0 || !phrase.IsChinese ? whole : SearchQuery.TermOccurrences(folded.Value, phrase));
        }
        return Merge(text, found.Select(f => folded.OriginalRange(f.Start, f.End)));
    }

    public static Snippet Snippet(string? text, SearchQuery query, int length = SnippetLength)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length));
        text ??= "";
        var marks = Marks(text, query);
        var start = 0;
        if (text.Length > length && marks.Count > 0)
        {
            var first = marks[0];
            start = Math.Max(0, first.Start - Math.Max(0, length - first.Length) / LeadDivisor);
            start = Math.Max(0, Math.Min(start, text.Length - length));
        }
        var end = Math.Min(text.Length, start + length);
        if (start > 0 && char.IsLowSurrogate(text[start])) start++;
        if (end < text.Length && end > start && char.IsHighSurrogate(text[end - 1])) end--;
        var shown = string.Create(end - start, (text, start), (span, s) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = s.text[s.start + i];
                span[i] = char.IsControl(c) ? ' ' : c;
            }
        });
        var within = marks
            .Where(m => m.End > start && m.Start < end)
            .Select(m => new TextRange(Math.Max(m.Start, start) - start, Math.Min(m.End, end) - Math.Max(m.Start, start)))
            .ToList();
        return new Snippet(shown, within, start > 0, end < text.Length);
    }

    /// <summary>Ordered, overlapping ones joined, and those only a code's hyphen or slash apart (SP-2025-00017, GB/T).</summary>
    private static List<TextRange> Merge(string text, IEnumerable<(int Start, int End)> ranges)
    {
        var merged = new List<TextRange>();
        foreach (var (s, e) in ranges.OrderBy(r => r.Start).ThenBy(r => r.End))
        {
            if (merged.Count > 0 && (s <= merged[^1].End || IsConnector(text, merged[^1].End, s)))
            {
                var last = merged[^1];
                merged[^1] = new TextRange(last.Start, Math.Max(last.End, e) - last.Start);
            }
            else merged.Add(new TextRange(s, e - s));
        }
        return merged;
    }

    private static bool IsConnector(string text, int from, int to) =>
        to - from == 1 && FoldedText.Fold(text.Substring(from, 1)) is "-" or "/" or "." or "_";
}
