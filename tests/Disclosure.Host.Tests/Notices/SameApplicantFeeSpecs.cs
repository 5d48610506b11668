namespace Disclosure.Host.Tests.Notices;

/// <summary>
/// 同一申请人 for the monthly count of 按件 (国办函〔2020〕109号 art. 4), through the API: organisations by the 统一社会信用代码
/// they give as <c>applicant.creditCode</c>, applicants without an ID number by name and phone unless the agency says otherwise.
/// </summary>
public class SameApplicantFeeSpecs(AppFixture fixture) : NoticeScenario(fixture)
{
    private async Task PerItem(bool? unidentifiedCountAlone = null)
    {
        await SetNoticeSettings();
        (await Put($"/api/agencies/{Agency}/settings/fees", new
        {
            charges = true, method = "per_item", paymentInstructions = new[] { "凭本通知到政务服务窗口缴纳" }, unidentifiedCountAlone,
        })).ShouldBe(200);
    }

    private async Task<List<Guid>> ReceiveEleven(Func<int, object> applicant)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 11; i++)
            ids.Add(Guid.Parse((await Post(Base, new { channel = "online", applicant = applicant(i), description = $"园区规划许可第{i}批", receivedOn = "2025-03-03" }))
                .ShouldBe(201).Str("id")));
        return ids;
    }

    private static object Unidentified(int _) => new { category = "natural_person", name = "王五", phone = "139 0000 1111" };

    [Fact]
    public async Task Eleven_applications_with_the_same_name_and_phone_and_no_ID_number_make_the_eleventh_the_eleventh_of_the_month()
    {
        await PerItem();
        var ids = await ReceiveEleven(Unidentified);

        var eleventh = (await Step(ids[10], "fee-notice", new { sentOn = "2025-03-05" })).ShouldBe(200);

        Assert.Equal(100m, eleventh.Json.GetProperty("fee").GetProperty("amountYuan").GetDecimal());
        Assert.Contains("本自然月第11件", (await Document(ids[10], "SP公开费〔2025〕1号")).Body);
    }

    [Fact]
    public async Task An_agency_may_count_applicants_without_an_ID_number_alone()
    {
        await PerItem(unidentifiedCountAlone: true);
        var ids = await ReceiveEleven(Unidentified);

        (await Step(ids[10], "fee-notice", new { sentOn = "2025-03-05" })).ShouldBe(409); // the first of the month: free
    }

    [Fact]
    public async Task An_organisation_is_counted_by_the_credit_code_it_gave_whatever_name_and_phone()
    {
        await PerItem();
        var ids = await ReceiveEleven(i => new { category = "commercial_enterprise", name = i % 2 == 0 ? "某某有限公司" : "某某股份有限公司", phone = $"010-6000{i:00}", creditCode = "91110000MA01ABCD2X" });

        var eleventh = (await Step(ids[10], "fee-notice", new { sentOn = "2025-03-05" })).ShouldBe(200);

        Assert.Equal(100m, eleventh.Json.GetProperty("fee").GetProperty("amountYuan").GetDecimal());
    }
}
