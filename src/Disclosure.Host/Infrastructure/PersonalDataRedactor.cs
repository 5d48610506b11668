using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Last line of defence for 个人信息保护法 in the logs: no code here logs applicants' or writers' data on purpose
/// (request logging carries no bodies, handlers log ids only), and this enricher blanks anything that still looks
/// like an identity number, a mobile number or an e-mail address in any logged property or exception text.
/// </summary>
public sealed partial class PersonalDataRedactor : ILogEventEnricher
{
    public const string Redacted = "[redacted]";

    // identity numbers (18 digits, the last may be X or x; old 15-digit ones), mobile numbers however written
    // (13812345678, +86 138 1234 5678, 0086-138-1234-5678, 138-1234-5678, %2B86…), e-mail addresses
    [GeneratedRegex(@"(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])|(?<!\d)(?:(?:\+|%2[Bb]|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)|[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex PersonalData();

    // what PostgreSQL adds to an error about the data it refused (WHERE: JSON data, line 1: …, DETAIL: Key (…)=(…)) can
    // quote the payload: those lines never reach a log
    [GeneratedRegex(@"^.*\b(WHERE|Where|DETAIL|Detail|INTERNAL QUERY|Internal query|Exception data):.*$", RegexOptions.Multiline)]
    private static partial Regex DatabaseContext();

    /// <summary>Identity numbers, mobile numbers and e-mail addresses in a text shown to the public, replaced by <paramref name="replacement"/>.</summary>
    public static string MaskPersonalData(string text, string replacement) => PersonalData().Replace(text, replacement);

    public static string Scrub(string text) => PersonalData().Replace(DatabaseContext().Replace(text, "[database context removed]"), Redacted);

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory factory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var scrubbed = Scrub(value);
            if (!ReferenceEquals(scrubbed, value)) logEvent.AddOrUpdateProperty(new LogEventProperty(name, scrubbed));
        }
    }

    private static LogEventPropertyValue Scrub(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } when PersonalData().IsMatch(s) => new ScalarValue(Scrub(s)),
        SequenceValue seq when seq.Elements.Any(e => !ReferenceEquals(Scrub(e), e)) => new SequenceValue(seq.Elements.Select(Scrub)),
        StructureValue st when st.Properties.Any(p => !ReferenceEquals(Scrub(p.Value), p.Value)) =>
            new StructureValue(st.Properties.Select(p => new LogEventProperty(p.Name, Scrub(p.Value))), st.TypeTag),
        _ => value,
    };
}

/// <summary>Exception text can quote data (a driver message, a failed value): the text sinks see it scrubbed.</summary>
public sealed class ScrubbedExceptionSink(ILogEventSink inner) : ILogEventSink
{
    public void Emit(LogEvent e)
    {
        if (e.Exception is null) { inner.Emit(e); return; }
        var text = PersonalDataRedactor.Scrub(e.Exception.ToString());
        var copy = new LogEvent(e.Timestamp, e.Level, null, e.MessageTemplate,
            e.Properties.Select(p => new LogEventProperty(p.Key, p.Value)).Append(new LogEventProperty("ExceptionDetail", new ScalarValue(text))),
            e.TraceId ?? default, e.SpanId ?? default);
        inner.Emit(copy);
    }
}
