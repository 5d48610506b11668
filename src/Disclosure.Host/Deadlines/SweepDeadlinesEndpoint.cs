using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Deadlines;

public static class SweepDeadlinesEndpoint
{
    /// <summary>Runs the nightly sweep now (after loading a holiday notice, or to catch up after downtime).</summary>
    [WolverinePost("/api/deadlines/sweep", OperationId = "sweepDeadlines", Summary = "立即检查所有期限 · Run the deadline sweep now")]
    [Authorize(Roles = Roles.Administering), Tags("Deadlines")]
    public static Task<SweepResult> Post(IMessageBus bus, CancellationToken ct) => bus.InvokeAsync<SweepResult>(new SweepDeadlines(), ct);
}
