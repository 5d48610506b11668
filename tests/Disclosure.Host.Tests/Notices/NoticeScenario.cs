using System.Text.Json;
using Disclosure.Host.Notices;
using Disclosure.Host.Tests.Applications;

namespace Disclosure.Host.Tests.Notices;

/// <summary>An agency that issues notices (its settings set), with numbers starting from 1.</summary>
public abstract class NoticeScenario(AppFixture fixture) : ApplicationScenario(fixture)
{
    protected const string ReconsiderationBody = "三厂镇人民政府";
    protected const string AnswerPattern = "三园公开答〔{year}〕{n}号";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await NumberCounters.ClearNoticeNumbersAsync(AppFixture.ConnectionString);
    }

    protected static string Answer(int n, int year = 2025) => AnswerPattern.Replace("{year}", year.ToString()).Replace("{n}", n.ToString());

    protected async Task SetNoticeSettings() =>
        (await Put($"/api/agencies/{Agency}/settings/notices", new
        {
            agencyName = "三厂工业园区管理委员会",
            reconsiderationBody = ReconsiderationBody,
            numberPatterns = new Dictionary<string, string> { ["answer"] = AnswerPattern },
            contactLines = new[] { "联系电话：0513-00000000" },
        })).ShouldBe(200);

    /// <summary>What a 予以公开 answer must add: how the information is provided.</summary>
    protected static object Disclosed(string decidedOn = "2025-03-20") => new
    {
        decidedOn, outcome = "disclosed",
        notice = new { provision = new[] { "提供方式：电子邮件", "提供时间：随本答复一并提供" } },
    };

    protected Task<Reply> Notices(Guid id) => Get($"{Base}/{id}/notices");

    protected Task<Reply> Document(Guid id, string number, string format = "html") =>
        Get($"{Base}/{id}/notices/{Uri.EscapeDataString(number)}?format={format}");

    protected async Task<byte[]> Pdf(Guid id, string number)
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Admin);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/pdf");
        using var response = await client.GetAsync($"{Base}/{id}/notices/{Uri.EscapeDataString(number)}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The text layer of a PDF as it is (the print fonts name each glyph by its ideograph, never a radical: PrintedTextSpecs).</summary>
    protected static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    protected static IEnumerable<string> Types(Reply view) =>
        view.Json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("type").GetString()!);

    protected static IEnumerable<JsonElement> Issued(Reply view) =>
        view.Json.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("type").GetString() == "notice_issued").Select(h => h.GetProperty("data"));
}
