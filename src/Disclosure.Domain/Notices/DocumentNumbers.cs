using System.Text.RegularExpressions;

namespace Disclosure.Domain.Notices;

/// <summary>文号 patterns such as "××公开〔{year}〕{n}号": {year} is the year of issue, {n} the gap-free number in it.</summary>
public static partial class DocumentNumbers
{
    public const string Year = "{year}";
    public const string Sequence = "{n}";

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();

    public static string Validate(string field, string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) throw Refusal.Invalid(field, "A 文号 pattern is required, e.g. ××公开〔{year}〕{n}号.");
        if (pattern.Length > 100) throw Refusal.Invalid(field, "A 文号 pattern is at most 100 characters.");
        var unknown = Placeholder().Matches(pattern).Select(m => m.Value).Where(p => p is not (Year or Sequence)).ToList();
        if (unknown.Count > 0) throw Refusal.Invalid(field, $"Unknown placeholder {string.Join(", ", unknown)}: only {Year} and {Sequence} are filled in.");
        var count = Placeholder().Matches(pattern).Count(m => m.Value == Sequence);
        if (count != 1) throw Refusal.Invalid(field, $"A 文号 pattern contains {Sequence} (the number) exactly once; '{pattern}' has it {count} times.");
        if (Placeholder().Replace(pattern, "").IndexOfAny(['{', '}']) >= 0)
            throw Refusal.Invalid(field, "Braces in a 文号 pattern only enclose {year} or {n}.");
        return pattern;
    }

    public static string Format(string pattern, int year, int n)
    {
        Validate("pattern", pattern);
        if (n < 1) throw Refusal.Invalid("n", $"Document numbers start at 1; {n} given.");
        if (year is < 1900 or > 9999) throw Refusal.Invalid("year", $"{year} is not a year of issue.");
        return pattern.Replace(Year, year.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace(Sequence, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
