using Disclosure.Domain.Agencies;

namespace Disclosure.Domain.Tests.Agencies;

public class AgencyCodeSpecs
{
    [Theory]
    [InlineData("bench-seed", "BS", "BS2", "BS3")]
    [InlineData("heldout-sh-office-232500", "HSO2", "HSO2B", "HSO2C")]
    [InlineData("sanchang-park", "SP", "SP2", "SP3")]
    [InlineData("a", "AX", "AX2", "AX3")]
    [InlineData("abcdefghijklmnop", "ABCDEFGHIJKL", "ABCDEFGHIJK2", "ABCDEFGHIJK3")]
    public void The_default_codes_are_the_initials_then_the_initials_with_a_suffix(string id, string first, string second, string third) =>
        Assert.Equal([first, second, third], AgencyRules.DefaultCodes(id).Take(3));

    [Theory]
    [InlineData("bench-search")]
    [InlineData("heldout-sh-office-232933")]
    [InlineData("abcdefghijklmnop")]
    [InlineData("a-b-c-d-e-f-g-h-i-j-k-l-m")]
    public void The_default_codes_are_valid_codes_and_never_repeat(string id)
    {
        var codes = AgencyRules.DefaultCodes(id).Take(2000).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Empty(AgencyRules.Validate(id, "机关", c)));
    }

    [Fact]
    public void The_first_free_code_skips_every_taken_one()
    {
        Assert.Equal("BS", AgencyRules.FirstFreeCode("bench-search", new HashSet<string>()));
        Assert.Equal("BS3", AgencyRules.FirstFreeCode("bench-search", new HashSet<string> { "BS", "BS2", "SP" }));
        Assert.Equal("HSO2B", AgencyRules.FirstFreeCode("heldout-sh-office-232933", new HashSet<string> { "HSO2" }));
    }
}
