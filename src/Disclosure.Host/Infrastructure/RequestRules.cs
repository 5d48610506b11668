using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Disclosure.Domain;

namespace Disclosure.Host.Infrastructure;

/// <summary>A text field of a request: its maximum length (stated in the OpenAPI document) and whether it may hold line breaks.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextAttribute(int maximumLength) : StringLengthAttribute(maximumLength)
{
    /// <summary>Line breaks and tabs allowed (a description, a note, a letter's body); every other control character is refused.</summary>
    public bool MultiLine { get; init; }
}

/// <summary>
/// One policy for every field of every request body, applied to every endpoint before it runs
/// (<see cref="RequestRulesPolicy"/>): a <c>[Required]</c> field is there (a nested one when its parent is), text has no
/// control characters and a maximum length, codes are of the vocabulary,
/// business dates lie between 2008 (the first Regulation) and a horizon, numbers within their stated range, lists are
/// bounded, and a body that must be there is there. Every problem is a 400 naming the field; nothing quotes the value.
/// </summary>
public static class RequestRules
{
    public const int DefaultTextLength = 200;
    public const int MaxItems = 100;
    public static readonly DateOnly EarliestDate = new(2008, 1, 1);
    public const int HorizonYears = 2;

    private static readonly ConcurrentDictionary<Type, Field[]> Fields = new();

    /// <summary>For a body the endpoint requires.</summary>
    public static IResult Validate<T>(T? body, BusinessClock clock) => body is null
        ? Problems.ValidationResult(new Dictionary<string, string[]> { ["body"] = ["A JSON object is required."] })
        : Result(Check(body, clock.Today));

    /// <summary>For a body the endpoint may go without.</summary>
    public static IResult ValidateOptional<T>(T? body, BusinessClock clock) => body is null ? Wolverine.Http.WolverineContinue.Result() : Result(Check(body, clock.Today));

    private static IResult Result(Dictionary<string, string[]> errors) =>
        errors.Count == 0 ? Wolverine.Http.WolverineContinue.Result() : Problems.ValidationResult(errors);

    /// <summary>The latest date a query may name (the end of a period searched, not a business date of a case).</summary>
    public static readonly DateOnly LatestQueryDate = new(2100, 12, 31);

    /// <summary>Dates in a query string: from the first Regulation to the end of the century, so no date arithmetic overflows.</summary>
    public static Dictionary<string, string[]> CheckDates(params (string Name, DateOnly? Date)[] dates)
    {
        var errors = new Dictionary<string, string[]>();
        var latest = LatestQueryDate;
        foreach (var (name, date) in dates)
            if (date is { } d && (d < EarliestDate || d > latest)) errors[name] = [$"A date from {EarliestDate:yyyy-MM-dd} to {latest:yyyy-MM-dd}."];
        return errors;
    }

    public static Dictionary<string, string[]> Check(object body, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        Walk(body, "", today, errors, 0);
        return errors;
    }

    private static void Walk(object value, string prefix, DateOnly today, Dictionary<string, string[]> errors, int depth)
    {
        if (depth > 4) return;
        foreach (var field in Fields.GetOrAdd(value.GetType(), Describe))
        {
            var name = prefix + field.Name;
            var v = field.Property.GetValue(value);
            if (field.Required && (v is null || v is string blank && string.IsNullOrWhiteSpace(blank) || v is ICollection { Count: 0 }))
            {
                errors[name] = [field.RequiredMessage ?? $"'{name}' is required."];
                continue;
            }
            if (v is null) continue;
            switch (v)
            {
                case string s:
                    if (field.Text(s) is { } problem) errors[name] = [problem];
                    else if (field.Codes is { } codes && codes.Find(s) is null)
                        errors[name] = [$"Not a known code. Allowed: {string.Join(", ", codes.Select(t => t.Code))}."];
                    break;
                case DateOnly d:
                    var latest = today.AddYears(HorizonYears);
                    if (d < EarliestDate || d > latest) errors[name] = [$"A date from {EarliestDate:yyyy-MM-dd} to {latest:yyyy-MM-dd}."];
                    break;
                case int or long or decimal when field.Range is { } range && !range.IsValid(v):
                    errors[name] = [$"From {range.Minimum} to {range.Maximum}."];
                    break;
                case IEnumerable items and not string:
                    var list = items.Cast<object?>().ToList();
                    if (list.Count > MaxItems) { errors[name] = [$"At most {MaxItems} items."]; break; }
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is string item && field.Text(item) is { } itemProblem) errors[$"{name}[{i}]"] = [itemProblem];
                        else if (list[i] is { } nested && IsRecord(nested.GetType())) Walk(nested, $"{name}[{i}].", today, errors, depth + 1);
                    }
                    break;
                default:
                    if (IsRecord(v.GetType())) Walk(v, name + ".", today, errors, depth + 1);
                    break;
            }
        }
    }

    private static bool IsRecord(Type type) => type.IsClass && type.Namespace?.StartsWith("Disclosure", StringComparison.Ordinal) == true;

    private static Field[] Describe(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null
            && p.DeclaringType != typeof(object) && p.Name != "EqualityContract")
        .Select(p => new Field(p, JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.GetCustomAttribute<TextAttribute>(),
            p.GetCustomAttribute<CodesAttribute>()?.Terms, p.GetCustomAttribute<RangeAttribute>(), p.GetCustomAttribute<RequiredAttribute>() is not null, p.GetCustomAttribute<RequiredAttribute>()?.ErrorMessage))
        .ToArray();

    private sealed record Field(PropertyInfo Property, string Name, TextAttribute? TextRule, IReadOnlyList<Term>? Codes, RangeAttribute? Range, bool Required, string? RequiredMessage)
    {
        public string? Text(string s) => TextRules.Check(s, TextRule?.MaximumLength ?? DefaultTextLength, TextRule?.MultiLine ?? false);
    }
}
