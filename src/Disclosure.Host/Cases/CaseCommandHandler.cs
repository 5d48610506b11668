using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Applications;
using Disclosure.Host.Letters;
using Marten;
using Wolverine;

namespace Disclosure.Host.Cases;

/// <summary>
/// The one handler per case type. Every command of a case arrives here — from an endpoint, the console, a scheduled
/// check or a batch job, always with the agency as the envelope's tenant — and goes through <see cref="CaseWrites"/>.
/// Wolverine opens the session for the tenant, enlists it in its outbox and commits it (transactional middleware), so a
/// command's events, documents and scheduled checks are stored in one transaction, and a stale version is a
/// concurrency failure the caller answers with 409.
/// </summary>
/// <remarks>
/// Where this departs from Wolverine's aggregate handler workflow (<c>[WriteAggregate]</c> returning events), and why:
/// a case is addressed by its id or its tracking number (the workflow loads by a Guid on the command); the answer of a
/// step carries the case's full history, which is read in the same round trip as the stream for writing (the workflow
/// fetches only the aggregate, so the history would cost a second read — or a read after the write); the case is
/// re-folded with the calendar in force before deciding (the stored snapshot carries the clock of the calendar it was
/// stored with); and a refusal is an answer, not an exception, so it neither rolls anything back through exception
/// handling nor lands in the error log. The rest — tenant from the envelope, the outboxed session, the commit, scheduled
/// messages in the same transaction — is Wolverine's.
/// </remarks>
public static class CaseCommandHandler
{
    // a command a job sent leaves the job's mark on the case in the same transaction (handled once, whatever redeliveries)
    public static async Task<CaseAnswer> Handle(CaseCommand<Application> command, IDocumentSession session, IMessageContext bus, CaseWrites writes, CancellationToken ct) =>
        Jobs.JobMark.Record(session, command, await writes.ExecuteAsync(ApplicationKind.Instance, session, bus, command, ct));

    public static async Task<CaseAnswer> Handle(CaseCommand<Letter> command, IDocumentSession session, IMessageContext bus, CaseWrites writes, CancellationToken ct) =>
        Jobs.JobMark.Record(session, command, await writes.ExecuteAsync(LetterKind.Instance, session, bus, command, ct));

    public static async Task<CaseAnswer> Handle(CaseCommand<Domain.Reviews.ReviewCase> command, IDocumentSession session, IMessageContext bus, CaseWrites writes, CancellationToken ct) =>
        Jobs.JobMark.Record(session, command, await writes.ExecuteAsync(Reviews.ReviewKind.Instance, session, bus, command, ct));

    // a page of a job: the commands of one agency's cases in one transaction, each executed one leaving its mark in it
    public static async Task<CaseBatchAnswer> Handle(CaseBatch<Application> batch, IDocumentSession session, IMessageContext bus, CaseWrites writes, CancellationToken ct) =>
        Marked(session, batch.Commands, await writes.ExecuteManyAsync(ApplicationKind.Instance, session, bus, batch.Commands, ct));

    public static async Task<CaseBatchAnswer> Handle(CaseBatch<Letter> batch, IDocumentSession session, IMessageContext bus, CaseWrites writes, CancellationToken ct) =>
        Marked(session, batch.Commands, await writes.ExecuteManyAsync(LetterKind.Instance, session, bus, batch.Commands, ct));

    public static async Task<CaseBatchAnswer> Handle(CaseBatch<Domain.Reviews.ReviewCase> batch, IDocumentSession session, IMessageContext bus, CaseWrites writes, CancellationToken ct) =>
        Marked(session, batch.Commands, await writes.ExecuteManyAsync(Reviews.ReviewKind.Instance, session, bus, batch.Commands, ct));

    private static CaseBatchAnswer Marked(IDocumentSession session, IEnumerable<CaseCommand> commands, IReadOnlyList<CaseAnswer?> answers) =>
        new([.. commands.Zip(answers, (command, answer) => answer is null ? null : Jobs.JobMark.Record(session, command, answer))]);

    public static Task<CaseAnswer> Handle(ReceiveApplication command, IDocumentSession session, IMessageContext bus, CaseWrites writes, CancellationToken ct) =>
        writes.ReceiveAsync(ApplicationKind.Instance, session, bus, command, ct);

    public static Task<CaseAnswer> Handle(SubmitApplication command, IDocumentSession session, IMessageContext bus, CaseWrites writes, CancellationToken ct) =>
        writes.ReceiveAsync(ApplicationKind.Instance, session, bus, command, ct);

    public static Task<CaseAnswer> Handle(ReceiveLetter command, IDocumentSession session, IMessageContext bus, CaseWrites writes, CancellationToken ct) =>
        writes.ReceiveAsync(LetterKind.Instance, session, bus, command, ct);

    public static Task<CaseAnswer> Handle(SubmitLetter command, IDocumentSession session, IMessageContext bus, CaseWrites writes, CancellationToken ct) =>
        writes.ReceiveAsync(LetterKind.Instance, session, bus, command, ct);
}
