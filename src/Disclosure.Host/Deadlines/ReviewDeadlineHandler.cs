using Disclosure.Host.Cases;
using Disclosure.Host.Reviews;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Disclosure.Host.Deadlines;

/// <summary>Look at one review case's reply deadline: scheduled durably by the write path for the case's earliest alarm day.</summary>
public sealed record CheckReviewDeadlines(string Agency, Guid ReviewId, DateTimeOffset? Due = null);

/// <summary>The scheduled check of a review case, sent to the write path like every other front door (see <see cref="DeadlineHandler"/>).</summary>
public static class ReviewDeadlineHandler
{
    public static void Configure(HandlerChain chain) => DeadlineHandler.Configure(chain);

    public static async Task<CaseAnswer> Handle(CheckReviewDeadlines check, IMessageContext bus, ILoggerFactory logs, CancellationToken ct)
    {
        var answer = await bus.CheckAsync(check.Agency, new ApplyReviewDeadlines { Case = check.ReviewId.ToString() }, ct);
        logs.CreateLogger(typeof(DeadlineHandler).FullName!).LogInformation(
            "Deadline check {CheckId} of {CaseKind} {CaseId} handled: {Recorded} event(s), {Notified} reminder(s)",
            bus.Envelope?.Id, "review", check.ReviewId, answer.Recorded, answer.Notified);
        return answer;
    }
}
