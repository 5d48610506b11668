using Disclosure.Domain.Applications;
using Disclosure.Domain.Fees;

namespace Disclosure.Domain.Tests.Fees;

/// <summary>按件 counts the same applicant's applications within one natural month; who is "the same" is a setting.</summary>
public class SameApplicantSpecs
{
    private static readonly Applicant Zhang = new("natural_person", "张三", "110101199003071234", "13812345678", null, null);
    private static readonly Applicant Li = new("natural_person", "李四", "110101198501011111", "13900000000", null, null);
    private static readonly Applicant Firm = new("commercial_enterprise", "某某有限公司", "91110000MA01ABCD2X", "010-1234", null, null);
    private static readonly FeePolicy ById = FeePolicy.None with { Charges = true, Method = FeePolicy.PerItem };

    private static IEnumerable<EarlierApplication> Times(int count, Applicant who, DateOnly on) =>
        Enumerable.Range(0, count).Select(_ => new EarlierApplication(who, on));

    private static decimal FeeOf(int position) => FeeCalculator.PerItem(position).AmountYuan;

    [Theory]
    [InlineData(10, 11, 100)]
    [InlineData(29, 30, 100)]
    [InlineData(30, 31, 200)]
    [InlineData(40, 41, 300)]
    public void Given_earlier_applications_this_month_the_next_one_pays_its_band(int earlier, int position, int yuan)
    {
        var n = SameApplicant.PositionInMonth(Zhang, new(2025, 3, 28), Times(earlier, Zhang, new(2025, 3, 2)), ById);
        Assert.Equal((position, (decimal)yuan), (n, FeeOf(n)));
    }

    [Fact]
    public void A_new_month_starts_the_count_again()
    {
        var n = SameApplicant.PositionInMonth(Zhang, new(2025, 4, 1), Times(40, Zhang, new(2025, 3, 31)), ById);
        Assert.Equal((1, 0m), (n, FeeOf(n)));
    }

    [Fact]
    public void The_same_month_of_another_year_does_not_count() =>
        Assert.Equal(1, SameApplicant.PositionInMonth(Zhang, new(2025, 3, 5), Times(15, Zhang, new(2024, 3, 5)), ById));

    [Fact]
    public void Other_applicants_do_not_count() =>
        Assert.Equal(3, SameApplicant.PositionInMonth(Zhang, new(2025, 3, 9), [.. Times(2, Zhang, new(2025, 3, 1)), .. Times(20, Li, new(2025, 3, 1))], ById));

    [Fact]
    public void By_identity_number_a_changed_phone_is_still_the_same_applicant()
    {
        var samePersonNewPhone = Zhang with { Phone = "13000000000" };
        Assert.Equal(6, SameApplicant.PositionInMonth(samePersonNewPhone, new(2025, 3, 9), Times(5, Zhang, new(2025, 3, 1)), ById));
    }

    [Fact]
    public void By_name_and_phone_a_missing_identity_number_does_not_matter()
    {
        var byNamePhone = ById with { PersonsAreSameBy = SameApplicantRules.NameAndPhone };
        var withoutId = Zhang with { IdNumber = null };
        Assert.Equal(6, SameApplicant.PositionInMonth(withoutId, new(2025, 3, 9), Times(5, Zhang, new(2025, 3, 1)), byNamePhone));
    }

    [Fact]
    public void Organisations_are_matched_by_their_unified_social_credit_code()
    {
        var firm = new Applicant("commercial_enterprise", "某某有限公司", null, "010-1234", null, null, CreditCode: "91110000MA01ABCD2X");
        var renamed = firm with { Name = "某某股份有限公司", Phone = "010-9999", CreditCode = "91110000ma01abcd2x" };
        Assert.Equal(4, SameApplicant.PositionInMonth(renamed, new(2025, 3, 9), Times(3, firm, new(2025, 3, 1)), ById));
        var other = firm with { CreditCode = "91110000MA01ABCD3Y" };
        Assert.Equal(1, SameApplicant.PositionInMonth(other, new(2025, 3, 9), Times(3, firm, new(2025, 3, 1)), ById));
    }

    [Fact]
    public void An_organisation_logged_with_its_credit_code_as_identity_number_is_still_matched()
    {
        var typedAsId = Firm with { Name = "某某股份有限公司", IdNumber = "91110000ma01abcd2x" };
        var withCode = Firm with { IdNumber = null, CreditCode = "91110000MA01ABCD2X" };
        Assert.Equal(4, SameApplicant.PositionInMonth(withCode, new(2025, 3, 9), Times(3, typedAsId, new(2025, 3, 1)), ById));
    }

    [Fact]
    public void By_default_applicants_without_an_identity_number_are_counted_by_name_and_phone()
    {
        var anonymous = Zhang with { IdNumber = null };
        // 11 applications with the same name and phone and no ID number in one month: the 11th is 第11件 and pays
        var n = SameApplicant.PositionInMonth(anonymous, new(2025, 3, 9), Times(10, anonymous, new(2025, 3, 1)), ById);
        Assert.Equal((11, 100m), (n, FeeOf(n)));
        // and with the same person's earlier applications that gave the number
        Assert.Equal(6, SameApplicant.PositionInMonth(anonymous, new(2025, 3, 9), Times(5, Zhang, new(2025, 3, 1)), ById));
        // two different ID numbers are two people, whatever the name and phone
        Assert.Equal(1, SameApplicant.PositionInMonth(Zhang with { IdNumber = "110101199003075678" }, new(2025, 3, 9), Times(5, Zhang, new(2025, 3, 1)), ById));
    }

    [Fact]
    public void An_agency_may_count_applicants_without_an_identity_number_alone()
    {
        var anonymous = Zhang with { IdNumber = null };
        var alone = ById with { UnidentifiedCountAlone = true };
        Assert.Equal(1, SameApplicant.PositionInMonth(anonymous, new(2025, 3, 9), Times(30, anonymous, new(2025, 3, 1)), alone));
    }
}
