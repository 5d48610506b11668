using Disclosure.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.Infrastructure;

/// <summary>RFC 9457 problem details in the contract's shape: field errors under <c>errors</c>.</summary>
public static class Problems
{
    public static ValidationProblemDetails Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        new(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Detail = detail ?? string.Join(" ", errors.SelectMany(e => e.Value)),
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };

    public static IResult ValidationResult(IDictionary<string, string[]> errors) => Result(Validation(errors));

    public static IResult NotFound(string detail) => Result(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = detail,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
    });

    public static IResult Forbidden(string detail) => Result(new ProblemDetails
    {
        Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = detail,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
    });

    public static IResult Conflict(string detail) => Result(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict, Title = "The case is not in a state that allows this.", Detail = detail,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
    });

    public static IResult From(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid => ValidationResult(new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] }),
        RefusalKind.NotFound => NotFound(refusal.Message),
        _ => Conflict(refusal.Message),
    };

    private static IResult Result(ProblemDetails problem) =>
        Results.Json(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", problem.Status);

    /// <summary>Collects "required" errors for missing fields of a command.</summary>
    public sealed class Required
    {
        private readonly Dictionary<string, string[]> _errors = new();

        public Required Check(bool present, string field, string? message = null)
        {
            if (!present) _errors[field] = [message ?? $"'{field}' is required."];
            return this;
        }

        public Required Check(string? value, string field, string? message = null) => Check(!string.IsNullOrWhiteSpace(value), field, message);

        public Required Add(IDictionary<string, string[]> errors)
        {
            foreach (var (k, v) in errors) _errors[k] = v;
            return this;
        }

        /// <summary>The Domain's refusal of a decision as its field's error: the rule stays in the Domain, the endpoint only asks it.</summary>
        public Required Ask(Action decide)
        {
            try { decide(); }
            catch (Domain.Refusal refusal) { _errors[refusal.Field] = [refusal.Message]; }
            return this;
        }

        public bool Ok => _errors.Count == 0;

        /// <summary>For Wolverine <c>Validate</c> methods: no problem, or a 400 with every field error.</summary>
        public ProblemDetails Result() => Ok ? Wolverine.Http.WolverineContinue.NoProblems : Validation(_errors);
    }
}
