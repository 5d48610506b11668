using System.Security.Cryptography;
using Disclosure.Host.Security;
using Disclosure.Host.Tests.Notices;

namespace Disclosure.Host.Tests.Reviews;

/// <summary>
/// The evidence bundle kept with a review's reply (行政复议法第四十八条: 书面答复 with its 证据、依据): built once from the
/// application as it stood when the reply was recorded, stored with the review (bytes, SHA-256, <c>review_evidence_kept</c>),
/// served byte for byte afterwards — also after the application has moved on.
/// </summary>
public class ReviewEvidenceSpecs(AppFixture fixture) : NoticeScenario(fixture)
{
    private const string Reviews = "/api/agencies/sanchang-park/reviews";

    private async Task<(int Status, byte[] Body)> Download(string url)
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Admin);
        using var response = await client.GetAsync(url);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The kept bundle, once the durable message that builds it after the reply's commit has run.</summary>
    private async Task<byte[]> Kept(string reviewId)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (status, body) = await Download($"{Reviews}/{reviewId}/evidence");
            if (status == 200) return body;
            Assert.Equal(404, status);
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), "The evidence bundle was not kept within 90 s of the reply.");
            await Task.Delay(250);
        }
    }

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task The_reply_keeps_the_bundle_of_the_application_as_it_stood_and_serves_the_same_bytes_after_a_later_step()
    {
        await SetNoticeSettings();
        var id = await Receive("2025-03-03");
        (await Step(id, "decision", Disclosed("2025-03-20"))).ShouldBe(200);
        var notice = $"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}";
        (await Post($"{notice}/delivery", new { method = "direct", signedOn = "2025-03-21", signedBy = "张三" })).ShouldBe(200);
        Clock.Now = new DateTimeOffset(2025, 4, 10, 10, 0, 0, TimeSpan.FromHours(8));
        var handler = Token(Roles.Handler, Agency);
        var reviewId = (await Step(id, "reviews", new { kind = "reconsideration", filedOn = "2025-04-08", receivedOn = "2025-04-09" }, handler)).ShouldBe(201).Str("reviewId");

        // no reply, no bundle
        Assert.Equal(404, (await Download($"{Reviews}/{reviewId}/evidence")).Status);
        (await Post($"{Reviews}/{reviewId}/reply", new { filedOn = "2025-04-10", evidence = new[] { "政府信息公开申请答复书", "送达回证" } }, handler)).ShouldBe(200);
        var pdf = await Kept(reviewId);

        // recorded on the review: its SHA-256, length and pages, and the event in the history
        var review = (await Get($"{Reviews}/{reviewId}")).ShouldBe(200);
        var bundle = review.Json.GetProperty("evidenceBundle");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), bundle.GetProperty("sha256").GetString());
        Assert.Equal(pdf.Length, bundle.GetProperty("length").GetInt64());
        Assert.Equal("2025-04-10", bundle.GetProperty("on").GetString());
        Assert.Equal("review_evidence_kept", review.Json.GetProperty("history").EnumerateArray().Last().GetProperty("type").GetString());
        if (Environment.GetEnvironmentVariable("DISCLOSURE_SAMPLE_REVIEW_EVIDENCE") is { Length: > 0 } path) await File.WriteAllBytesAsync(path, pdf);

        // its text layer: the contents, the case as it stood with the answer and its delivery, the notice as kept
        var number = (await Get($"{Base}/{id}")).Str("trackingNumber");
        string text;
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            Assert.Equal(bundle.GetProperty("pages").GetInt32(), document.NumberOfPages);
            text = Squeezed(string.Concat(document.GetPages().Select(p => p.Text)));
        }
        Assert.Contains($"政府信息公开申请{number}证据材料", text);
        Assert.Contains("目录", text);
        Assert.Contains("予以公开（2025-03-20）", text);
        Assert.Contains("2025-03-21张三签收", text);
        Assert.Contains($"{Answer(1)}，2025-03-20出具", text);
        Assert.DoesNotContain("交邮", text);

        // the application moves on: a posting recorded, then the review decided — the kept bundle does not change
        (await Post($"{notice}/delivery", new { method = "post", postedOn = "2025-04-10", postalTrackingNumber = "1178 2345 6789" })).ShouldBe(200);
        Clock.Now = new DateTimeOffset(2025, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));
        (await Post($"{Reviews}/{reviewId}/decision", new { decidedOn = "2025-05-19", outcome = "upheld" }, handler)).ShouldBe(200);
        var now = (await Download($"{Base}/{id}/evidence?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}"));
        Assert.Contains("交邮", Squeezed(PdfText(now.Body))); // the case file today has the posting
        var again = await Download($"{Reviews}/{reviewId}/evidence");
        Assert.Equal(200, again.Status);
        Assert.Equal(pdf, again.Body);
        // built once: one event, whatever the deliveries of the message
        Assert.Equal(1, (await Get($"{Reviews}/{reviewId}")).Json.GetProperty("history").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "review_evidence_kept"));
    }
}
