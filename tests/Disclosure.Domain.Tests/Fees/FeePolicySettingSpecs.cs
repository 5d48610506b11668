using Disclosure.Domain.Fees;

namespace Disclosure.Domain.Tests.Fees;

/// <summary>What an agency's fee-policy setting puts in force (信息处理费, 国办函〔2020〕109号).</summary>
public class FeePolicySettingSpecs
{
    [Fact]
    public void A_policy_that_charges_keeps_what_it_says_and_takes_the_defaults_for_the_rest()
    {
        var policy = FeePolicy.Decide(true, FeePolicy.PerItem, ["natural_person", "natural_person"], null, null, null,
            ["", " 凭本通知到政务服务窗口缴纳 ", "  "], null);
        Assert.Equal(new FeePolicy(true, FeePolicy.PerItem, ["natural_person"], false, SameApplicantRules.IdNumber, SameApplicantRules.CreditCode,
            ["凭本通知到政务服务窗口缴纳"], false), policy, new PolicyComparer());
    }

    [Fact]
    public void A_policy_that_does_not_charge_needs_no_method_and_no_payment_lines()
    {
        var policy = FeePolicy.Decide(false, null, null, null, null, null, null, null);
        Assert.False(policy.Charges);
        Assert.Equal(FeePolicy.None.Method, policy.Method);
    }

    [Fact]
    public void A_policy_that_charges_must_name_its_method()
    {
        var refusal = Assert.Throws<Refusal>(() => FeePolicy.Decide(true, null, null, null, null, null, ["窗口缴纳"], null));
        Assert.Equal(("method", "Choose the method the agency charges by: per_item (按件) or per_page (按量)."), (refusal.Field, refusal.Message));
    }

    [Theory]
    [InlineData("by_weight", null, "method")]
    [InlineData(FeePolicy.PerPage, "passport", "personsAreSameBy")]
    public void A_setting_that_cannot_serve_is_refused_naming_it(string method, string? persons, string field) =>
        Assert.Equal(field, Assert.Throws<Refusal>(() => FeePolicy.Decide(true, method, null, null, persons, null, ["窗口缴纳"], null)).Field);

    [Fact]
    public void Charging_without_saying_how_to_pay_is_refused() =>
        Assert.Equal("paymentInstructions", Assert.Throws<Refusal>(() => FeePolicy.Decide(true, FeePolicy.PerPage, null, null, null, null, [" "], null)).Field);

    private sealed class PolicyComparer : IEqualityComparer<FeePolicy>
    {
        public bool Equals(FeePolicy? a, FeePolicy? b) => a is not null && b is not null
            && (a.Charges, a.Method, a.CaseWaiverAllowed, a.PersonsAreSameBy, a.OrganisationsAreSameBy, a.UnidentifiedCountAlone)
            == (b.Charges, b.Method, b.CaseWaiverAllowed, b.PersonsAreSameBy, b.OrganisationsAreSameBy, b.UnidentifiedCountAlone)
            && a.WaivedCategories.SequenceEqual(b.WaivedCategories) && a.PaymentInstructions.SequenceEqual(b.PaymentInstructions);

        public int GetHashCode(FeePolicy p) => p.Method.GetHashCode();
    }
}
