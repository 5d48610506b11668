using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Fees;
using Disclosure.Domain.Notices;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>
/// 收费通知 (条例第四十二条; 国办函〔2020〕109号): per item or per page, never both.
/// Under the agency's fee policy (<c>PUT …/settings/fees</c>) the amount is COMPUTED (<see cref="FeeCalculator"/>):
/// <c>amountYuan</c> and <c>basis</c> may be left out; if given they must equal the computation, else the request is refused
/// with the computation in the message. <c>pages</c> is needed for 按量; for 按件 the applicant's place in the natural month
/// is counted from the agency's applications. Nothing to pay (no fee charged, the free band, a waiver) is refused: no fee
/// notice is sent for nothing. The 收费通知书 shows the computation line by line. An agency that has set no fee policy yet
/// keeps the earlier contract: the amount and basis the clerk gives are recorded as given (both required).
/// </summary>
[Step("fee-notice", "收费通知", 70)]
public sealed record SendFeeNotice(
    [property: Required] DateOnly? SentOn,
    [property: Range(typeof(decimal), "0.01", "100000000")] decimal? AmountYuan,
    [property: Codes(typeof(FeeBases))] string? Basis,
    [property: Range(0, 1_000_000)] int? Pages = null,
    [property: Text(500)] string? WaiverReason = null) : ApplicationCommand, IIssuesNotices<Application>
{
    /// <summary>The agency's applications received in the same natural month before this one (按件: 同一申请人 is judged by the policy).</summary>
    [JsonIgnore]
    public IReadOnlyList<EarlierApplication> EarlierThisMonth { get; init; } = [];

    public override IEnumerable<object> Decide(Application current, CaseContext context)
    {
        if (context.Notices.FeePolicy is null)
        {
            if (AmountYuan is null) throw Refusal.Invalid("amountYuan", "The agency has set no fee policy: give the amount (or set the policy, PUT …/settings/fees, to have it computed).");
            return [ApplicationDecider.SendFeeNotice(current, SentOn!.Value, AmountYuan.Value, Basis, context.Today, context.Calendar, context.Settings)];
        }
        var fee = Assess(current, context.Notices.FeePolicy);
        return [ApplicationDecider.SendFeeNotice(current, SentOn!.Value, fee.AmountYuan, fee.Method, context.Today, context.Calendar, context.Settings)];
    }

    public IEnumerable<NoticeModel> Notices(Application after, CaseContext context) => context.Notices.FeePolicy is { } policy
        ? [NoticeDrafts.FeeNotice(after, Assess(after, policy), policy, context.Notices.RequireSettings(), CaseContext.NumberPending, SentOn!.Value)]
        : [];

    /// <summary>The fee under the policy, checked against what the clerk gave.</summary>
    private FeeAssessment Assess(Application app, FeePolicy policy)
    {
        var position = SameApplicant.PositionInMonth(app.Applicant, app.ReceivedOn, EarlierThisMonth, policy);
        var fee = FeeCalculator.Assess(policy, new FeeRequest(app.ReceivedOn, app.Applicant.Category, position, Pages, WaiverReason));
        var computation = string.Join("；", fee.Lines.Select(l => l.Text)) + "；" + fee.Total;
        if (!fee.IsDue)
            throw Refusal.Conflict($"Nothing to pay under the agency's fee policy ({computation}): no fee notice is sent.");
        if (Basis is not null && Basis != fee.Method)
            throw Refusal.Invalid("basis", $"The agency's fee policy charges {FeeBases.All.Find(fee.Method)?.Label} ({fee.Method}); one method per application (国办函〔2020〕109号第三条).");
        if (AmountYuan is { } given && given != fee.AmountYuan)
            throw Refusal.Invalid("amountYuan", $"The fee computed under the agency's policy is {fee.AmountYuan:0.##} yuan ({computation}); the amount given differs. Leave amountYuan out to take the computed amount.");
        return fee;
    }
}

public static class SendFeeNoticeEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/fee-notice", OperationId = "sendFeeNotice", Summary = "收费通知 · Send a fee notice")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, SendFeeNotice cmd, IQuerySession session, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id, EarlierThisMonth = await EarlierThisMonthAsync(session, id, ct) }, ct)).ToResult();

    /// <summary>
    /// The agency's applications received in the case's natural month before it (an earlier day, or the same day with an
    /// earlier tracking number): a plain query, the count of 按件 is rare beside everything else.
    /// </summary>
    public static async Task<IReadOnlyList<EarlierApplication>> EarlierThisMonthAsync(IQuerySession session, string idOrNumber, CancellationToken ct)
    {
        if (await CaseWrites.ResolveAsync<Application>(session, idOrNumber, ct) is not { } id || await session.LoadAsync<Application>(id, ct) is not { } app) return [];
        var start = new DateOnly(app.ReceivedOn.Year, app.ReceivedOn.Month, 1);
        var end = start.AddMonths(1).AddDays(-1);
        var month = await session.Query<Application>().Where(a => a.ReceivedOn >= start && a.ReceivedOn <= end && a.Id != id)
            .Select(a => new { a.Applicant, a.ReceivedOn, a.TrackingNumber }).ToListAsync(ct);
        return month.Where(a => a.ReceivedOn < app.ReceivedOn || (a.ReceivedOn == app.ReceivedOn && string.CompareOrdinal(a.TrackingNumber, app.TrackingNumber) < 0))
            .Select(a => new EarlierApplication(a.Applicant, a.ReceivedOn)).ToList();
    }
}
