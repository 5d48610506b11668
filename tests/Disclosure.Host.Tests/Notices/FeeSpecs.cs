using Marten.Events;

namespace Disclosure.Host.Tests.Notices;

/// <summary>The 信息处理费 computed under the agency's policy (国办函〔2020〕109号), its notice, and section 六 of the report.</summary>
public class FeeSpecs(AppFixture fixture) : NoticeScenario(fixture)
{
    private Task<Reply> SetPolicy(string method) => Put($"/api/agencies/{Agency}/settings/fees", new
    {
        charges = true, method, paymentInstructions = new[] { "缴款方式：凭本通知到本机关政务服务窗口缴纳", "非税收入缴款码：见附页" },
    });

    private static object Fee(object? amountYuan = null, int? pages = null, string sentOn = "2025-03-05") => new { sentOn, amountYuan, pages };

    [Fact]
    public async Task Per_page_the_fee_is_computed_band_by_band_and_shown_in_the_fee_notice()
    {
        await SetNoticeSettings();
        (await SetPolicy("per_page")).ShouldBe(200);
        var small = await Receive();
        var large = await Receive();

        var view = (await Step(small, "fee-notice", Fee(pages: 91))).ShouldBe(200);
        (await Step(large, "fee-notice", Fee(pages: 2219))).ShouldBe(200);

        Assert.Equal(610m, view.Json.GetProperty("fee").GetProperty("amountYuan").GetDecimal());
        Assert.Equal("per_page", view.Json.GetProperty("fee").GetProperty("basis").GetString());
        Assert.Equal(83460m, (await Get($"{Base}/{large}")).Json.GetProperty("fee").GetProperty("amountYuan").GetDecimal());
        var notice = (await Document(small, "SP公开费〔2025〕1号")).ShouldBe(200).Body;
        Assert.Contains("第31—91页：61页×10元=610元", notice);
        Assert.Contains("合计：610元", notice);
        Assert.Contains("缴款方式：凭本通知到本机关政务服务窗口缴纳", notice);
        Assert.Contains("20个工作日内缴纳", notice);
    }

    [Fact]
    public async Task An_amount_given_must_equal_the_computation_and_nothing_to_pay_sends_no_notice()
    {
        await SetNoticeSettings();
        (await SetPolicy("per_page")).ShouldBe(200);
        var id = await Receive();

        var wrong = (await Step(id, "fee-notice", Fee(amountYuan: 600, pages: 91))).ShouldBe(400);
        Assert.Contains("610", wrong.Json.GetProperty("errors").GetProperty("amountYuan")[0].GetString());
        (await Step(id, "fee-notice", new { sentOn = "2025-03-05", pages = 91, basis = "per_item" })).ShouldBe(400);
        (await Step(id, "fee-notice", Fee(pages: 30))).ShouldBe(409); // 30 pages are free
        (await Step(id, "fee-notice", Fee())).ShouldBe(400); // 按量 needs the pages
        (await Step(id, "fee-notice", Fee(amountYuan: 610, pages: 91))).ShouldBe(200);
    }

    [Fact]
    public async Task Per_item_the_applicants_place_in_the_natural_month_sets_the_band()
    {
        await SetNoticeSettings();
        (await SetPolicy("per_item")).ShouldBe(200);
        var march = new List<Guid>();
        for (var i = 0; i < 11; i++) march.Add(await Receive(receivedOn: "2025-03-03"));
        var april = await Receive(receivedOn: "2025-04-01");

        (await Step(march[9], "fee-notice", Fee())).ShouldBe(409); // the 10th is free
        var eleventh = (await Step(march[10], "fee-notice", Fee())).ShouldBe(200);
        (await Step(april, "fee-notice", Fee(sentOn: "2025-04-02"))).ShouldBe(409); // a new month starts again at 1

        Assert.Equal(100m, eleventh.Json.GetProperty("fee").GetProperty("amountYuan").GetDecimal());
        Assert.Contains("本自然月第11件（第11—30件，每件100元）", (await Document(march[10], "SP公开费〔2025〕1号")).Body);
    }

    [Fact]
    public async Task Without_a_fee_policy_the_amount_the_clerk_gives_is_recorded_as_before()
    {
        var id = await Receive();

        (await Step(id, "fee-notice", new { sentOn = "2025-03-05", basis = "per_page" })).ShouldBe(400);
        var view = (await Step(id, "fee-notice", new { sentOn = "2025-03-05", amountYuan = 120, basis = "per_page" })).ShouldBe(200);

        Assert.Equal(120m, view.Json.GetProperty("fee").GetProperty("amountYuan").GetDecimal());
        var policy = (await Get($"/api/agencies/{Agency}/settings/fees")).ShouldBe(200);
        Assert.False(policy.Json.GetProperty("configured").GetBoolean());
        Assert.False(policy.Json.GetProperty("policy").GetProperty("charges").GetBoolean());
    }

    [Fact]
    public async Task A_policy_that_cannot_serve_is_refused_with_its_field()
    {
        var refused = (await Put($"/api/agencies/{Agency}/settings/fees", new { charges = true, method = "per_page" })).ShouldBe(400);
        Assert.True(refused.Json.GetProperty("errors").TryGetProperty("paymentInstructions", out _));
        (await Put($"/api/agencies/{Agency}/settings/fees", new { charges = true, paymentInstructions = new[] { "窗口缴纳" } })).ShouldBe(400);
    }

    [Fact]
    public async Task Section_six_of_the_report_states_the_fee_notices_and_the_amount_paid()
    {
        await SetNoticeSettings();
        (await SetPolicy("per_page")).ShouldBe(200);
        var paid = await Receive();
        var unpaid = await Receive();
        (await Step(paid, "fee-notice", Fee(pages: 91))).ShouldBe(200);
        (await Step(unpaid, "fee-notice", Fee(pages: 40))).ShouldBe(200);
        (await Step(paid, "fee-payment", new { paidOn = "2025-03-10" })).ShouldBe(200);
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));

        var report = (await Get($"/api/agencies/{Agency}/reports/2025")).ShouldBe(200);
        var markdown = (await Get($"/api/agencies/{Agency}/reports/2025?format=md")).ShouldBe(200).Body;
        var html = (await Get($"/api/agencies/{Agency}/reports/2025?format=html")).ShouldBe(200).Body;

        var fees = report.Json.GetProperty("fees");
        Assert.Equal(2, fees.GetProperty("notices").GetInt32());
        Assert.Equal(710m, fees.GetProperty("noticedYuan").GetDecimal());
        Assert.Equal(610m, fees.GetProperty("paidYuan").GetDecimal());
        const string sentence = "本年度发出信息处理费收费通知2件，金额共计710元；实际收取信息处理费610元。";
        Assert.Contains("## 六、其他需要报告的事项\n\n" + sentence, markdown.Replace("\r\n", "\n"));
        Assert.Contains(sentence, html);
        Assert.Equal("本年度未收取信息处理费。", (await Get($"/api/agencies/{Agency}/reports/2024")).Json.GetProperty("fees").GetProperty("text").GetString());
    }
}
