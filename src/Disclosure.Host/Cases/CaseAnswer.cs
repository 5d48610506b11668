using Disclosure.Domain;
using Disclosure.Host.Infrastructure;

namespace Disclosure.Host.Cases;

public enum CaseOutcome
{
    /// <summary>Events were recorded.</summary>
    Changed,
    /// <summary>The command was accepted and nothing needed recording (a check on a case that moved on).</summary>
    Unchanged,
    /// <summary>A new case was opened.</summary>
    Created,
    /// <summary>A retried intake: the first answer, given again.</summary>
    Replayed,
    NotFound,
    Refused,
    Conflict,
}

/// <summary>
/// What the write path answers to a command. The case's view is built on demand by <see cref="View"/> after the
/// transaction committed, from the events read before the write and the ones just stored (their versions, times and
/// users as stored): no read after the write, and exactly what a later read shows.
/// </summary>
public sealed class CaseAnswer
{
    private readonly Func<object>? _view;

    private CaseAnswer(CaseOutcome outcome, Func<object>? view = null)
    {
        Outcome = outcome;
        _view = view;
    }

    public CaseOutcome Outcome { get; }
    public Guid Id { get; private init; }
    /// <summary>For a problem: the HTTP status, the message for the clerk, and the field it concerns (if any).</summary>
    public int Status { get; private init; } = 200;
    public string? Message { get; private init; }
    /// <summary>The message as its template and values (<see cref="KeyedMessage"/>): what the console translates by key.</summary>
    public KeyedMessage? Text { get; private init; }
    public string? Field { get; private init; }
    /// <summary>Events appended to the case (and to the cases it opened).</summary>
    public int Recorded { get; private init; }
    /// <summary>Reminders recorded.</summary>
    public int Notified { get; private init; }
    /// <summary>The intake's answer (<c>201</c> body), also what a retry with the same key gets.</summary>
    public object? Accepted { get; private init; }
    /// <summary>Cases this command opened, with their first state (a conversion).</summary>
    public IReadOnlyList<OpenedCase> Opened { get; private init; } = [];
    /// <summary>The command as the write path decided it: completed, with the ids it minted (<see cref="IMintsIds{TCase}"/>).</summary>
    public CaseCommand? Command { get; private init; }

    public bool Succeeded => Outcome is CaseOutcome.Changed or CaseOutcome.Unchanged or CaseOutcome.Created or CaseOutcome.Replayed;

    /// <summary>The case with its history, as it stands after the command (only for a command that succeeded).</summary>
    public object View() => _view?.Invoke() ?? throw new InvalidOperationException($"A {Outcome} answer has no view.");

    public static CaseAnswer Done(Guid id, CaseCommand command, bool changed, int recorded, int notified, IReadOnlyList<OpenedCase> opened, Func<object> view) =>
        new(changed ? CaseOutcome.Changed : CaseOutcome.Unchanged, view) { Id = id, Command = command, Recorded = recorded, Notified = notified, Opened = opened };

    public static CaseAnswer Created(Guid id, object accepted, int recorded, Func<object> view) =>
        new(CaseOutcome.Created, view) { Id = id, Accepted = accepted, Status = 201, Recorded = recorded };

    public static CaseAnswer Replayed(Guid id, object accepted) => new(CaseOutcome.Replayed) { Id = id, Accepted = accepted, Status = 201 };

    public static CaseAnswer NotFound(string message) => new(CaseOutcome.NotFound) { Status = 404, Message = message };

    public static CaseAnswer Conflict(string message) => new(CaseOutcome.Conflict) { Status = 409, Message = message };

    public static CaseAnswer Problem(int status, string field, string message) =>
        new(CaseOutcome.Refused) { Status = status, Field = field, Message = message, Text = KeyedMessage.Literal(message) };

    public static CaseAnswer Refused(Refusal refusal) => new(CaseOutcome.Refused)
    {
        Status = refusal.Kind switch { RefusalKind.Invalid => 400, RefusalKind.NotFound => 404, _ => 409 },
        Field = refusal.Field, Message = refusal.Message, Text = refusal.Text,
    };

    public static CaseAnswer LostRace(string noun) =>
        Conflict($"Someone else changed the {noun} at the same moment; nothing was recorded. Reload and try again.");

    /// <summary>The HTTP answer: <paramref name="respond"/> (default 200 with the view) on success, else the problem.</summary>
    public IResult ToResult(Func<CaseAnswer, IResult>? respond = null)
    {
        if (Succeeded) return respond?.Invoke(this) ?? Results.Ok(View());
        return Status switch
        {
            400 => Problems.ValidationResult(new Dictionary<string, string[]> { [Field ?? ""] = [Message!] }),
            404 => Problems.NotFound(Message!),
            409 => Problems.Conflict(Message!),
            _ => Results.Problem(statusCode: Status, title: Status == 422 ? "Idempotency-Key reused." : "The request cannot be carried out.", detail: Message),
        };
    }
}

/// <summary>A case a command opened (a conversion): its id, tracking number and due date.</summary>
public sealed record OpenedCase(Guid Id, string TrackingNumber, DateOnly? DueOn, Func<object> View);
