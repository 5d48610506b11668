namespace Disclosure.Host.Tests.Notices;

/// <summary>The PDF the applicant receives, and the delivery (送达) of a notice as events on the case.</summary>
public class DeliverySpecs(AppFixture fixture) : NoticeScenario(fixture)
{
    [Fact]
    public async Task The_answer_notice_is_printed_to_a_PDF_that_carries_its_Chinese_text()
    {
        await SetNoticeSettings();
        var id = await Receive();
        (await Step(id, "decision", Disclosed())).ShouldBe(200);

        var pdf = await Pdf(id, Answer(1));

        var text = PdfText(pdf);
        Assert.Contains("政府信息公开申请答复书", text);
        Assert.Contains("三厂工业园区管理委员会", text);
        Assert.Contains("申请行政复议", text);
        // kept: the same file again, never printed anew from the template
        Assert.Equal(pdf, await Pdf(id, Answer(1)));
        if (Environment.GetEnvironmentVariable("DISCLOSURE_SAMPLE_PDF") is { Length: > 0 } path) await File.WriteAllBytesAsync(path, pdf);
    }

    [Fact]
    public async Task Posted_delivery_counts_from_the_posting_day_and_returned_mail_is_flagged_until_redelivered()
    {
        await SetNoticeSettings();
        var id = await Receive();
        (await Step(id, "decision", Disclosed())).ShouldBe(200);
        var url = $"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}";

        (await Post($"{url}/delivery", new { method = "post", postedOn = "2025-03-21" })).ShouldBe(400); // no tracking number
        var posted = (await Post($"{url}/delivery", new { method = "post", postedOn = "2025-03-21", postalTrackingNumber = "1178 2345 6789" })).ShouldBe(200);
        var returned = (await Post($"{url}/returned-mail", new { returnedOn = "2025-03-28", reason = "查无此人" })).ShouldBe(200);
        Assert.Contains(returned.Json.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "mail_returned");
        var signed = (await Post($"{url}/delivery", new { method = "direct", signedOn = "2025-04-02", signedBy = "张三" })).ShouldBe(200);

        Assert.Contains("notice_delivered", Types(posted));
        Assert.Equal(["notice_delivered", "mail_returned", "notice_delivered"], Types(signed).SkipWhile(t => t != "notice_delivered"));
        Assert.DoesNotContain(signed.Json.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "mail_returned");
        var listed = (await Notices(id)).Json.EnumerateArray().Single();
        Assert.Equal(2, listed.GetProperty("deliveries").GetArrayLength());
    }

    [Fact]
    public async Task Only_posted_mail_comes_back_and_the_refusal_says_how_the_notice_was_delivered()
    {
        await SetNoticeSettings();
        var id = await Receive();
        (await Step(id, "decision", Disclosed())).ShouldBe(200);
        var url = $"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}";

        var undelivered = (await Post($"{url}/returned-mail", new { returnedOn = "2025-03-28" })).ShouldBe(409);
        Assert.Equal($"Notice {Answer(1)} was not recorded as posted; only posted mail comes back.", undelivered.Json.GetProperty("detail").GetString());
        (await Post($"{url}/delivery", new { method = "direct", signedOn = "2025-03-21", signedBy = "张三" })).ShouldBe(200);
        // the Domain's own rule (Delivery.Returned) decides, on the notice as the case holds it
        var signed = (await Post($"{url}/returned-mail", new { returnedOn = "2025-03-28" })).ShouldBe(409);
        Assert.Equal($"Only a posted notice can come back by post; {Answer(1)} was delivered 直接送达.", signed.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_answer_decided_in_time_but_delivered_late_is_flagged()
    {
        await SetNoticeSettings();
        var id = await Receive(); // received 2025-03-03: due 2025-03-31
        var decided = (await Step(id, "decision", Disclosed("2025-03-31"))).ShouldBe(200);
        Assert.Empty(decided.Json.GetProperty("warnings").EnumerateArray());

        var late = (await Post($"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}/delivery",
            new { method = "direct", signedOn = "2025-04-03", signedBy = "张三" })).ShouldBe(200);

        var warning = late.Json.GetProperty("warnings").EnumerateArray().Single();
        Assert.Equal("delivered_late", warning.GetProperty("code").GetString());
        Assert.Contains("晚于答复期限", warning.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Delivery_of_an_unknown_notice_or_before_its_issue_is_refused()
    {
        await SetNoticeSettings();
        var id = await Receive();
        (await Step(id, "decision", Disclosed())).ShouldBe(200);

        (await Post($"{Base}/{id}/notices/{Uri.EscapeDataString("无此文号")}/delivery", new { method = "direct", signedOn = "2025-03-21" })).ShouldBe(404);
        (await Post($"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}/delivery", new { method = "direct", signedOn = "2025-03-19" })).ShouldBe(400);
        (await Post($"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}/delivery", new { method = "electronic", arrivedAt = "2025-03-21T10:00:00+08:00" })).ShouldBe(400);
        (await Get($"{Base}/{id}/notices/{Uri.EscapeDataString("无此文号")}")).ShouldBe(404);
    }
}
