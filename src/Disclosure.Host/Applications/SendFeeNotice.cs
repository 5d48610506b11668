using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Fees;
using Disclosure.Domain.Notices;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
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
/// is counted from the agency's applications, read by the write path for every front door. The rules are the Domain's
/// (<see cref="FeeNotices"/>). Nothing to pay (no fee charged, the free band, a waiver) is refused: no fee
/// notice is sent for nothing. The 收费通知书 shows the computation line by line. An agency that has set no fee policy yet
/// keeps the earlier contract: the amount and basis the clerk gives are recorded as given (both required).
/// </summary>
[Step("fee-notice", "收费通知", 70)]
public sealed record SendFeeNotice(
    [property: Required] DateOnly? SentOn,
    [property: Range(typeof(decimal), "0.01", "100000000")] decimal? AmountYuan,
    [property: Codes(typeof(FeeBases))] string? Basis,
    [property: Range(0, 1_000_000)] int? Pages = null,
    [property: Text(500)] string? WaiverReason = null) : ApplicationCommand, IIssuesNotices<Application>, ICompletedByWritePath<Application>
{
    // the console's sample (Step): the amount left to the Domain's computation, so only the case and the policy decide
    public static SendFeeNotice Sample(DateOnly today) => new(today, null, null);
    /// <summary>The applicant's earlier applications of the natural month (按件), read by the write path (<see cref="Needs"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<EarlierApplication> EarlierThisMonth { get; init; } = [];

    private FeeNoticeRequest Request => new(AmountYuan, Basis, Pages, WaiverReason);

    public CaseNeeds Needs(Application current, CaseContext context) =>
        FeeNotices.CountsTheMonth(context.Notices.FeePolicy) ? new(EarlierThisMonthThan: current) : CaseNeeds.None;

    public CaseCommand<Application> CompleteWith(CaseFound found) => this with { EarlierThisMonth = found.EarlierThisMonth };

    public override IEnumerable<object> Decide(Application current, CaseContext context)
    {
        var fee = FeeNotices.Charge(current, context.Notices.FeePolicy, Request, EarlierThisMonth);
        return [ApplicationDecider.SendFeeNotice(current, SentOn!.Value, fee.AmountYuan, fee.Basis, context.Today, context.Calendar, context.Settings)];
    }

    public IEnumerable<NoticeModel> Notices(Application after, CaseContext context) => context.Notices.FeePolicy is { } policy
        ? [NoticeDrafts.FeeNotice(after, FeeNotices.Assess(after, policy, Request, EarlierThisMonth), policy, context.Notices.RequireSettings(), CaseContext.NumberPending, SentOn!.Value)]
        : [];
}

public static class SendFeeNoticeEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/fee-notice", OperationId = "sendFeeNotice", Summary = "收费通知 · Send a fee notice")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, SendFeeNotice cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
