using Disclosure.Domain.Applications;
using Disclosure.Domain.Search.Repeats;

namespace Disclosure.Domain.Tests.Search;

/// <summary>One applicant, however the form was filled in (条例第三十五条、第三十六条第（六）项 look for the same applicant).</summary>
public class ApplicantKeySpecs
{
    private const string Id = "46010819800101123X";

    private static ApplicantKey Person(string name, string? id, string? phone) => ApplicantKey.Of("natural_person", name, id, phone);

    [Theory]
    [InlineData("46010819800101123x")]
    [InlineData("460108 19800101 123X")]
    [InlineData("460108-19800101-123x")]
    [InlineData("４６０１０８１９８００１０１１２３Ｘ")]
    public void The_same_ID_number_written_differently_is_the_same_applicant(string written) =>
        Assert.Equal(ApplicantMatch.IdNumber, Person("王伟", Id, null).Match(Person("王 伟", written, null)));

    [Theory]
    [InlineData("+86 138 1234 5678")]
    [InlineData("0086-13812345678")]
    [InlineData("(+86)138-1234-5678")]
    [InlineData("8613812345678")]
    [InlineData("１３８１２３４５６７８")]
    public void The_same_name_and_mobile_written_differently_is_the_same_applicant(string written) =>
        Assert.Equal(ApplicantMatch.NameAndPhone, Person("张敏", null, "13812345678").Match(Person(" 张　敏 ", null, written)));

    [Theory]
    [InlineData("(0898)66123456", "0898-6612 3456")]
    [InlineData("+86 898 6612 3456", "0898-66123456")]
    public void A_landline_is_the_same_with_or_without_the_country_code(string a, string b) =>
        Assert.Equal(ApplicantKey.NormalisePhone(a), ApplicantKey.NormalisePhone(b));

    [Fact]
    public void A_name_alone_is_not_the_same_applicant() =>
        Assert.Equal(ApplicantMatch.None, Person("王伟", null, "13812345678").Match(Person("王伟", null, "13900001111")));

    [Fact]
    public void A_phone_alone_is_not_the_same_applicant() =>
        Assert.Equal(ApplicantMatch.None, Person("王伟", null, "13812345678").Match(Person("李娜", null, "13812345678")));

    [Fact]
    public void Different_ID_numbers_with_the_same_name_and_phone_still_match_on_name_and_phone() =>
        Assert.Equal(ApplicantMatch.NameAndPhone, Person("王伟", Id, "13812345678").Match(Person("王伟", "110105199001011234", "13812345678")));

    [Fact]
    public void Names_with_a_middle_dot_match_whichever_dot_was_typed() =>
        Assert.Equal(ApplicantMatch.NameAndPhone, Person("阿依古丽·买买提", null, "13812345678").Match(Person("阿依古丽•买买提", null, "13812345678")));

    [Fact]
    public void An_organisations_applicant_credit_code_is_what_the_repeat_check_and_the_fee_count_compare()
    {
        // entered as the form asks: 统一社会信用代码 in applicant.creditCode, no identity number
        var a = ApplicantKey.Of(new Applicant("commercial_enterprise", "海口某某科技有限公司", null, null, null, null, CreditCode: "91460100MA5T0XXX1Q"));
        var b = ApplicantKey.Of(new Applicant("commercial_enterprise", "海口某某科技公司", null, "0898-1234", null, null, CreditCode: "91460100ma5t0xxx1q"));
        Assert.Equal(ApplicantMatch.CreditCode, a.Match(b));
        Assert.True(a.SameForFees(b, byNameAndPhone: false, countUnidentified: true));
    }

    [Fact]
    public void An_organisation_is_the_same_by_its_unified_social_credit_code()
    {
        var a = ApplicantKey.Of("commercial_enterprise", "海口某某科技有限公司", null, null, "91460100MA5T0XXX1Q");
        var b = ApplicantKey.Of("commercial_enterprise", "海口某某科技公司", null, "0898-1234", "91460100ma5t0xxx1q ");
        Assert.Equal(ApplicantMatch.CreditCode, a.Match(b));
    }

    [Fact]
    public void From_an_application_an_organisations_identity_number_is_its_credit_code()
    {
        var org = ApplicantKey.Of(new Applicant("legal_service_institution", "某律师事务所", "31460000MD0123456X", null, null, null));
        Assert.Equal(("31460000MD0123456X", (string?)null), (org.CreditCode, org.IdNumber));
        var person = ApplicantKey.Of(new Applicant("natural_person", "王伟", Id.ToLowerInvariant(), null, null, null));
        Assert.Equal(Id, person.IdNumber);
    }

    [Fact]
    public void Empty_identities_never_match()
    {
        var blank = Person("", " ", "");
        Assert.Equal(ApplicantMatch.None, blank.Match(Person("", "", "")));
    }

    [Fact]
    public void Its_text_never_shows_the_ID_number()
    {
        var shown = Person("王伟", Id, "13812345678").ToString();
        Assert.DoesNotContain(Id, shown);
        Assert.DoesNotContain("19800101", shown);
        Assert.Contains("4601**********123X", shown);
    }
}
