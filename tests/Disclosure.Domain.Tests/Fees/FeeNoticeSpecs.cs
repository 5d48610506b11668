using Disclosure.Domain.Applications;
using Disclosure.Domain.Fees;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Fees;

/// <summary>
/// What a 收费通知 charges (条例第四十二条; 国办函〔2020〕109号): given the agency's policy (or none) and the applicant's earlier
/// applications of the month, when the clerk gives an amount, a basis or nothing, then the fee recorded or the refusal.
/// </summary>
public class FeeNoticeSpecs
{
    private static readonly Application Charged = Case(Received("2025-03-20"));
    private static readonly FeePolicy PerItem = FeePolicy.None with { Charges = true, Method = FeePolicy.PerItem, PaymentInstructions = ["凭本通知到政务服务窗口缴纳"] };
    private static readonly FeePolicy PerPage = PerItem with { Method = FeePolicy.PerPage };

    private static IEnumerable<EarlierApplication> Earlier(int count, Applicant? who = null) =>
        Enumerable.Range(0, count).Select(_ => new EarlierApplication(who ?? Charged.Applicant, D("2025-03-03")));

    private static FeeNoticeRequest Nothing => new(null, null);

    [Fact]
    public void Given_no_policy_when_the_clerk_gives_an_amount_then_it_is_recorded_as_given()
    {
        var charge = FeeNotices.Charge(Charged, null, new(250m, FeeBases.All[0].Code), []);
        Assert.Equal((250m, FeeBases.All[0].Code, (FeeAssessment?)null), (charge.AmountYuan, charge.Basis, charge.Assessment));
    }

    [Fact]
    public void Given_no_policy_when_the_clerk_gives_no_amount_then_the_amount_is_asked_for()
    {
        var refusal = Assert.Throws<Refusal>(() => FeeNotices.Charge(Charged, null, Nothing, []));
        Assert.Equal(("amountYuan", RefusalKind.Invalid), (refusal.Field, refusal.Kind));
        Assert.Equal("The agency has set no fee policy: give the amount (or set the policy, PUT …/settings/fees, to have it computed).", refusal.Message);
    }

    [Fact]
    public void Given_ten_earlier_applications_of_the_month_when_nothing_is_given_then_the_eleventh_pays_100_yuan_per_item()
    {
        var charge = FeeNotices.Charge(Charged, PerItem, Nothing, Earlier(10));
        Assert.Equal((100m, FeePolicy.PerItem), (charge.AmountYuan, charge.Basis));
        Assert.Contains("本自然月第11件", charge.Assessment!.Lines[0].Text);
    }

    [Fact]
    public void Given_the_first_application_of_the_month_then_there_is_nothing_to_pay_and_no_notice()
    {
        var refusal = Assert.Throws<Refusal>(() => FeeNotices.Charge(Charged, PerItem, Nothing, Earlier(9)));
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.StartsWith("Nothing to pay under the agency's fee policy (本自然月第10件", refusal.Message);
        Assert.EndsWith("): no fee notice is sent.", refusal.Message);
    }

    [Fact]
    public void Given_other_applicants_earlier_this_month_then_they_do_not_count()
    {
        var other = Charged.Applicant with { Name = "李四", IdNumber = "110101198501011111", Phone = "13900000000" };
        Assert.Throws<Refusal>(() => FeeNotices.Charge(Charged, PerItem, Nothing, Earlier(20, other)));
    }

    [Fact]
    public void Given_a_policy_when_the_amount_given_differs_from_the_computation_then_it_is_refused_with_the_computation()
    {
        var refusal = Assert.Throws<Refusal>(() => FeeNotices.Charge(Charged, PerItem, new(50m, null), Earlier(10)));
        Assert.Equal("amountYuan", refusal.Field);
        Assert.StartsWith("The fee computed under the agency's policy is 100 yuan (本自然月第11件", refusal.Message);
        Assert.EndsWith("the amount given differs. Leave amountYuan out to take the computed amount.", refusal.Message);
    }

    [Fact]
    public void Given_a_policy_when_the_amount_given_equals_the_computation_then_it_is_taken()
    {
        Assert.Equal(100m, FeeNotices.Charge(Charged, PerItem, new(100m, FeePolicy.PerItem), Earlier(10)).AmountYuan);
    }

    [Fact]
    public void Given_a_per_item_policy_when_the_clerk_gives_per_page_then_one_method_per_application_is_refused()
    {
        var refusal = Assert.Throws<Refusal>(() => FeeNotices.Charge(Charged, PerItem, new(null, FeePolicy.PerPage), Earlier(10)));
        Assert.Equal("basis", refusal.Field);
        Assert.Contains("(per_item); one method per application (国办函〔2020〕109号第三条).", refusal.Message);
    }

    [Fact]
    public void Only_a_charging_per_item_policy_counts_the_month()
    {
        Assert.True(FeeNotices.CountsTheMonth(PerItem));
        Assert.False(FeeNotices.CountsTheMonth(PerPage));
        Assert.False(FeeNotices.CountsTheMonth(PerItem with { Charges = false }));
        Assert.False(FeeNotices.CountsTheMonth(null));
    }

    [Theory]
    [InlineData("2025-03-19", "SP-2025-00009", true)]   // an earlier day of the month
    [InlineData("2025-03-01", "SP-2025-00099", true)]   // the month's first day, whatever the number
    [InlineData("2025-03-20", "SP-2025-00009", true)]   // the same day, registered before
    [InlineData("2025-03-20", "SP-2025-00011", false)]  // the same day, registered after
    [InlineData("2025-03-20", "SP-2025-00010", false)]  // the case itself
    [InlineData("2025-03-21", "SP-2025-00001", false)]  // a later day
    [InlineData("2025-02-28", "SP-2025-00001", false)]  // the month before
    [InlineData("2024-03-05", "SP-2024-00001", false)]  // the same month of another year
    public void Who_counts_as_earlier_this_month(string receivedOn, string number, bool earlier) =>
        Assert.Equal(earlier, FeeNotices.IsEarlierThisMonth(D(receivedOn), number, D("2025-03-20"), "SP-2025-00010"));

    [Fact]
    public void The_natural_month_runs_from_its_first_to_its_last_day() =>
        Assert.Equal((D("2024-02-01"), D("2024-02-29")), FeeNotices.MonthOf(D("2024-02-17")));
}
