using CsCheck;
using Disclosure.Domain.Fees;

namespace Disclosure.Domain.Tests.Fees;

public class FeeProperties
{
    private static readonly Gen<int> Pages = Gen.Int[0, 20_000];
    private static readonly Gen<int> Positions = Gen.Int[1, 500];

    [Fact]
    public void More_pages_never_cost_less() =>
        Gen.Select(Pages, Gen.Int[0, 500]).Sample((pages, more) =>
            FeeCalculator.PerPage(pages + more).AmountYuan >= FeeCalculator.PerPage(pages).AmountYuan, iter: 2000);

    [Fact]
    public void A_later_position_in_the_month_never_costs_less() =>
        Gen.Select(Positions, Gen.Int[0, 50]).Sample((n, more) =>
            FeeCalculator.ItemPrice(n + more) >= FeeCalculator.ItemPrice(n), iter: 2000);

    [Fact]
    public void The_per_page_fee_is_the_sum_of_its_printed_lines() =>
        Pages.Sample(pages =>
        {
            var fee = FeeCalculator.PerPage(pages);
            return fee.AmountYuan == fee.Lines.Sum(l => l.AmountYuan)
                   && fee.Lines.All(l => l.AmountYuan == l.Units * l.RateYuan)
                   && fee.Lines.Sum(l => l.Units) == pages;
        }, iter: 2000);

    [Fact]
    public void Beyond_the_30th_item_the_price_follows_100_times_one_plus_the_band() =>
        Gen.Int[31, 1000].Sample(n => FeeCalculator.ItemPrice(n) == 100m * (1 + (int)Math.Ceiling((n - 30) / 10.0)), iter: 1000);
}
