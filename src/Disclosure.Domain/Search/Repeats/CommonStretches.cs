using System.Text;

namespace Disclosure.Domain.Search.Repeats;

/// <summary>Maximal common substrings of two short texts, longest first, by dynamic programming (descriptions are short).</summary>
internal static class CommonStretches
{
    public static IReadOnlyList<string> Longest(string a, string b, int minLength, int max)
    {
        var found = new List<string>();
        if (a.Length == 0 || b.Length == 0) return found;
        var usedA = new bool[a.Length];
        var usedB = new bool[b.Length];
        var lengths = new int[b.Length + 1];
        while (found.Count < max)
        {
            var (bestLength, bestEndA, bestEndB) = (0, 0, 0);
            Array.Clear(lengths);
            for (var i = 1; i <= a.Length; i++)
            {
                // lengths[j] holds the run ending at a[i-1], b[j-1]; walk j down so lengths[j-1] is still the previous row
                for (var j = b.Length; j >= 1; j--)
                {
                    lengths[j] = !usedA[i - 1] && !usedB[j - 1] && a[i - 1] == b[j - 1] ? lengths[j - 1] + 1 : 0;
                    if (lengths[j] > bestLength) (bestLength, bestEndA, bestEndB) = (lengths[j], i, j);
                }
            }
            var phrase = Readable(a.Substring(bestEndA - bestLength, bestLength));
            if (Letters(phrase) < minLength) break;
            found.Add(phrase);
            for (var k = 0; k < bestLength; k++) { usedA[bestEndA - 1 - k] = true; usedB[bestEndB - 1 - k] = true; }
        }
        return found;
    }

    /// <summary>Without the spaces normalising put between Chinese and digits ("2019 年" → "2019年"); kept between two words.</summary>
    private static string Readable(string stretch)
    {
        var s = stretch.Trim();
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == ' ' && (TextRuns.IsChinese(s[i - 1]) || TextRuns.IsChinese(s[i + 1]))) continue;
            sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static int Letters(string s) => s.Count(c => c != ' ');
}
