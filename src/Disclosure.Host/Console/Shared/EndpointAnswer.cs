using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>
/// For the pages that call an API endpoint's own code (agency settings, the calendar, the report's entries — writes that
/// are not cases): the endpoint's answer read back as success, or as messages next to the form's fields.
/// </summary>
public static class EndpointAnswer
{
    /// <summary>True when <paramref name="answer"/> is a problem, which is then shown on <paramref name="form"/>.</summary>
    public static bool Failed(object? answer, FormState form, out int status)
    {
        status = answer switch
        {
            _ when ReferenceEquals(answer, Wolverine.Http.WolverineContinue.NoProblems) => 200,
            ProblemDetails p => p.Status ?? 400,
            IStatusCodeHttpResult r => r.StatusCode ?? 200,
            _ => 200,
        };
        if (status < 400) return false;
        var problem = answer as ProblemDetails ?? (answer as IValueHttpResult)?.Value as ProblemDetails;
        if (problem is ValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            foreach (var (field, messages) in validation.Errors)
                if (form.Values.ContainsKey(field)) form.Errors[field] = ChineseMessages.Translate(messages[0], form.Value(field));
                else form.Problem = ChineseMessages.Translate(messages[0], "-");
        }
        else form.Problem = ChineseMessages.Translate(problem?.Detail ?? "未能保存。", "-");
        return true;
    }
}
