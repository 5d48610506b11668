namespace Disclosure.Host.Infrastructure;

/// <summary>
/// What text the product accepts from a client, anywhere: no control characters (PostgreSQL cannot store NUL in JSON,
/// and nobody types a bell or an escape into a form), only line breaks and tabs in multi-line fields, and a stated
/// maximum length. Messages never quote the value: it may be personal data.
/// </summary>
public static class TextRules
{
    public static bool HasControlCharacters(string text, bool multiLine = false)
    {
        foreach (var c in text)
            if (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')) return true;
        return false;
    }

    /// <summary>The problem with a text value, or null when it is acceptable.</summary>
    public static string? Check(string? text, int maxLength, bool multiLine)
    {
        if (text is null) return null;
        if (HasControlCharacters(text, multiLine))
            return multiLine ? "Control characters are not allowed (line breaks and tabs are)." : "Control characters are not allowed.";
        if (text.Length > maxLength) return $"At most {maxLength:N0} characters.";
        // lone surrogates cannot be stored as UTF-8
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) return "The text is not valid Unicode.";
        }
        return null;
    }
}
