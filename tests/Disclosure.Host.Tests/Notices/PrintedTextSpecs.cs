using System.Diagnostics;
using System.Text;
using AngleSharp.Html.Parser;
using Disclosure.Host.Notices;
using Disclosure.Host.StaffConsole.Report;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Notices;

/// <summary>
/// The printed documents read as text: the text layer of every printed kind (each notice kind, the annual report) is the
/// document's own text — no CJK radical (U+2E80–U+2FDF: ⼈⺠⽇⽉) in place of the ideograph it looks like.
/// </summary>
public class PrintedTextSpecs(AppFixture fixture) : NoticeScenario(fixture)
{
    private static bool IsRadical(char c) => c is >= (char)PrintFonts.RadicalsFrom and <= (char)PrintFonts.RadicalsTo;

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The text of the document as printed: the body's text, ordered lists with their numbers, without what the
    /// document does not print (the report's data checks, <c>@media print { .checks { display: none; } }</c>).</summary>
    private static string HtmlText(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var gone in document.Body!.QuerySelectorAll("style, script, .checks").ToList()) gone.Remove();
        foreach (var list in document.Body.QuerySelectorAll("ol"))
        {
            var n = 0;
            foreach (var item in list.Children.Where(c => c.LocalName == "li")) item.Insert(AngleSharp.Dom.AdjacentPosition.AfterBegin, $"{++n}.");
        }
        return Squeezed(document.Body.TextContent);
    }

    /// <summary>poppler's pdftotext, in content-stream order.</summary>
    private static async Task<string> PdfToText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"disclosure-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var a in new[] { "-raw", "-enc", "UTF-8", file, "-" }) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally { File.Delete(file); }
    }

    /// <summary>
    /// The names the PDF gives its glyphs (its ToUnicode maps), as a reader without normalisation takes them (PdfPig's
    /// letters): pdftotext folds compatibility characters (NFKC) and would hide ⼈ behind 人.
    /// </summary>
    private static string TextLayer(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
    }

    private static async Task AssertReadsAsText(string what, string html, byte[] pdf)
    {
        var printed = await PdfToText(pdf);
        string expected = HtmlText(html), actual = Squeezed(printed);
        var at = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Length, actual.Length));
        Assert.True(expected == actual, $"{what}: the PDF's text is not the document's from character {at}\nHTML: …{expected[Math.Max(0, at - 40)..Math.Min(expected.Length, at + 80)]}\nPDF:  …{actual[Math.Max(0, at - 40)..Math.Min(actual.Length, at + 80)]}");
        Assert.DoesNotContain(printed, IsRadical);
        var layer = TextLayer(pdf);
        Assert.True(!layer.Any(IsRadical), $"{what}: radicals in the text layer: {string.Concat(layer.Where(IsRadical).Distinct())}");
    }

    [Fact]
    public async Task Every_notice_kind_prints_to_a_PDF_whose_text_is_the_document_s_text()
    {
        await SetNoticeSettings();
        (await Put($"/api/agencies/{Agency}/settings/fees", new { charges = true, method = "per_page", paymentInstructions = new[] { "缴款方式：凭本通知到本机关政务服务窗口缴纳" } })).ShouldBe(200);
        var id = await Receive();
        (await Post($"{Base}/{id}/notices", new { kind = "receipt" })).ShouldBe(200);
        (await Step(id, "correction-request", new { sentOn = "2025-03-04", items = new[] { "所需信息的时间范围" }, correctBy = "2025-03-14", guidance = "请写明年份。" })).ShouldBe(200);
        (await Step(id, "correction", new { receivedOn = "2025-03-10" })).ShouldBe(200);
        (await Step(id, "fee-notice", new { sentOn = "2025-03-11", pages = 91 })).ShouldBe(200);
        (await Step(id, "fee-payment", new { paidOn = "2025-03-12" })).ShouldBe(200);
        (await Step(id, "extension", new { approvedOn = "2025-04-01", approvedBy = "王主任", workingDays = 10, reason = "需要调取档案" })).ShouldBe(200);
        (await Step(id, "consultations", new { sentOn = "2025-04-02", party = "某建设公司" })).ShouldBe(200);
        (await Step(id, "decision", Disclosed("2025-04-20"))).ShouldBe(200);

        var notices = (await Notices(id)).ShouldBe(200).Json.EnumerateArray().ToList();
        var kinds = notices.Select(n => n.GetProperty("kind").GetString()!).ToList();
        Assert.Equal(["answer_disclosed", "consultation_letter", "consultation_notice", "correction", "extension", "fee_notice", "receipt"], kinds.Order());
        foreach (var notice in notices)
        {
            var number = notice.GetProperty("number").GetString()!;
            var html = (await Document(id, number)).ShouldBe(200).Body;
            await AssertReadsAsText(notice.GetProperty("kind").GetString()!, html, await Pdf(id, number));
        }
    }

    [Fact]
    public async Task The_annual_report_prints_to_a_PDF_whose_text_is_the_report_s_text()
    {
        await SetNoticeSettings();
        var id = await Receive();
        (await Step(id, "decision", Disclosed())).ShouldBe(200);
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var html = (await Get($"/api/agencies/{Agency}/reports/2025?format=html")).ShouldBe(200).Body;
        Assert.Contains("政府信息公开", html);

        var pdf = await Host.Services.GetRequiredService<ReportPrinter>().PdfAsync(html, default);

        await AssertReadsAsText("report", html, pdf!);
    }
}
