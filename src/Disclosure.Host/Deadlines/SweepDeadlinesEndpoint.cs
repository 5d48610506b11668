using Disclosure.Host.Infrastructure;
using Disclosure.Host.Jobs;
using Marten;
using Wolverine.Marten;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Deadlines;

public static class SweepDeadlinesEndpoint
{
    /// <summary>
    /// Starts the sweep now (after loading a holiday notice, or to catch up after downtime) as a job: 202 with the job's
    /// location (<c>GET /api/jobs/{id}</c>), where its progress shows page by page.
    /// </summary>
    [WolverinePost("/api/deadlines/sweep", OperationId = "sweepDeadlines", Summary = "立即检查所有期限 · Run the deadline sweep now")]
    [Authorize(Roles = Roles.Administering), Tags("Deadlines")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<Job>(202)]
    public static async Task<IResult> Post(IDocumentStore store, IMartenOutbox outbox, BusinessClock clock, JobSettings settings, HttpContext http, CancellationToken ct) =>
        JobRunner.Accepted(await JobRunner.StartAsync(store, outbox,
            Job.New(DeadlineSweepJob.KindName, null, Cases.Actor.Of(http.User), clock.Now, settings), ct));
}
