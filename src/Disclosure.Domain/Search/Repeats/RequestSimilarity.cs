namespace Disclosure.Domain.Search.Repeats;

/// <summary>
/// How alike two requests are in what they ask for, from 0 to 1. Likeness of two sets of character pairs and words is
/// the mean of their Dice coefficient and their containment (shared ÷ the smaller): containment forgives a repeat that
/// adds a clause, Dice keeps a short request from matching every long one that contains it. The score is the mean of
/// that likeness over the whole of what is asked and over what follows the last name (the document: …项目的采购合同 vs
/// …项目的补充合同 share the project, not the document). Halved when each names a number the other does not (2022年 vs
/// 2023年, 12号 vs 15号), and again when each names a thing of one kind the other does not (新安村 vs 白沙村).
/// Chosen over plain Dice of character pairs by measurement on the generated corpus (see the report in the repeat specs).
/// </summary>
public static class RequestSimilarity
{
    /// <summary>What a mismatch of numbers or names leaves of a score: either alone pushes a near copy below the threshold.</summary>
    private const double Mismatch = 0.5;

    public static double Score(string? a, string? b) => Score(RequestText.Of(a), RequestText.Of(b));

    public static double Score(RequestText a, RequestText b)
    {
        if (a.Features.Length == 0 || b.Features.Length == 0) return 0;
        var score = (Alike(a.Features, b.Features) + Alike(a.Asked, b.Asked)) / 2;
        if (Differ(a.Numbers, b.Numbers)) score *= Mismatch;
        if (Named.Differ(a.Names, b.Names)) score *= Mismatch;
        return score;
    }

    /// <summary>
    /// The longest stretches (at least <paramref name="minLength"/> characters) that both requests ask for in the same
    /// words, longest first, none overlapping another, at most <paramref name="max"/>: what a clerk reads to judge.
    /// </summary>
    public static IReadOnlyList<string> SharedPhrases(string? a, string? b, int minLength = 4, int max = 3) =>
        SharedPhrases(RequestText.Of(a), RequestText.Of(b), minLength, max);

    public static IReadOnlyList<string> SharedPhrases(RequestText a, RequestText b, int minLength = 4, int max = 3) =>
        CommonStretches.Longest(a.Shown, b.Shown, minLength, max);

    private static double Alike(long[] a, long[] b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == b.Length ? 1 : 0;
        var shared = Shared(a, b);
        var dice = 2.0 * shared / (a.Length + b.Length);
        var containment = (double)shared / Math.Min(a.Length, b.Length);
        return (dice + containment) / 2;
    }

    private static int Shared(long[] a, long[] b)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { n++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return n;
    }

    /// <summary>Each names a number the other does not. One leaving a number out (a 文号 not repeated) is no mismatch.</summary>
    private static bool Differ(string[] a, string[] b) =>
        a.Length > 0 && b.Length > 0 && a.Any(x => !b.Contains(x)) && b.Any(x => !a.Contains(x));
}
