using System.Text;

namespace Disclosure.Domain.Search.Repeats;

/// <summary>
/// A request description prepared for comparing: what it asks for (normalised, the words of asking taken out, words
/// written several ways written one way), as a set of character pairs and words; the numbers it names (years, document numbers, plot
/// numbers); and the names it gives to places, projects, schools, companies. Prepare once, compare many times.
/// </summary>
public sealed class RequestText
{
    /// <summary>What is asked for, as shown in shared phrases: normalised, without the words of asking.</summary>
    internal string Shown { get; }
    internal long[] Features { get; }
    /// <summary>The features of what follows the last name: the document asked for (…项目的采购合同 → 采购合同).</summary>
    internal long[] Asked { get; }
    internal string[] Numbers { get; }
    internal (NameKind Kind, string Name)[] Names { get; }

    private RequestText(string shown, long[] features, long[] asked, string[] numbers, (NameKind, string)[] names)
    {
        Shown = shown; Features = features; Asked = asked; Numbers = numbers; Names = names;
    }

    public static RequestText Of(string? description)
    {
        var normalised = SearchText.Normalise(WhatIsAsked(description ?? ""));
        var shown = WithoutAsking(WithoutFilingDates(normalised));
        var compared = shown;
        foreach (var (variant, canonical) in RequestWording.SameWords) compared = compared.Replace(variant, canonical, StringComparison.Ordinal);
        var runs = Runs(compared);
        var (names, end) = Named.In(compared);
        return new RequestText(shown, FeaturesOf(runs), FeaturesOf(Runs(compared[end..])), NumbersOf(runs), names);
    }

    private static readonly char[] ClauseEnds = [',', '。', ';', ':', '!', '?', '\n', '，', '；', '：', '！', '？'];

    /// <summary>The clauses that say what is asked for: not the asides (reasons, who asks) nor a letter's pleas.</summary>
    private static string WhatIsAsked(string description)
    {
        var clauses = FoldedText.Fold(description).Split(ClauseEnds, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var kept = clauses.Where(c => !IsAside(c)).ToList();
        return string.Join("。", kept.Count > 0 ? kept : clauses);
    }

    private static bool IsAside(string clause) =>
        RequestWording.Aside.Any(a => clause.StartsWith(a, StringComparison.Ordinal))
        || RequestWording.Plea.Any(p => clause.StartsWith(p, StringComparison.Ordinal))
           && !RequestWording.RequestVerbs.Any(v => clause.Contains(v, StringComparison.Ordinal));

    private static string[] Runs(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"2024 年 6 月已申请过": the date of an earlier filing is not part of what is asked for.</summary>
    private static string WithoutFilingDates(string normalised)
    {
        var parts = normalised.Split(' ');
        var sb = new StringBuilder(normalised.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i + 3 < parts.Length && IsDigits(parts[i], 4) && parts[i + 1] == "年" && IsDigits(parts[i + 2], 1, 2) && parts[i + 3].StartsWith('月'))
            {
                parts[i + 3] = parts[i + 3][1..];
                i += 2;
                continue;
            }
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(parts[i]);
        }
        return sb.ToString();
    }

    private static bool IsDigits(string s, int min, int max = -1) =>
        s.Length >= min && s.Length <= (max < 0 ? min : max) && s.All(char.IsAsciiDigit);

    private static string WithoutAsking(string text)
    {
        var sb = new StringBuilder(text);
        foreach (var word in RequestWording.Asking) sb.Replace(word, " ");
        // collapse the holes left behind
        var result = new StringBuilder(sb.Length);
        foreach (var c in sb.ToString())
            if (c != ' ' || result.Length > 0 && result[^1] != ' ') result.Append(c);
        return result.ToString().TrimEnd();
    }

    /// <summary>Pairs of adjacent Chinese characters and whole words of letters or digits, each as a number, sorted, once.</summary>
    private static long[] FeaturesOf(string[] runs)
    {
        var features = new HashSet<long>();
        foreach (var run in runs)
        {
            if (!TextRuns.IsChinese(run[0]))
            {
                features.Add(WordFeature(run));
                continue;
            }
            for (var i = 1; i < run.Length; i++) features.Add((long)run[i - 1] << 16 | run[i]);
        }
        var sorted = features.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>FNV-1a above 2³²: a pair of characters is below it, so a word never equals a pair.</summary>
    private static long WordFeature(string word)
    {
        var h = 2166136261u;
        foreach (var c in word) h = (h ^ c) * 16777619u;
        return 1L << 40 | h;
    }

    private static string[] NumbersOf(string[] runs) =>
        runs.Where(r => char.IsAsciiDigit(r[0])).Select(r => r.TrimStart('0') is { Length: > 0 } t ? t : "0").Distinct().ToArray();
}
