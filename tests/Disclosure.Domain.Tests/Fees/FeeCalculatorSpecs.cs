using Disclosure.Domain.Fees;

namespace Disclosure.Domain.Tests.Fees;

/// <summary>国办函〔2020〕109号: 按量 per application, 按件 per applicant and natural month, one method per application.</summary>
public class FeeCalculatorSpecs
{
    private static readonly DateOnly March2025 = new(2025, 3, 3);

    private static FeePolicy Charging(string method) =>
        FeePolicy.None with { Charges = true, Method = method, PaymentInstructions = ["非税收入缴款码见本通知附件"] };

    [Fact]
    public void Given_2219_pages_the_fee_is_83460_yuan_band_by_band()
    {
        var fee = FeeCalculator.PerPage(2219);
        Assert.Equal(83460m, fee.AmountYuan);
        Assert.Equal(
            ["第1—30页：30页，免费", "第31—100页：70页×10元=700元", "第101—200页：100页×20元=2000元", "第201—2219页：2019页×40元=80760元"],
            fee.Lines.Select(l => l.Text));
        Assert.Equal("合计：83460元", fee.Total);
    }

    [Fact]
    public void Given_91_pages_the_fee_is_610_yuan()
    {
        var fee = FeeCalculator.PerPage(91);
        Assert.Equal(610m, fee.AmountYuan);
        Assert.Equal("第31—91页：61页×10元=610元", fee.Lines[^1].Text);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 0)]
    [InlineData(31, 10)]
    [InlineData(100, 700)]
    [InlineData(101, 720)]
    [InlineData(200, 2700)]
    [InlineData(201, 2740)]
    public void Each_page_band_is_priced_on_its_own_portion(int pages, int yuan) =>
        Assert.Equal(yuan, FeeCalculator.PerPage(pages).AmountYuan);

    [Fact]
    public void Thirty_pages_or_fewer_cost_nothing_and_call_for_no_notice()
    {
        var fee = FeeCalculator.PerPage(30);
        Assert.False(fee.IsDue);
        Assert.Equal("第1—30页：30页，免费", Assert.Single(fee.Lines).Text);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(10, 0)]
    [InlineData(11, 100)]
    [InlineData(30, 100)]
    [InlineData(31, 200)]
    [InlineData(40, 200)]
    [InlineData(41, 300)]
    [InlineData(50, 300)]
    [InlineData(51, 400)]
    public void The_nth_application_of_a_month_pays_the_price_of_its_own_band(int position, int yuan) =>
        Assert.Equal(yuan, FeeCalculator.PerItem(position).AmountYuan);

    [Fact]
    public void The_item_line_names_the_position_and_its_band()
    {
        Assert.Equal("本自然月第41件（第41—50件，每件300元）：1件×300元=300元", Assert.Single(FeeCalculator.PerItem(41).Lines).Text);
        Assert.Equal("本自然月第10件（第1—10件）：免费", Assert.Single(FeeCalculator.PerItem(10).Lines).Text);
    }

    [Fact]
    public void An_agency_that_does_not_charge_computes_no_fee()
    {
        var fee = FeeCalculator.Assess(FeePolicy.None, new FeeRequest(March2025, "natural_person", 45, 2219));
        Assert.Equal(0m, fee.AmountYuan);
        Assert.False(fee.IsDue);
        Assert.Contains("不收取", Assert.Single(fee.Lines).Text);
    }

    [Fact]
    public void The_policy_method_decides_which_count_is_charged()
    {
        var request = new FeeRequest(March2025, "natural_person", 11, 91);
        Assert.Equal((FeePolicy.PerPage, 610m), Pair(FeeCalculator.Assess(Charging(FeePolicy.PerPage), request)));
        Assert.Equal((FeePolicy.PerItem, 100m), Pair(FeeCalculator.Assess(Charging(FeePolicy.PerItem), request)));

        static (string, decimal) Pair(FeeAssessment a) => (a.Method, a.AmountYuan);
    }

    [Fact]
    public void An_application_received_before_2021_is_refused_a_fee()
    {
        var r = Assert.Throws<Refusal>(() => FeeCalculator.Assess(Charging(FeePolicy.PerPage), new FeeRequest(new(2020, 12, 31), "natural_person", null, 500)));
        Assert.Equal((RefusalKind.Invalid, "receivedOn"), (r.Kind, r.Field));
        Assert.Contains("2021-01-01", r.Message);
    }

    [Fact]
    public void An_application_received_on_1_January_2021_can_be_charged() =>
        Assert.Equal(610m, FeeCalculator.Assess(Charging(FeePolicy.PerPage), new FeeRequest(new(2021, 1, 1), "natural_person", null, 91)).AmountYuan);

    [Fact]
    public void The_count_the_method_needs_is_required()
    {
        Assert.Equal("pages", Assert.Throws<Refusal>(() => FeeCalculator.Assess(Charging(FeePolicy.PerPage), new FeeRequest(March2025, "natural_person", 12, null))).Field);
        Assert.Equal("itemPosition", Assert.Throws<Refusal>(() => FeeCalculator.Assess(Charging(FeePolicy.PerItem), new FeeRequest(March2025, "natural_person", null, 40))).Field);
    }

    [Fact]
    public void A_waived_applicant_category_pays_nothing_and_the_line_says_why()
    {
        var policy = Charging(FeePolicy.PerPage) with { WaivedCategories = ["public_interest_organization"] };
        var fee = FeeCalculator.Assess(policy, new FeeRequest(March2025, "public_interest_organization", null, 2219));
        Assert.Equal(0m, fee.AmountYuan);
        Assert.Contains("社会公益组织", fee.WaivedBecause);
    }

    [Fact]
    public void A_waiver_on_the_case_applies_only_where_the_policy_allows_it()
    {
        var request = new FeeRequest(March2025, "natural_person", null, 2219, "申请人持有最低生活保障证明");
        Assert.Equal("waiverReason", Assert.Throws<Refusal>(() => FeeCalculator.Assess(Charging(FeePolicy.PerPage), request)).Field);
        var fee = FeeCalculator.Assess(Charging(FeePolicy.PerPage) with { CaseWaiverAllowed = true }, request);
        Assert.Equal((0m, "申请人持有最低生活保障证明"), (fee.AmountYuan, fee.WaivedBecause));
    }

    [Theory]
    [InlineData("per_volume", "method")]
    [InlineData("per_page", "personsAreSameBy", "passport_only")]
    public void A_policy_with_an_unknown_setting_is_refused_naming_it(string method, string field, string persons = SameApplicantRules.IdNumber) =>
        Assert.Equal(field, Assert.Throws<Refusal>(() => (Charging(method) with { PersonsAreSameBy = persons }).Validated()).Field);

    [Fact]
    public void A_charging_policy_must_say_how_to_pay() =>
        Assert.Equal("paymentInstructions", Assert.Throws<Refusal>(() => (Charging(FeePolicy.PerPage) with { PaymentInstructions = [] }).Validated()).Field);

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Equal("pages", Assert.Throws<Refusal>(() => FeeCalculator.PerPage(-1)).Field);
        Assert.Equal("itemPosition", Assert.Throws<Refusal>(() => FeeCalculator.PerItem(0)).Field);
    }
}
