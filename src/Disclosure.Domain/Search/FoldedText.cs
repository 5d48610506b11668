using System.Globalization;
using System.Text;

namespace Disclosure.Domain.Search;

/// <summary>
/// A text folded for matching: NFKC (full-width letters and digits and the ideographic space become their
/// half-width forms, compatibility ideographs their unified ones), then lower case. Every folded character
/// remembers the characters of the original it came from, so a match found here can be marked on the
/// text as the applicant wrote it. Culture-invariant: the same text folds the same way on every server.
/// </summary>
internal sealed class FoldedText
{
    private readonly int[] from;
    private readonly int[] to;

    public string Original { get; }
    public string Value { get; }

    private FoldedText(string original, string value, int[] from, int[] to)
    {
        Original = original; Value = value; this.from = from; this.to = to;
    }

    /// <summary>The original characters [start, end) that the folded characters [start, end) came from.</summary>
    public (int Start, int End) OriginalRange(int start, int end) => (from[start], to[end - 1]);

    public static FoldedText Of(string text)
    {
        var value = new StringBuilder(text.Length);
        var from = new List<int>(text.Length);
        var to = new List<int>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (IsStable(c) && !IsMark(next))
            {
                Add(Fast(c), i, i + 1);
                i++;
                continue;
            }
            var end = ClusterEnd(text, i);
            foreach (var f in Slow(text, i, end)) Add(f, i, end);
            i = end;
        }
        return new FoldedText(text, value.ToString(), [.. from], [.. to]);

        void Add(char f, int start, int end)
        {
            value.Append(f); from.Add(start); to.Add(end);
        }
    }

    /// <summary>Folds a text when the positions are not needed (indexing, comparing).</summary>
    public static string Fold(string text)
    {
        foreach (var c in text)
            if (!IsStable(c) || IsMark(c)) return Of(text).Value;
        return string.Create(text.Length, text, (span, t) =>
        {
            for (var k = 0; k < t.Length; k++) span[k] = Fast(t[k]);
        });
    }

    /// <summary>Characters whose NFKC form is known without asking: ASCII, the full-width ASCII block, common ideographs.</summary>
    private static bool IsStable(char c) =>
        c < 0x80 || c is >= '\uFF01' and <= '\uFF5E' || c == '\u3000' || c is >= '\u4E00' and <= '\u9FFF' || c is >= '\u3400' and <= '\u4DBF'
        || c is >= '\u3001' and <= '\u3029' or >= '\u3030' and <= '\u3035'; // CJK punctuation NFKC leaves alone (not the tone marks 302A–302F, not 〶)

    private static char Fast(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0); // full-width ASCII → ASCII
        else if (c == '\u3000') return ' ';
        return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
    }

    private static bool IsMark(char c) => c >= 0x300 && CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>One character (a surrogate pair counts as one) and the combining marks that follow it.</summary>
    private static int ClusterEnd(string text, int i)
    {
        var end = i + (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1);
        while (end < text.Length && IsMark(text[end])) end++;
        return end;
    }

    private static string Slow(string text, int start, int end)
    {
        var cluster = text[start..end];
        if (cluster.Any(char.IsSurrogate) && !IsWellFormed(cluster)) return "\uFFFD";
        try
        {
            return cluster.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return "\uFFFD"; // noncharacters (U+FFFE, U+FDD0 …) that normalisation refuses: they match nothing
        }
    }

    internal static bool IsWellFormed(string s)
    {
        for (var k = 0; k < s.Length; k++)
        {
            if (char.IsHighSurrogate(s[k]) && k + 1 < s.Length && char.IsLowSurrogate(s[k + 1])) k++;
            else if (char.IsSurrogate(s[k])) return false;
        }
        return true;
    }
}
