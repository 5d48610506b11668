using Disclosure.Domain;

namespace Disclosure.Host.Cases;

/// <summary>
/// The commands a page of a job sends to the cases of one agency and kind (the nightly sweep, a re-derivation, a year-end
/// close), handled in one transaction by the write path (<see cref="CaseWrites.ExecuteManyAsync{TCase}"/>): the page's
/// cases are read together, each command is decided on its case by the same Domain code as when sent alone, and a case on
/// which it would record nothing is left alone — no write, no mark. Sent through <see cref="CaseBus.SendBatchAsync"/>.
/// </summary>
/// <remarks>
/// Why a page is not a command per case (what the sweep did until #25): at 100,000 open cases each command was its own
/// handler invocation, read and transaction — 3.6 commits and ~4 ms of host CPU per case, most of it on cases where
/// nothing falls due. All or nothing: a lost race on any of its cases rolls the whole batch back, and the job sends that
/// page's commands one by one as before (<see cref="Jobs.JobKind.SendBatchedAsync"/>).
/// </remarks>
public sealed record CaseBatch<TCase>(IReadOnlyList<CaseCommand<TCase>> Commands) where TCase : class, ITrackedCase;

/// <summary>
/// One answer per command of the batch, in its order: the write path's answer, or null for a case the command left alone
/// (read, decided, nothing to record).
/// </summary>
public sealed record CaseBatchAnswer(IReadOnlyList<CaseAnswer?> Answers);
