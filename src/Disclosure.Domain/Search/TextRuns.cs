using System.Text;

namespace Disclosure.Domain.Search;

internal enum RunKind { Chinese, Letters, Digits }

/// <summary>A stretch of one kind of searchable characters in a folded text, [Start, End) in UTF-16 units.</summary>
internal readonly record struct TextRun(int Start, int End, RunKind Kind);

/// <summary>
/// Cuts a folded text into searchable stretches: Chinese (and other CJK) characters, which are written without
/// spaces and are indexed by single characters and pairs; and Latin letters or digits, indexed as words.
/// Letters and digits part ("GB50016" → gb, 50016) so a code matches however it was spaced or hyphenated.
/// Everything else (punctuation, symbols, spaces) only separates.
/// </summary>
internal static class TextRuns
{
    public static List<TextRun> Of(string folded)
    {
        var runs = new List<TextRun>();
        var start = -1;
        var kind = RunKind.Chinese;
        var i = 0;
        while (i < folded.Length)
        {
            var rune = RuneAt(folded, i);
            var next = i + rune.Utf16SequenceLength;
            RunKind? k = IsChinese(rune.Value) ? RunKind.Chinese
                : Rune.IsDigit(rune) ? RunKind.Digits
                : Rune.IsLetter(rune) ? RunKind.Letters
                : IsMark(rune) && start >= 0 && kind != RunKind.Chinese ? kind // an accent stays with its word
                : null;
            if (k != kind || start < 0)
            {
                if (start >= 0) runs.Add(new TextRun(start, i, kind));
                start = k is null ? -1 : i;
                kind = k ?? kind;
            }
            i = next;
        }
        if (start >= 0) runs.Add(new TextRun(start, folded.Length, kind));
        return runs;
    }

    /// <summary>Each character of a Chinese run, as a string (a character outside the BMP is two UTF-16 units).</summary>
    public static List<string> Characters(string folded, TextRun run)
    {
        var chars = new List<string>(run.End - run.Start);
        for (var i = run.Start; i < run.End;)
        {
            var n = RuneAt(folded, i).Utf16SequenceLength;
            chars.Add(folded.Substring(i, n));
            i += n;
        }
        return chars;
    }

    public static bool IsChinese(int c) =>
        c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x323AF or >= 0xF900 and <= 0xFAFF
            or 0x3005 or 0x3007 or >= 0x3021 and <= 0x3029 // 々 〇 and the Hangzhou numerals
            or >= 0x3041 and <= 0x309F or >= 0x30A0 and <= 0x30FA or >= 0x30FC and <= 0x30FF // kana, without the middle dot ・
            or >= 0xAC00 and <= 0xD7A3; // Hangul syllables

    private static bool IsMark(Rune r) => Rune.GetUnicodeCategory(r)
        is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private static Rune RuneAt(string s, int i) =>
        Rune.TryGetRuneAt(s, i, out var r) ? r : Rune.ReplacementChar;
}
