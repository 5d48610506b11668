namespace Disclosure.Domain;

public enum RefusalKind
{
    /// <summary>The input itself is wrong (a bad code, a date in the future): 400.</summary>
    Invalid,
    /// <summary>The input is fine but the case is not in a state that allows it: 409.</summary>
    Conflict,
    /// <summary>A referenced part of the case does not exist: 404.</summary>
    NotFound,
}

/// <summary>
/// A command the domain will not turn into events, with the field and the reason a clerk can act on. The reason is a
/// <see cref="KeyedMessage"/>: written as an interpolated string at the call site, kept as its template and values, so
/// the console translates it by its key (<see cref="Text"/>); <see cref="Exception.Message"/> is the English text.
/// </summary>
public sealed class Refusal(RefusalKind kind, string field, KeyedMessage text) : Exception(text.ToString())
{
    public Refusal(RefusalKind kind, string field, string message) : this(kind, field, KeyedMessage.Literal(message)) { }

    public RefusalKind Kind { get; } = kind;
    public string Field { get; } = field;
    /// <summary>The reason as its template (the key of its translations) and values.</summary>
    public KeyedMessage Text { get; } = text;

    public static Refusal Invalid(string field, string message) => new(RefusalKind.Invalid, field, message);
    public static Refusal Invalid(string field, KeyedMessageHandler message) => new(RefusalKind.Invalid, field, message.ToMessage());
    public static Refusal Invalid(string field, KeyedMessage message) => new(RefusalKind.Invalid, field, message);
    public static Refusal Conflict(string message) => new(RefusalKind.Conflict, "", message);
    public static Refusal Conflict(KeyedMessageHandler message) => new(RefusalKind.Conflict, "", message.ToMessage());
    public static Refusal Conflict(KeyedMessage message) => new(RefusalKind.Conflict, "", message);
    public static Refusal NotFound(string field, string message) => new(RefusalKind.NotFound, field, message);
    public static Refusal NotFound(string field, KeyedMessageHandler message) => new(RefusalKind.NotFound, field, message.ToMessage());
    public static Refusal NotFound(string field, KeyedMessage message) => new(RefusalKind.NotFound, field, message);
}

/// <summary>A coded value of the product's vocabulary with its official Chinese label.</summary>
public sealed record Term(string Code, string Label);

public static class Vocabulary
{
    public static Term? Find(this IReadOnlyList<Term> terms, string? code) => terms.FirstOrDefault(t => t.Code == code);

    /// <summary>Refuses a code that is not one of <paramref name="terms"/>, listing the allowed ones.</summary>
    public static Term Require(this IReadOnlyList<Term> terms, string field, string? code) =>
        terms.Find(code) ?? throw Refusal.Invalid(field,
            $"'{code}' is not a known {field} code. Allowed: {string.Join(", ", terms.Select(t => t.Code))}.");
}

/// <summary>An event reached a case that does not know it: a bug, never data to skip silently.</summary>
public sealed class UnhandledEvent(Type caseType, object @event)
    : Exception($"{caseType.Name} does not fold {@event.GetType().Name}; every event of the case must be handled.");

/// <summary>A field whose value is a code of the shared vocabulary: validated against it, and an enum with its Chinese labels in the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CodesAttribute(Type vocabulary) : Attribute
{
    /// <summary>The class holding the vocabulary as <c>public static readonly IReadOnlyList&lt;Term&gt; All</c>.</summary>
    public Type Vocabulary { get; } = vocabulary;

    public IReadOnlyList<Term> Terms => (IReadOnlyList<Term>)(Vocabulary.GetField("All", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null)
        ?? throw new InvalidOperationException($"{Vocabulary.Name} has no static All."));
}
