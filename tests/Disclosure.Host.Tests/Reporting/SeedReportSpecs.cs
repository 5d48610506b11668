using System.Text.RegularExpressions;
using Disclosure.Host.Security;
using Marten.Events;

namespace Disclosure.Host.Tests.Reporting;

/// <summary>
/// The published 2019 report of the Sanchang industrial park (shared/reference/sanchang-park-2019-annual-report.txt):
/// table 二 as entered, 19 mailbox letters handled, no applications, no reviews — printed in the 2019 layout.
/// </summary>
public class SeedReportSpecs(AppFixture fixture) : HostScenario(fixture)
{
    private const string Agency = "sanchang-park";

    [Fact]
    public async Task The_printable_2019_report_carries_every_figure_of_the_seed()
    {
        Clock.Now = new DateTimeOffset(2020, 1, 15, 9, 0, 0, TimeSpan.FromHours(8));
        (await Post("/api/agencies", new { id = Agency, name = "三厂工业园区" })).ShouldBe(201);
        var statistician = Token(Roles.Statistician, Agency);

        for (var i = 0; i < 19; i++)
        {
            var received = new DateOnly(2019, 3, 4).AddDays(i * 14);
            var letter = (await Post($"/api/agencies/{Agency}/letters", new
            {
                channel = "online", category = "consultation", subject = $"来信{i + 1}", body = "咨询园区事项", writer = new { name = "来信人" },
                receivedOn = received.ToString("yyyy-MM-dd"),
            })).ShouldBe(201);
            var id = letter.Str("id");
            (await Post($"/api/agencies/{Agency}/letters/{id}/acceptance", new { on = received.ToString("yyyy-MM-dd") })).ShouldBe(200);
            (await Post($"/api/agencies/{Agency}/letters/{id}/reply", new { on = received.AddDays(7).ToString("yyyy-MM-dd"), text = "已答复" })).ShouldBe(200);
        }

        (await Put($"/api/agencies/{Agency}/reports/2019/proactive", new object[]
        {
            new { item = "regulation", values = new[] { 0, 0, 0 } },
            new { item = "normative_document", values = new[] { 0, 0, 0 } },
            new { item = "administrative_license", values = new[] { 5, 1, 0 }, notes = new[] { "建设工程规划许可证", "增加", null } },
            new { item = "other_service", values = new[] { 0, 0, 0 } },
            new { item = "administrative_penalty", values = new[] { 0, 0, 0 } },
            new { item = "administrative_enforcement", values = new[] { 0, 0, 0 } },
            new { item = "administrative_fee", values = new[] { 2, 0 } },
            new { item = "government_procurement", values = new[] { 47, 478822 } },
        }, statistician)).ShouldBe(200);
        (await Put($"/api/agencies/{Agency}/reports/2019/narrative", new
        {
            overview = "今年以来，三厂工业园区认真按照市委、市政府工作部署和要求，扎实做好政府网站内容保障工作。\n三是及时办理市长信箱的信件。2019年园区职能部门共处理市长信箱信件19件。",
            problems = "工作人员收集各条线工作信息不够及时。\n一是加强信息主动公开工作。",
            other = "无。",
        }, statistician)).ShouldBe(200);
        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));

        var json = (await Get($"/api/agencies/{Agency}/reports/2019", statistician)).ShouldBe(200);
        Assert.Equal("2019", json.Str("layout"));
        Assert.Equal(19, json.Json.GetProperty("mailbox").GetProperty("handled").GetInt32());
        Assert.All(json.Json.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
        Assert.All(json.Json.GetProperty("tables").GetProperty("applications").GetProperty("rows").EnumerateArray(),
            r => Assert.All(r.GetProperty("values").EnumerateArray(), v => Assert.Equal(0, v.GetInt32())));
        Assert.Equal(23, json.Json.GetProperty("tables").GetProperty("applications").GetProperty("rows").GetArrayLength()); // 2019: （六） is one row

        var html = (await Get($"/api/agencies/{Agency}/reports/2019?format=html", statistician)).ShouldBe(200).Body;
        Directory.CreateDirectory(ArtifactDir);
        await File.WriteAllTextAsync(Path.Combine(ArtifactDir, "sanchang-park-2019.html"), html);

        foreach (var text in new[]
        {
            "三厂工业园区2019年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
            "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项",
            "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "处理决定数量", "采购项目数量", "采购总金额",
            "<td>5（建设工程规划许可证）</td>", "<td>1（增加）</td>", "<td>47</td>", "<td>478822元</td>",
            "共处理市长信箱信件19件", ReportCorner, "<th colspan=\"5\">法人或其他组织</th>", "<td class=\"label\" colspan=\"2\">（六）其他处理</td>",
            "<th colspan=\"5\">未经复议直接起诉</th>", "<th colspan=\"5\">复议后起诉</th>",
        })
            Assert.True(html.Contains(text), $"missing: {text}");
        // 行政事业性收费: 2 · 0
        Assert.Matches("<td>行政事业性收费</td><td>2</td><td>0</td>", html);
        // every cell of table 三 (23 rows × 7) and 四 (15) is 0
        var table3 = html[html.IndexOf("三、收到和处理", StringComparison.Ordinal)..html.IndexOf("四、政府信息公开行政复议", StringComparison.Ordinal)];
        Assert.Equal(23 * 7, Regex.Matches(table3, "<td>0</td>").Count);
        var table4 = html[html.IndexOf("四、政府信息公开行政复议", StringComparison.Ordinal)..html.IndexOf("五、存在的主要问题", StringComparison.Ordinal)];
        Assert.Equal(15, Regex.Matches(table4, "<td>0</td>").Count);
    }

    private const string ReportCorner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    /// <summary>.data/reports of the checkout, where ops/render-report finds the document to print.</summary>
    public static string ArtifactDir
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Disclosure.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? Path.GetTempPath(), ".data", "reports");
        }
    }
}
