using Disclosure.Host.Infrastructure;
using Wolverine;

namespace Disclosure.Host.Cases;

/// <summary>How a front door sends a command to the write path of one agency's cases.</summary>
public static class CaseBus
{
    /// <summary>
    /// Sends <paramref name="command"/> with the agency as the envelope's tenant and waits for the answer. A writer that
    /// committed a change to the same case first makes the commit fail: that is a 409, nothing of this command is stored.
    /// </summary>
    public static async Task<CaseAnswer> SendAsync(this IMessageBus bus, string agency, object command, CancellationToken ct)
    {
        try
        {
            return await bus.InvokeForTenantAsync<CaseAnswer>(agency, command, ct);
        }
        catch (Exception e) when (StorageConflict.Is(e))
        {
            return CaseAnswer.LostRace(command is CaseCommand<Domain.Letters.Letter> or Letters.ReceiveLetter or Letters.SubmitLetter ? "letter"
                : command is CaseCommand<Domain.Reviews.ReviewCase> ? "review" : "application");
        }
    }

    /// <summary>How long a scheduled check or the sweep waits before looking again at a case it lost a race on.</summary>
    private static readonly TimeSpan[] CheckRetries = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    /// <summary>
    /// A deadline check (scheduled or the sweep), sent like every other command: a lost race is an answer, not an
    /// exception, and the check looks again — the winner's step may have changed what falls due — a few times.
    /// </summary>
    public static async Task<CaseAnswer> CheckAsync(this IMessageBus bus, string agency, CaseCommand command, CancellationToken ct)
    {
        var answer = await bus.SendAsync(agency, command, ct);
        foreach (var pause in CheckRetries)
        {
            if (answer.Outcome != CaseOutcome.Conflict) break;
            await Task.Delay(pause, ct);
            answer = await bus.SendAsync(agency, command, ct);
        }
        return answer;
    }

    /// <summary>
    /// A page's commands to one agency's cases of one kind (<see cref="CaseBatch{TCase}"/>, from <see cref="CaseKind.Batch"/>), in one transaction: the answers
    /// in the commands' order, or null when a writer changed one of the cases first and the whole batch rolled back (the
    /// caller then sends the commands one by one, <see cref="Jobs.JobKind.SendBatchedAsync"/>).
    /// </summary>
    public static async Task<CaseBatchAnswer?> SendBatchAsync(this IMessageBus bus, string agency, object batch, CancellationToken ct)
    {
        try
        {
            return await bus.InvokeForTenantAsync<CaseBatchAnswer>(agency, batch, ct);
        }
        catch (Exception e) when (StorageConflict.Is(e))
        {
            return null;
        }
    }

    /// <summary>An intake: two requests racing with the same <c>Idempotency-Key</c> make one case, the loser answers as the winner did.</summary>
    public static async Task<CaseAnswer> ReceiveAsync(this IMessageBus bus, string agency, object intake, CancellationToken ct)
    {
        var answer = await bus.SendAsync(agency, intake, ct);
        return answer.Outcome == CaseOutcome.Conflict ? await bus.SendAsync(agency, intake, ct) : answer;
    }
}
