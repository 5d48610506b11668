using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Host.Infrastructure;

namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>
/// How a field is typed: <c>DateTime</c> a moment (a local date and time, China time), <c>Choices</c> several codes of a
/// vocabulary (a list with <c>[Codes]</c>), <c>Pairs</c> a map typed one <c>key=value</c> a line.
/// </summary>
public enum FieldKind { Text, TextArea, Date, Number, Choice, YesNo, Lines, DateTime, Choices, Pairs }

/// <summary>One input of a form: its <c>name</c> is the API's JSON name of the field, so the form is the API's request.</summary>
public sealed record FormField(string Name, string Label, FieldKind Kind, bool Required, int? MaxLength, IReadOnlyList<Term>? Choices, string? Min = null, string? Max = null, bool Whole = false,
    bool NoticeOnly = false, Disclosure.Host.Cases.StaffList? Pick = null);

/// <summary>What a form shows again after a refusal: the values typed, and per field its message in Chinese.</summary>
public sealed class FormState
{
    public Dictionary<string, string> Values { get; } = new();
    public Dictionary<string, string> Errors { get; } = new();
    /// <summary>A message about the whole form (a conflict with the case's state, a concurrent change).</summary>
    public string? Problem { get; set; }

    public string Value(string field, string fallback = "") => Values.TryGetValue(field, out var v) ? v : fallback;
    public string? Error(string field) => Errors.GetValueOrDefault(field);
    public bool Ok => Errors.Count == 0 && Problem is null;
}

/// <summary>
/// The form of a command, read from the command record itself (the API's request): fields, their JSON names, kinds,
/// codes and limits come from its properties and the request policy's attributes; only the Chinese labels are the
/// console's (<see cref="FieldLabels"/>). <see cref="Bind{T}"/> turns a posted form into the same record the API would
/// deserialise and checks it with the same request policy (<see cref="RequestRules"/>).
/// </summary>
public static class CommandForm
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<FormField> Fields(Type command) => Walk(command, "", false).ToList();

    /// <summary>The choices of a field in groups: the outcomes as report table 三 groups them (（三）不予公开 …), others in one group.</summary>
    public static IEnumerable<(string? Group, IEnumerable<Term> Terms)> Groups(FormField field) =>
        field.Choices == Domain.Applications.Outcomes.All
            ? Domain.Reporting.ReportLayout.Layout2021.OutcomeRows.GroupBy(r => r.Subgroup)
                .Select(g => (g.Key, g.Select(r => field.Choices.Find(r.Code)!)))
            : [(null, field.Choices ?? [])];

    private static IEnumerable<FormField> Walk(Type type, string prefix, bool noticeOnly)
    {
        foreach (var p in Properties(type))
        {
            // printed only on the step's written notice (Notices.NoticeTextAttribute): a page may hide it when none is issued
            var onNotice = noticeOnly || p.GetCustomAttribute<Notices.NoticeTextAttribute>() is not null;
            var name = prefix + JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            var required = p.GetCustomAttribute<RequiredAttribute>() is not null;
            if (t.IsClass && t != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(t))
            {
                foreach (var nested in Walk(t, name + ".", onNotice)) yield return nested;
                continue;
            }
            var text = p.GetCustomAttribute<TextAttribute>();
            var codes = p.GetCustomAttribute<CodesAttribute>()?.Terms;
            var range = p.GetCustomAttribute<RangeAttribute>();
            var many = t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t);
            var kind = codes is not null ? (many ? FieldKind.Choices : FieldKind.Choice)
                : t == typeof(DateOnly) ? FieldKind.Date
                : t == typeof(DateTimeOffset) || t == typeof(DateTime) ? FieldKind.DateTime
                : typeof(IDictionary).IsAssignableFrom(t) || t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) ? FieldKind.Pairs
                : t == typeof(bool) ? FieldKind.YesNo
                : t == typeof(int) || t == typeof(long) || t == typeof(decimal) ? FieldKind.Number
                : t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t) ? FieldKind.Lines
                : text?.MultiLine == true ? FieldKind.TextArea : FieldKind.Text;
            yield return new FormField(name, p.GetCustomAttribute<LabelAttribute>()?.Text ?? FieldLabels.Of(name), kind, required, text?.MaximumLength ?? (kind == FieldKind.Text ? RequestRules.DefaultTextLength : null),
                codes, range?.Minimum?.ToString(), range?.Maximum?.ToString(), t == typeof(int) || t == typeof(long), onNotice,
                p.GetCustomAttribute<Disclosure.Host.Cases.PickStaffAttribute>()?.List);
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null
            && p.Name is not ("EqualityContract" or "Version") && p.DeclaringType != typeof(object))
        // the constructor's order is the order of the form
        .OrderBy(p => Array.FindIndex(type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters(), a => a.Name == p.Name) is var i and >= 0 ? i : int.MaxValue);

    /// <summary>
    /// The command the form describes, or null with the problems in <paramref name="state"/> (in Chinese, next to their
    /// fields). Values that are not of their type (a date, a number) are refused here; everything else by the request
    /// policy the API applies, then by the Domain when the command is sent.
    /// </summary>
    public static T? Bind<T>(IFormCollection form, DateOnly today, FormState state) where T : class =>
        (T?)Bind(typeof(T), form, today, state);

    public static object? Bind(Type type, IFormCollection form, DateOnly today, FormState state)
    {
        var json = new JsonObject();
        foreach (var field in Fields(type))
        {
            var given = form[field.Name];
            string raw;
            if (field.Kind is FieldKind.Lines or FieldKind.Choices) raw = string.Join("\n", given.ToArray());
            else if (given.Count > 1)
            {
                // a value picked from a list or typed in the box beside it (PickStaffAttribute): one of the two
                var filled = given.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
                raw = filled.LastOrDefault() ?? "";
                if (filled.Count > 1)
                {
                    state.Values[field.Name] = raw;
                    state.Errors[field.Name] = "请在列表中选择一项，或在下面的框中填写，不要两处都填。";
                    continue;
                }
            }
            else raw = given.ToString();
            state.Values[field.Name] = raw;
            if (Parse(field, raw.Trim(), out var node) is { } problem) state.Errors[field.Name] = problem;
            else Put(json, field.Name, node); // nested objects always exist: their own required fields are named, not the parent
        }
        object command;
        try
        {
            command = json.Deserialize(type, Web)!;
        }
        catch (JsonException e)
        {
            // a list of dates with a line that is no date: named by the path of the value
            var field = e.Path is { } path ? path.TrimStart('$', '.').Split('[')[0] : "";
            if (state.Values.ContainsKey(field)) state.Errors[field] = "格式不正确（日期请按“年-月-日”填写，每行一个）。";
            else state.Problem = "表单内容格式不正确。";
            return null;
        }
        // the request policy on what could be read: every field's problem is shown at once, a value not of its type first
        foreach (var (field, messages) in RequestRules.Check(command, today))
            if (!state.Values.ContainsKey(Root(field))) state.Problem = ChineseMessages.Translate(messages[0], "-");
            else if (!state.Errors.ContainsKey(Root(field))) state.Errors[Root(field)] = ChineseMessages.Translate(messages[0], state.Value(Root(field)));
        return state.Errors.Count > 0 || state.Problem is not null ? null : command;
    }

    /// <summary><c>items[2]</c> is shown next to <c>items</c>.</summary>
    private static string Root(string field) => field.IndexOf('[') is var i and > 0 ? field[..i] : field;

    private static string? Parse(FormField field, string raw, out JsonNode? node)
    {
        node = null;
        if (raw.Length == 0) return null; // absent: the request policy says whether it is required
        switch (field.Kind)
        {
            case FieldKind.Date:
                if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return "请按“年-月-日”填写日期，如 2025-03-03。";
                node = JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return null;
            case FieldKind.Number:
                if (!decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) return "请填写数字。";
                if (field.Whole && (number != decimal.Truncate(number) || number is > int.MaxValue or < int.MinValue)) return "请填写整数。";
                node = JsonValue.Create(number);
                return null;
            case FieldKind.YesNo:
                node = raw switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => null };
                return null;
            case FieldKind.DateTime:
                // a datetime-local input: the moment as read on a clock in China (UTC+8), the offset written out
                if (!DateTime.TryParseExact(raw, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    return "请按“年-月-日 时:分”填写时间，如 2025-03-03 14:30。";
                node = JsonValue.Create(new DateTimeOffset(local, BusinessClock.ChinaOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                return null;
            case FieldKind.Pairs:
                var pairs = new JsonObject();
                foreach (var line in raw.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
                {
                    var at = line.IndexOfAny(['=', '＝']);
                    if (at <= 0 || at == line.Length - 1) return "每行填写一项，格式为“类别=内容”。";
                    pairs[line[..at].Trim()] = line[(at + 1)..].Trim();
                }
                node = pairs;
                return null;
            case FieldKind.Choices:
            case FieldKind.Lines:
                node = new JsonArray(raw.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
                return null;
            default:
                node = JsonValue.Create(raw);
                return null;
        }
    }

    private static void Put(JsonObject json, string dotted, JsonNode? value)
    {
        var parts = dotted.Split('.');
        var target = json;
        foreach (var part in parts[..^1]) target = (JsonObject)(target[part] ??= new JsonObject());
        if (value is not null) target[parts[^1]] = value;
    }
}
