using Disclosure.Domain;
using Disclosure.Domain.Reviews;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Notices;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Disclosure.Host.Reviews;

/// <summary>
/// Build the evidence bundle of a review's reply and keep it with the review: sent by <see cref="FileReviewReply"/> after the
/// reply is stored (<see cref="AfterCommit"/>, durably), handled once it commits, retried while the printer fails.
/// </summary>
public sealed record BuildReviewEvidence(string Agency, Guid ReviewId);

/// <summary>The kept bytes of a review's evidence bundle (证据材料), stored with its <see cref="ReviewEvidenceKept"/> event; the id is the review's.</summary>
public sealed class ReviewEvidencePdf
{
    public Guid Id { get; set; }
    public byte[] Pdf { get; set; } = [];
    public string FileName { get; set; } = "";
}

/// <summary>
/// Why at the reply, not at the decision: the agency files its 证据、依据 with its reply (行政复议法第四十八条; 行政诉讼法第六十七条)
/// and may not collect more once the review runs (行政复议法第四十六条; 行政诉讼法第三十五条), so what the 复议机关 or court decides
/// on is what was filed then — the application as it stood when the reply was recorded.
/// Built once, from the events: the same bundle whatever is recorded on the application later.
/// </summary>
public static class BuildReviewEvidenceHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException().ScheduleRetry(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

    public static async Task Handle(BuildReviewEvidence message, IDocumentStore store, CalendarStore calendars, NoticePrinter printer, KeptPdfs pdfs,
        BusinessClock clock, IMessageBus bus, CancellationToken ct)
    {
        await using var session = store.QuerySession(message.Agency);
        if (await session.LoadAsync<ReviewCase>(message.ReviewId, ct) is not { RepliedOn: not null, EvidenceBundle: null } review) return; // kept already, or erased
        var history = await session.Events.FetchStreamAsync(message.ReviewId, token: ct);
        // the instant the reply was recorded: the application as the agency's file held it when it filed its reply (a
        // recorded instant, like every ?asOf=; a business date would cut off steps recorded later about earlier days)
        var at = history.Last(e => e.Data is ReviewReplyFiled).Timestamp;
        var bundle = await EvidenceBundle.BuildAsync(store, calendars, printer, pdfs, clock, message.Agency, review.ApplicationId.ToString(), at, ct);
        if (bundle.Pdf is null) throw new InvalidOperationException($"The evidence bundle of review {review.TrackingNumber} could not be built.");
        var answer = await bus.SendAsync(message.Agency, new KeepReviewEvidence(bundle.Pdf, at, bundle.FileName!) { Case = review.Id.ToString() }, ct);
        // refused: another delivery kept it meanwhile (never replaced); a lost race on the review is tried again
        if (answer.Outcome == CaseOutcome.Conflict)
            throw new InvalidOperationException($"Keeping the evidence bundle of review {review.TrackingNumber} was answered {answer.Outcome}.");
    }
}

/// <summary>The evidence bundle kept with the review: its event (SHA-256, length, pages) and its bytes, in one transaction.</summary>
[NoStep("the bundle is built and kept by the system when the reply is filed")]
public sealed record KeepReviewEvidence(byte[] Pdf, DateTimeOffset AsOf, string FileName) : ReviewCommand
{
    public override bool BySystem => true;

    public override IEnumerable<object> Decide(ReviewCase current, CaseContext context)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(Pdf);
        var kept = ReviewDecider.KeepEvidence(current, AsOf, Pdf, document.NumberOfPages, context.Today);
        return [kept, new KeptWithCase(new ReviewEvidencePdf { Id = current.Id, Pdf = Pdf, FileName = FileName })];
    }
}
