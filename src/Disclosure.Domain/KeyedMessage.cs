using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Disclosure.Domain;

/// <summary>
/// A problem message as its template and its values, kept apart: the key is the template as the source writes it — the
/// literal parts, with <c>{0}</c>, <c>{1}</c>… where the values go — so the console finds its Chinese text by the exact key
/// (<c>ChineseMessages</c>) and a reworded message is a new key a test finds without its translation. A call site stays an
/// interpolated string (<c>Refusal.Invalid("on", $"{on} is in the future…")</c>): <see cref="KeyedMessageHandler"/> builds
/// the message from it.
/// </summary>
public sealed class KeyedMessage(string key, IReadOnlyList<string> args)
{
    /// <summary>The template: the message's literal parts (braces doubled) with numbered holes.</summary>
    public string Key { get; } = key;

    /// <summary>The values of the holes, formatted as the interpolated string would have formatted them.</summary>
    public IReadOnlyList<string> Args { get; } = args;

    /// <summary>A message without values (a literal, or text passed on as it is): its key is the text.</summary>
    public static KeyedMessage Literal(string text) => new(Escape(text), []);

    /// <summary>The English message, exactly as the interpolated string reads.</summary>
    public override string ToString() => Args.Count == 0 ? Unescape(Key) : string.Format(CultureInfo.InvariantCulture, Key, [.. Args]);

    /// <summary>A template's literal text with its braces doubled (a key is a composite format string).</summary>
    public static string Escape(string literal) => literal.Replace("{", "{{").Replace("}", "}}");

    private static string Unescape(string key) => key.Replace("{{", "{").Replace("}}", "}");
}

/// <summary>Builds a <see cref="KeyedMessage"/> from an interpolated string: literal parts into the key, each value into a hole.</summary>
[InterpolatedStringHandler]
public ref struct KeyedMessageHandler
{
    private readonly StringBuilder _key;
    private readonly List<string> _args;

    public KeyedMessageHandler(int literalLength, int formattedCount)
    {
        _key = new StringBuilder(literalLength + formattedCount * 3);
        _args = new List<string>(formattedCount);
    }

    public void AppendLiteral(string value) => _key.Append(KeyedMessage.Escape(value));

    public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        // as DefaultInterpolatedStringHandler formats a value (current culture), so the English text is unchanged
        var text = value is IFormattable formattable ? formattable.ToString(format, null) : value?.ToString() ?? "";
        if (alignment != 0) text = alignment > 0 ? text.PadLeft(alignment) : text.PadRight(-alignment);
        _key.Append('{').Append(_args.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
        _args.Add(text);
    }

    public KeyedMessage ToMessage() => new(_key.ToString(), _args);
}
