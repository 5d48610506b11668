namespace Disclosure.Host.Infrastructure;

/// <summary>The <c>Idempotency-Key</c> header of an intake: a retry with the same key answers as the first request did.</summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    public static string? Of(HttpContext http) => http.Request.Headers[Header].ToString() is { Length: > 0 } key ? key : null;

    public static Dictionary<string, string[]> Check(HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (Of(http) is { } key && TextRules.Check(key, MaxLength, multiLine: false) is { } problem) errors[Header] = [problem];
        return errors;
    }
}
