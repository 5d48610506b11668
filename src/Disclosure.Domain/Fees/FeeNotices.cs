using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Fees;

/// <summary>What the clerk gives on a 收费通知: all of it optional under a fee policy, which computes the fee.</summary>
public sealed record FeeNoticeRequest(decimal? AmountYuan, string? Basis, int? Pages = null, string? WaiverReason = null);

/// <summary>The fee a notice states: the amount and basis recorded, and the computation when the agency has a policy.</summary>
public sealed record FeeCharge(decimal AmountYuan, string? Basis, FeeAssessment? Assessment);

/// <summary>
/// 收费通知 (条例第四十二条; 国办函〔2020〕109号): what a fee notice charges. Under the agency's fee policy the amount is
/// computed (<see cref="FeeCalculator"/>) and what the clerk gives must equal the computation; nothing to pay means no
/// notice. An agency that has set no fee policy keeps the earlier contract: the amount and basis given are recorded.
/// </summary>
public static class FeeNotices
{
    /// <summary>
    /// Whether the fee depends on the applicant's earlier applications of the month: only 按件 counts them (art. 4),
    /// so only then are they read.
    /// </summary>
    public static bool CountsTheMonth(FeePolicy? policy) => policy is { Charges: true, Method: FeePolicy.PerItem };

    /// <summary>The natural month (自然月, art. 4) of a receipt date: its first and last day.</summary>
    public static (DateOnly From, DateOnly To) MonthOf(DateOnly receivedOn)
    {
        var from = new DateOnly(receivedOn.Year, receivedOn.Month, 1);
        return (from, from.AddMonths(1).AddDays(-1));
    }

    /// <summary>
    /// Whether an application counts as earlier in the month than the one charged: received in the same natural month on an
    /// earlier day, or on the same day with an earlier tracking number (the order the agency registered them). The case
    /// itself never counts.
    /// </summary>
    public static bool IsEarlierThisMonth(DateOnly receivedOn, string trackingNumber, DateOnly chargedReceivedOn, string chargedNumber) =>
        receivedOn.Year == chargedReceivedOn.Year && receivedOn.Month == chargedReceivedOn.Month &&
        (receivedOn < chargedReceivedOn || (receivedOn == chargedReceivedOn && string.CompareOrdinal(trackingNumber, chargedNumber) < 0));

    /// <summary>
    /// The amount and basis a fee notice records. No policy: the amount (and basis) as given, the amount required. Under a
    /// policy: the computation (<see cref="Assess"/>).
    /// </summary>
    public static FeeCharge Charge(Application app, FeePolicy? policy, FeeNoticeRequest request, IEnumerable<EarlierApplication> earlierThisMonth)
    {
        ApplicationDecider.EnsureReceived(app); // before the amount: an unconfirmed submission is no case to charge (条例第三十一条)
        if (policy is null)
        {
            if (request.AmountYuan is not { } given)
                throw Refusal.Invalid("amountYuan", "The agency has set no fee policy: give the amount (or set the policy, PUT …/settings/fees, to have it computed).");
            return new(given, request.Basis, null);
        }
        var fee = Assess(app, policy, request, earlierThisMonth);
        return new(fee.AmountYuan, fee.Method, fee);
    }

    /// <summary>
    /// The fee under the policy, checked against what the clerk gave: nothing to pay is refused (no fee notice is sent for
    /// nothing), a basis other than the policy's method or an amount other than the computed one is refused with the
    /// computation in the message.
    /// </summary>
    public static FeeAssessment Assess(Application app, FeePolicy policy, FeeNoticeRequest request, IEnumerable<EarlierApplication> earlierThisMonth)
    {
        var position = SameApplicant.PositionInMonth(app.Applicant, app.ReceivedOn, earlierThisMonth, policy);
        var fee = FeeCalculator.Assess(policy, new FeeRequest(app.ReceivedOn, app.Applicant.Category, position, request.Pages, request.WaiverReason));
        var computation = string.Join("；", fee.Lines.Select(l => l.Text)) + "；" + fee.Total;
        if (!fee.IsDue)
            throw Refusal.Conflict($"Nothing to pay under the agency's fee policy ({computation}): no fee notice is sent.");
        if (request.Basis is not null && request.Basis != fee.Method)
            throw Refusal.Invalid("basis", $"The agency's fee policy charges {FeeBases.All.Find(fee.Method)?.Label} ({fee.Method}); one method per application (国办函〔2020〕109号第三条).");
        if (request.AmountYuan is { } given && given != fee.AmountYuan)
            throw Refusal.Invalid("amountYuan", $"The fee computed under the agency's policy is {fee.AmountYuan:0.##} yuan ({computation}); the amount given differs. Leave amountYuan out to take the computed amount.");
        return fee;
    }
}
