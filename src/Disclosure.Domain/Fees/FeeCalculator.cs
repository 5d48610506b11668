using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Fees;

/// <summary>What the fee of one application depends on.</summary>
/// <param name="ItemPosition">按件: this application's place among the same applicant's applications in its natural month, itself included (<see cref="SameApplicant.PositionInMonth"/>).</param>
/// <param name="Pages">按量: the pages to provide for this application.</param>
/// <param name="WaiverReason">A waiver a clerk recorded on the case, where the policy allows one.</param>
public sealed record FeeRequest(DateOnly ReceivedOn, string ApplicantCategory, int? ItemPosition, int? Pages, string? WaiverReason = null);

/// <summary>
/// 信息处理费 (条例第四十二条; 《政府信息公开信息处理费管理办法》国办函〔2020〕109号). Both methods rise in bands (超额累进);
/// one method per application (art. 3).
/// </summary>
public static class FeeCalculator
{
    /// <summary>Fees apply to applications received from this day (黑龙江、河南 finance notices implementing 国办函〔2020〕109号).</summary>
    public static readonly DateOnly FeesApplyFrom = new(2021, 1, 1);

    /// <summary>按量 bands (art. 5), each priced on its own portion: pages 1–30 free, 31–100 ¥10, 101–200 ¥20, 201+ ¥40.</summary>
    private static readonly (int From, int To, decimal Rate)[] PageBands =
        [(1, 30, 0m), (31, 100, 10m), (101, 200, 20m), (201, int.MaxValue, 40m)];

    /// <summary>
    /// 按件 (art. 4): the price of the n-th application of one applicant in one natural month. 1–10 free; 11–30 ¥100;
    /// from the 31st each further band of 10 costs ¥100 more: price(n) = 100·(1+⌈(n−30)/10⌉).
    /// </summary>
    public static decimal ItemPrice(int position)
    {
        if (position < 1) throw Refusal.Invalid("itemPosition", $"The position of an application in its month starts at 1; {position} given.");
        if (position <= 10) return 0m;
        if (position <= 30) return 100m;
        return 100m * (1 + (position - 30 + 9) / 10);
    }

    public static FeeAssessment PerItem(int position)
    {
        var price = ItemPrice(position);
        var (from, to) = ItemBand(position);
        var band = $"第{from}—{to}件";
        var text = price == 0
            ? $"本自然月第{position}件（{band}）：免费"
            : $"本自然月第{position}件（{band}，每件{Yuan.Format(price)}元）：1件×{Yuan.Format(price)}元={Yuan.Format(price)}元";
        return new(FeePolicy.PerItem, price, [new FeeLine(text, 1, price, price)], null);
    }

    public static FeeAssessment PerPage(int pages)
    {
        if (pages < 0) throw Refusal.Invalid("pages", $"The number of pages cannot be negative; {pages} given.");
        var lines = new List<FeeLine>();
        foreach (var (from, to, rate) in PageBands)
        {
            if (pages < from) break;
            var last = Math.Min(pages, to);
            var count = last - from + 1;
            var amount = count * rate;
            lines.Add(new FeeLine(rate == 0
                ? $"第{from}—{last}页：{count}页，免费"
                : $"第{from}—{last}页：{count}页×{Yuan.Format(rate)}元={Yuan.Format(amount)}元", count, rate, amount));
        }
        return new(FeePolicy.PerPage, lines.Sum(l => l.AmountYuan), lines, null);
    }

    /// <summary>The fee of one application under the agency's policy, or a refusal saying why none can be computed.</summary>
    public static FeeAssessment Assess(FeePolicy policy, FeeRequest request)
    {
        policy.Validated();
        if (!policy.Charges)
            return new(policy.Method, 0m, [new FeeLine("本机关不收取信息处理费（条例第四十二条第一款）", 0, 0m, 0m)], null);
        if (request.ReceivedOn < FeesApplyFrom)
            throw Refusal.Invalid("receivedOn",
                $"No information-processing fee for an application received on {request.ReceivedOn:yyyy-MM-dd}: fees apply to applications received from {FeesApplyFrom:yyyy-MM-dd} (国办函〔2020〕109号).");

        if (policy.WaivedCategories.Contains(request.ApplicantCategory))
            return Waived(policy, $"申请人类别“{ApplicantCategories.All.Find(request.ApplicantCategory)?.Label}”属本机关减免范围");
        if (!string.IsNullOrWhiteSpace(request.WaiverReason))
        {
            if (!policy.CaseWaiverAllowed)
                throw Refusal.Invalid("waiverReason", "The agency's fee policy does not allow waiving the fee of a single case.");
            return Waived(policy, request.WaiverReason.Trim());
        }

        return policy.Method switch
        {
            FeePolicy.PerItem => PerItem(request.ItemPosition
                ?? throw Refusal.Invalid("itemPosition", "按件计收 needs the application's position among the applicant's applications of the month.")),
            _ => PerPage(request.Pages
                ?? throw Refusal.Invalid("pages", "按量计收 needs the number of pages to provide.")),
        };
    }

    /// <summary>The band a position falls in, as printed: (1,10), (11,30), (31,40), (41,50)…</summary>
    private static (int From, int To) ItemBand(int position) => position switch
    {
        <= 10 => (1, 10),
        <= 30 => (11, 30),
        _ => (31 + (position - 31) / 10 * 10, 40 + (position - 31) / 10 * 10),
    };

    private static FeeAssessment Waived(FeePolicy policy, string because) =>
        new(policy.Method, 0m, [new FeeLine($"减免：{because}", 0, 0m, 0m)], because);
}
