using Marten;

namespace Disclosure.Host.Tests.Notices;

/// <summary>
/// 证据材料 (<c>GET …/applications/{id}/evidence?asOf=</c>): one PDF — contents, the case as it stood, every notice issued by
/// then as kept — read back through its text layer.
/// </summary>
public class EvidenceBundleSpecs(AppFixture fixture) : NoticeScenario(fixture)
{
    private async Task<(int Status, string? Type, byte[] Body)> Evidence(Guid id, string asOf)
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Admin);
        using var response = await client.GetAsync($"{Base}/{id}/evidence?asOf={Uri.EscapeDataString(asOf)}");
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<DateTimeOffset> LastRecorded(Guid id)
    {
        await using var session = Store.QuerySession(Agency);
        return (await session.Events.FetchStreamAsync(id))[^1].Timestamp;
    }

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task The_bundle_holds_the_contents_the_case_as_it_stood_and_every_notice_then_with_its_delivery()
    {
        await SetNoticeSettings();
        var id = await Receive("2025-03-03");
        var received = await LastRecorded(id);
        (await Step(id, "decision", Disclosed("2025-03-20"))).ShouldBe(200);
        var url = $"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}";
        (await Post($"{url}/delivery", new { method = "direct", signedOn = "2025-03-21", signedBy = "张三" })).ShouldBe(200);
        var delivered = await LastRecorded(id);
        (await Post($"{url}/delivery", new { method = "post", postedOn = "2025-03-24", postalTrackingNumber = "1178 2345 6789" })).ShouldBe(200);

        var (status, type, pdf) = await Evidence(id, delivered.ToString("O"));
        Assert.Equal(200, status);
        Assert.Equal("application/pdf", type);
        if (Environment.GetEnvironmentVariable("DISCLOSURE_SAMPLE_EVIDENCE") is { Length: > 0 } path) await File.WriteAllBytesAsync(path, pdf);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var pages = document.GetPages().Select(p => Squeezed(p.Text)).ToList();
            Assert.True(pages.Count >= 3, $"{pages.Count} pages");
            var number = (await Get($"{Base}/{id}")).Str("trackingNumber");
            // page 1: the contents, with the page each part starts on
            Assert.Contains("目录", pages[0]);
            Assert.Contains($"政府信息公开申请{number}证据材料", pages[0]);
            Assert.Contains("截至", pages[0]);
            Assert.Contains("案卷情况（申请、答复期限、文书送达、办理记录）", pages[0]);
            Assert.Contains($"{Answer(1)}，2025-03-20出具", pages[0]);
            Assert.Contains("第2页", pages[0]);
            // the case as it stood: answered 予以公开, the notice signed for (the later posting is not there)
            var file = string.Concat(pages.Skip(1).TakeWhile(p => !p.Contains("三厂工业园区管理委员会") || p.Contains("案卷情况")));
            Assert.Contains("案卷情况", file);
            Assert.Contains("予以公开（2025-03-20）", file);
            Assert.DoesNotContain("交邮", file);
            Assert.Contains("2025-03-21张三签收", file);
            Assert.Contains("答复期限的计算", file);
            // the notice as kept: its own text
            var all = string.Concat(pages);
            Assert.Contains(Answer(1), all[all.IndexOf("办理记录", StringComparison.Ordinal)..]);
            Assert.Contains("三厂工业园区管理委员会", all);
            // the text layer is the documents' own text after the merge: no CJK radical in place of an ideograph (PrintedTextSpecs)
            var letters = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
            Assert.DoesNotContain(letters, c => c >= (char)Disclosure.Host.Notices.PrintFonts.RadicalsFrom && c <= (char)Disclosure.Host.Notices.PrintFonts.RadicalsTo);
        }

        // before the decision, the bundle has no notice; before the case, there is none; a bad instant is refused
        var (_, _, early) = await Evidence(id, received.ToString("O"));
        using (var document = UglyToad.PdfPig.PdfDocument.Open(early))
        {
            var text = Squeezed(string.Concat(document.GetPages().Select(p => p.Text)));
            Assert.DoesNotContain(Answer(1), text);
            Assert.Contains("截至上述时间尚未出具文书", text);
        }
        Assert.Equal(404, (await Evidence(id, "2020-01-01")).Status);
        Assert.Equal(400, (await Evidence(id, "2025-03-05T10:00:00")).Status);
        Assert.Equal(404, (await Evidence(Guid.NewGuid(), "2025-03-05")).Status);
    }
}
