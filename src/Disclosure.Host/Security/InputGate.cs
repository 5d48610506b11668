using Disclosure.Host.Infrastructure;

namespace Disclosure.Host.Security;

/// <summary>
/// The text policy for everything a client puts in the URL: no control character (NUL included) in any query key or
/// value or routed value, and no value longer than <see cref="MaxValueLength"/>; refused with a 400 naming the
/// parameter before any endpoint runs. Request bodies follow the same policy per field (<see cref="TextRules"/>).
/// </summary>
public sealed class InputGate(RequestDelegate next)
{
    public const int MaxValueLength = 200;

    public Task InvokeAsync(HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, values) in context.Request.Query)
        {
            var name = TextRules.HasControlCharacters(key) || key.Length > MaxValueLength ? "query" : key;
            if (name != key) { errors[name] = ["A query parameter name contains control characters or is too long."]; continue; }
            foreach (var value in values)
                if (TextRules.Check(value, MaxValueLength, multiLine: false) is { } problem) errors[key] = [problem];
        }
        foreach (var (key, value) in context.Request.RouteValues)
            if (value is string text && TextRules.Check(text, MaxValueLength, multiLine: false) is { } problem) errors[key] = [problem];
        return errors.Count == 0 ? next(context) : Problems.ValidationResult(errors).ExecuteAsync(context);
    }
}
