namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>
/// 错误摘要, as the best public-service forms do it (the GOV.UK error summary): every message a page shows next to a field
/// or above a form is recorded here while the page renders; the layout, which Razor renders after the page, lists them at
/// the top of the page — each a link to its field — in a box with <c>role=alert</c> that takes the focus. A form drawn
/// with <c>_Field</c> needs nothing else; a hand-written field records its message with <see cref="Field"/>.
/// Forms carry <c>novalidate</c>: the browser's own check would stop the submit with a bubble that names no field and
/// lists one problem at a time; the server's answer names every field at once and keeps what was typed.
/// </summary>
public sealed class ErrorSummary
{
    private const string Key = "console.error-summary";
    private readonly List<(string? Href, string Text)> _items = [];

    public IReadOnlyList<(string? Href, string Text)> Items => _items;

    /// <summary>The summary of this request's page, null while nothing was refused.</summary>
    public static ErrorSummary? Find(HttpContext http) => http.Items[Key] as ErrorSummary;

    private static ErrorSummary Of(HttpContext http) => (ErrorSummary)(http.Items[Key] ??= new ErrorSummary());

    /// <summary>A field's message as the field shows it (naming the field), recorded for the summary with a link to the input.</summary>
    public static string Field(HttpContext http, string inputId, string label, string message, bool choice = false)
    {
        var named = Named(label, message, choice);
        Of(http)._items.Add(("#" + inputId, named.Contains(label, StringComparison.Ordinal) ? named : $"{label}：{named}"));
        return named;
    }

    /// <summary>A message about a whole form (a conflict, a lookup that found nothing), recorded for the summary.</summary>
    public static string Problem(HttpContext http, string text, string? href = null)
    {
        Of(http)._items.Add((href, text));
        return text;
    }

    /// <summary>
    /// The message a field shows: the request policy's "required" answer is one sentence for every field
    /// (<c>请填写此项。</c>), which read alone — in the summary, by a screen reader — names nothing; it becomes
    /// “请填写<i>字段</i>。” (“请选择<i>字段</i>。” for a list). Other messages already say what is wrong with the value.
    /// </summary>
    public static string Named(string label, string message, bool choice = false) => message switch
    {
        "请填写此项。" => choice ? $"请选择{label}。" : $"请填写{label}。",
        "请从列表中选择。" => $"请从列表中选择{label}。",
        _ => message,
    };
}
