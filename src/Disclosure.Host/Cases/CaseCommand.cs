using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;

namespace Disclosure.Host.Cases;

/// <summary>
/// A change to an existing case. Every front door — an endpoint, the console, a scheduled check, a batch job — builds
/// one and sends it through <see cref="CaseBus"/> (the agency on the envelope); <see cref="CaseWrites"/> is the
/// one path that turns it into events.
/// </summary>
public abstract record CaseCommand
{
    /// <summary>The case: its id or its tracking number (from the route, never from the body).</summary>
    [JsonIgnore]
    public string Case { get; init; } = "";

    /// <summary>The version of the case the client saw; a step on a case that moved on since is refused with 409.</summary>
    public long? Version { get; init; }

    /// <summary>Recorded as done by the system (a rule that fired), not by whoever triggered the run.</summary>
    [JsonIgnore]
    public virtual bool BySystem => false;

    /// <summary>The job (<see cref="Jobs.Job"/>) that sent the command: the write path marks the case handled in its transaction.</summary>
    [JsonIgnore]
    public Guid? Job { get; init; }

    /// <summary>A scheduled check consumed its alarm: the next one must be scheduled even when nothing changed.</summary>
    [JsonIgnore]
    public virtual bool SchedulesNextAlarm => false;

    /// <summary>Commands are logged by type only (Wolverine logs a failed invocation with the message): their fields are personal data.</summary>
    public sealed override string ToString() => GetType() is { IsGenericType: true } generic
        ? $"{generic.Name[..generic.Name.IndexOf('`')]}<{string.Join(",", generic.GetGenericArguments().Select(a => a.Name))}>" // ApplyDeadlines<Letter>
        : GetType().Name;
}

/// <summary>A change to an existing case of type <typeparamref name="TCase"/>: a pure decision on the case as it stands.</summary>
public abstract record CaseCommand<TCase> : CaseCommand
{
    /// <summary>
    /// What happened: the case's events, a <see cref="CaseOpened"/> for a case this one opens (a conversion), or
    /// <see cref="DeadlineNotice"/>s for reminders. Refuses by throwing <see cref="Refusal"/>. Pure: it may run twice.
    /// </summary>
    public abstract IEnumerable<object> Decide(TCase current, CaseContext context);

    /// <summary>The kind and year of the tracking number of a case this command opens, if it opens one.</summary>
    public virtual (string Kind, int Year)? NumberFor(TCase current) => null;
}

/// <summary>
/// A step the law ties to a written notice (a decision to its 告知书, a correction request to its 补正告知书…): the write
/// path drafts the notices from the case as the step leaves it and issues them in the same transaction
/// (<see cref="Notices.NoticeIssuing"/>), once the agency has set its notice settings.
/// </summary>
public interface IIssuesNotices<in TCase>
{
    /// <summary>The drafts, numbered <see cref="CaseContext.NumberPending"/>; refuses by throwing <see cref="Refusal"/>. Pure.</summary>
    IEnumerable<Disclosure.Domain.Notices.NoticeModel> Notices(TCase after, CaseContext context);
}

public abstract record ApplicationCommand : CaseCommand<Application>;

public abstract record LetterCommand : CaseCommand<Letter>;

/// <summary>A new case, logged by an intake clerk. An <c>Idempotency-Key</c> makes a retry answer as the first request did.</summary>
public abstract record IntakeCommand<TCase>
{
    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    /// <summary>The kind and year of the case's tracking number.</summary>
    public abstract (string Kind, int Year) Number();

    /// <summary>The case's first event; refuses by throwing <see cref="Refusal"/>. Pure: it runs once before a number is taken.</summary>
    public abstract object Receive(Guid id, CaseContext context);

    /// <summary>Events recorded with the first one (files sent with an online submission); refuses by throwing <see cref="Refusal"/>. Pure.</summary>
    public virtual IEnumerable<object> Following(CaseContext context) => [];

    /// <summary>The intake's answer (the <c>201</c> body), which a retry with the same key gets again.</summary>
    public abstract object Accepted(TCase state);

    /// <summary>
    /// Messages to the outside the new case sends (the tracking number and query code by e-mail): published through the
    /// outbox in the intake's transaction, so they leave only if the case was stored, and are not lost if the node dies.
    /// A replayed intake sends nothing again.
    /// </summary>
    public virtual IEnumerable<object> Outgoing(TCase state) => [];

    public sealed override string ToString() => GetType() is { IsGenericType: true } generic
        ? $"{generic.Name[..generic.Name.IndexOf('`')]}<{string.Join(",", generic.GetGenericArguments().Select(a => a.Name))}>" // ApplyDeadlines<Letter>
        : GetType().Name;
}

/// <summary>
/// Sends every concrete command of a case type — a clerk's step (<see cref="ApplicationCommand"/>, <see cref="LetterCommand"/>)
/// or a system command over either kind (<see cref="Deadlines.ApplyDeadlines{TCase}"/>…) — to the one handler of that
/// case type (<see cref="CaseCommandHandler"/>).
/// </summary>
public sealed class CaseCommandTypes : Wolverine.IHandledTypeRule
{
    public bool TryFindHandledType(Type concreteType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? handlerType)
    {
        handlerType = typeof(CaseCommand<Application>).IsAssignableFrom(concreteType) ? typeof(CaseCommand<Application>)
            : typeof(CaseCommand<Letter>).IsAssignableFrom(concreteType) ? typeof(CaseCommand<Letter>)
            : typeof(CaseCommand<Domain.Reviews.ReviewCase>).IsAssignableFrom(concreteType) ? typeof(CaseCommand<Domain.Reviews.ReviewCase>)
            : null;
        return handlerType is not null;
    }
}
