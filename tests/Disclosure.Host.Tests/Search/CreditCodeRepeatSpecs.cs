
namespace Disclosure.Host.Tests.Search;

/// <summary>An organisation entered with its 统一社会信用代码 (<c>applicant.creditCode</c>) is the same applicant for the repeat check.</summary>
public class CreditCodeRepeatSpecs(AppFixture fixture) : SearchScenario(fixture)
{
    [Fact]
    public async Task An_organisation_is_matched_by_the_credit_code_it_gave()
    {
        var (earlier, _) = await Receive("申请公开2024年部门预算", new { category = "commercial_enterprise", name = "某某有限公司", phone = "010-60000001", creditCode = "91110000MA01ABCD2X" });
        await Indexed();

        var reply = await Apply("申请公开幸福路拓宽改造工程的拆迁补偿协议", new { category = "commercial_enterprise", name = "某某股份有限公司", phone = "010-69999999", creditCode = "91110000ma01abcd2x" });

        var suggestion = Assert.Single(reply.Json.GetProperty("repeats").GetProperty("suggestions").EnumerateArray());
        Assert.Equal((earlier.ToString(), "same_applicant", "credit_code"),
            (suggestion.GetProperty("caseId").GetString(), suggestion.GetProperty("kind").GetString(), suggestion.GetProperty("applicantMatch").GetString()));
        Assert.Contains("统一社会信用代码一致", suggestion.GetProperty("explanation").GetString());
    }
}
