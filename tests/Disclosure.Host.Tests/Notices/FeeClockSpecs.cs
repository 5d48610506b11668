namespace Disclosure.Host.Tests.Notices;

/// <summary>
/// The fee clock through the API, with the literal dates of issue #24 (国办函〔2020〕109号): a fee notice after the answer
/// period, the 缴费期限 from the receipt of the 收费通知书, a late payment, and the lapse a handler records.
/// </summary>
public class FeeClockSpecs(AppFixture fixture) : NoticeScenario(fixture)
{
    private void Today(string day) => Clock.Now = new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    /// <summary>Received 2026-10-12 (answer due 2026-11-09), under a 按量 policy: 40 pages cost 100 yuan.</summary>
    private async Task<Guid> ReceivedOctober12()
    {
        Today("2026-10-12");
        return await Receive("2026-10-12");
    }

    private async Task Charging()
    {
        await SetNoticeSettings();
        (await Put($"/api/agencies/{Agency}/settings/fees", new { charges = true, method = "per_page", paymentInstructions = new[] { "凭本通知到政务服务窗口缴纳" } })).ShouldBe(200);
    }

    private async Task<string> FeeNoticeNumber(Guid id) =>
        (await Notices(id)).Json.EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "fee_notice").GetProperty("number").GetString()!;

    private static IEnumerable<string> FeeWaiting(Reply view) =>
        view.Json.GetProperty("deadline").GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("rule").GetString() == "fee_waiting").Select(s => s.GetProperty("text").GetString()!);

    [Fact]
    public async Task A_fee_notice_sent_after_the_answer_period_is_refused_and_the_case_stays_late()
    {
        await Charging();
        var id = await ReceivedOctober12();
        Today("2026-11-16");
        var version = await StreamVersion(Agency, id);

        var refused = (await Step(id, "fee-notice", new { sentOn = "2026-11-16", pages = 40 })).ShouldBe(400);

        Assert.Contains("2026-11-09", refused.Json.GetProperty("errors").GetProperty("sentOn")[0].GetString());
        Assert.Equal(version, await StreamVersion(Agency, id)); // nothing written
        var view = (await Get($"{Base}/{id}")).ShouldBe(200);
        Assert.Equal(("2026-11-09", true), (view.Str("dueOn"), view.Json.GetProperty("overdue").GetBoolean()));
        var work = (await Get($"{Base}/worklist?days=3")).ShouldBe(200);
        Assert.Contains(work.Json.GetProperty("overdue").EnumerateArray(), c => c.GetProperty("id").GetString() == id.ToString());
    }

    [Fact]
    public async Task The_payment_window_counts_from_the_day_after_the_fee_notice_was_signed_for()
    {
        await Charging();
        var id = await ReceivedOctober12();
        Today("2026-10-19");
        (await Step(id, "fee-notice", new { sentOn = "2026-10-19", pages = 40 })).ShouldBe(200);
        Assert.Contains(FeeWaiting((await Get($"{Base}/{id}")).ShouldBe(200)), t => t.Contains("暂按缴费期限届满日 2026-11-16"));

        Today("2026-10-23");
        var url = $"{Base}/{id}/notices/{Uri.EscapeDataString(await FeeNoticeNumber(id))}/delivery";
        var signed = (await Post(url, new { method = "direct", signedOn = "2026-10-23" })).ShouldBe(200);

        Assert.Contains(FeeWaiting(signed), t => t.Contains("暂按缴费期限届满日 2026-11-20") && t.Contains("2026-10-23 收到收费通知"));
        Today("2026-11-20");
        (await Step(id, "fee-lapse", new { on = "2026-11-20" })).ShouldBe(400); // the window runs until the end of 2026-11-20
        (await Step(id, "fee-payment", new { paidOn = "2026-11-18" })).ShouldBe(200).Str("status").ShouldEqual("received");
    }

    [Fact]
    public async Task A_postal_return_receipt_starts_the_window_and_posting_alone_does_not()
    {
        await Charging();
        var id = await ReceivedOctober12();
        Today("2026-10-19");
        (await Step(id, "fee-notice", new { sentOn = "2026-10-19", pages = 40 })).ShouldBe(200);
        var url = $"{Base}/{id}/notices/{Uri.EscapeDataString(await FeeNoticeNumber(id))}/delivery";
        var posted = (await Post(url, new { method = "post", postedOn = "2026-10-19", postalTrackingNumber = "1178 2345 6789" })).ShouldBe(200);
        Assert.Contains(FeeWaiting(posted), t => t.Contains("暂按缴费期限届满日 2026-11-16"));

        Today("2026-10-26");
        var receipt = (await Post(url, new { method = "post", postedOn = "2026-10-19", postalTrackingNumber = "1178 2345 6789", receiptSignedOn = "2026-10-23" })).ShouldBe(200);
        Assert.Contains(FeeWaiting(receipt), t => t.Contains("暂按缴费期限届满日 2026-11-20"));
    }

    [Fact]
    public async Task A_payment_after_the_window_is_refused_never_counts_as_collected_and_the_handler_records_the_lapse()
    {
        await Charging();
        var id = await ReceivedOctober12();
        Today("2026-10-19");
        (await Step(id, "fee-notice", new { sentOn = "2026-10-19", pages = 40 })).ShouldBe(200);

        Today("2026-11-18"); // the nightly check has not run: the business dates decide
        var late = (await Step(id, "fee-payment", new { paidOn = "2026-11-18" })).ShouldBe(400);
        Assert.Contains("2026-11-16", late.Json.GetProperty("errors").GetProperty("paidOn")[0].GetString());

        (await Step(id, "fee-lapse", new { on = "2026-11-16" })).ShouldBe(400); // not before the window has passed
        var lapsed = (await Step(id, "fee-lapse", new { on = "2026-11-17" })).ShouldBe(200);
        Assert.Equal(("abandoned", "other_fee_unpaid"), (lapsed.Str("status"), lapsed.Str("outcome")));
        (await Step(id, "fee-payment", new { paidOn = "2026-11-18" })).ShouldBe(409); // the lapse stands

        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var fees = (await Get($"/api/agencies/{Agency}/reports/2026")).ShouldBe(200).Json.GetProperty("fees");
        Assert.Equal((1, 100m, 0m), (fees.GetProperty("notices").GetInt32(), fees.GetProperty("noticedYuan").GetDecimal(), fees.GetProperty("paidYuan").GetDecimal()));
    }
}
