using System.Collections.Concurrent;
using System.Diagnostics;
using Alba;
using Disclosure.Host.Cluster;
using Npgsql;

namespace Disclosure.Host.Tests.Cluster;

/// <summary>
/// Reference data has one write path (Cluster/ReferenceWrites): whatever changes — agency, settings, templates, calendar,
/// report file, year close — the other nodes hear of it in the transaction that records it.
/// </summary>
[Collection("cluster")]
public class ReferenceChangeSpecs(ClusterFixture cluster)
{

    private Task<Reply> Send(IAlbaHost node, HttpMethod method, string url, object? body = null) => Http.SendAsync(node, method, url, body, cluster.Admin);

    [Fact]
    public async Task Notice_settings_and_a_fee_policy_set_through_one_node_are_in_force_on_the_other()
    {
        cluster.Clock.Now = new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var agency = "n" + Guid.NewGuid().ToString("N")[..10];
        (await Send(cluster.A, HttpMethod.Post, "/api/agencies", new { id = agency, name = "机关 " + agency })).ShouldBe(201);
        // given B has read the agency (and cached it) while it had no notice settings and no fee policy
        Assert.False((await Send(cluster.B, HttpMethod.Get, $"/api/agencies/{agency}/settings/notices")).ShouldBe(200).Json.GetProperty("configured").GetBoolean());
        Assert.False((await Send(cluster.B, HttpMethod.Get, $"/api/agencies/{agency}/settings/fees")).ShouldBe(200).Json.GetProperty("configured").GetBoolean());
        var applications = $"/api/agencies/{agency}/applications";

        // when the notice settings and a fee policy are set through A
        (await Send(cluster.A, HttpMethod.Put, $"/api/agencies/{agency}/settings/notices", new
        {
            agencyName = "三厂工业园区管理委员会", reconsiderationBody = "三厂镇人民政府",
            numberPatterns = new Dictionary<string, string> { ["answer"] = "节点公开答〔{year}〕{n}号" },
        })).ShouldBe(200);
        (await Send(cluster.A, HttpMethod.Put, $"/api/agencies/{agency}/settings/fees", new
        {
            charges = true, method = "per_page", paymentInstructions = new[] { "凭本通知到政务服务窗口缴纳" },
        })).ShouldBe(200);

        // then B shows them within two seconds …
        Assert.True(await ClusterFixture.Within(ClusterFixture.InForceWithin, async () =>
                (await Send(cluster.B, HttpMethod.Get, $"/api/agencies/{agency}/settings/fees")).Json.GetProperty("policy").GetProperty("method").GetString() == "per_page"),
            "B still shows no fee policy two seconds after it was set through A");
        var settings = (await Send(cluster.B, HttpMethod.Get, $"/api/agencies/{agency}/settings/notices")).ShouldBe(200).Json;
        Assert.True(settings.GetProperty("configured").GetBoolean());
        Assert.Equal("节点公开答〔{year}〕{n}号", settings.GetProperty("numberPatterns").GetProperty("answer").GetString());

        // … and a decision recorded on B issues its answer under them, numbered by A's pattern
        var id = (await Send(cluster.B, HttpMethod.Post, applications, new
        {
            channel = "online", applicant = new { category = "natural_person", name = "张三" }, description = "园区规划许可", receivedOn = "2025-03-10",
        })).ShouldBe(201).Str("id");
        var decided = (await Send(cluster.B, HttpMethod.Post, $"{applications}/{id}/decision", new
        {
            decidedOn = "2025-03-10", outcome = "disclosed",
            notice = new { provision = new[] { "提供方式：电子邮件", "提供时间：随本答复一并提供" } },
        })).ShouldBe(200);
        var issued = decided.Json.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("type").GetString() == "notice_issued");
        Assert.Contains("节点公开答〔2025〕1号", issued.ToString());
    }

    [Fact]
    public async Task Every_change_of_reference_data_is_announced_to_the_other_nodes_in_its_transaction()
    {
        cluster.Clock.Now = new DateTimeOffset(2025, 1, 20, 9, 0, 0, TimeSpan.FromHours(8));
        var heard = new ConcurrentQueue<string>();
        await using var listener = new NpgsqlConnection(cluster.ConnectionString);
        await listener.OpenAsync();
        listener.Notification += (_, e) => heard.Enqueue(e.Payload);
        await using (var listen = new NpgsqlCommand($"listen {ReferenceChanges.Channel}", listener)) await listen.ExecuteNonQueryAsync();

        async Task Announced(string change, string payload, Func<Task> make)
        {
            heard.Clear();
            await make();
            var watch = Stopwatch.StartNew();
            while (!heard.Contains(payload) && watch.Elapsed < ClusterFixture.InForceWithin) await listener.WaitAsync(TimeSpan.FromMilliseconds(100));
            Assert.True(heard.Contains(payload), $"{change}: the other nodes did not hear '{payload}' (heard: {string.Join(", ", heard)})");
        }

        var agency = "r" + Guid.NewGuid().ToString("N")[..10];
        var url = $"/api/agencies/{agency}";
        var template = "";
        await Announced("registration", "agency:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Post, "/api/agencies", new { id = agency, name = "机关 " + agency })).ShouldBe(201));
        await Announced("reminder days", "agency:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Put, $"{url}/settings/reminders", new { workingDaysBefore = 2 })).ShouldBe(200));
        await Announced("mailbox time limits", "agency:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Put, $"{url}/settings/letters", new { acceptWithinWorkingDays = 4, replyWithinWorkingDays = 12 })).ShouldBe(200));
        await Announced("retention", "agency:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Put, $"{url}/settings/retention", new { years = 30 })).ShouldBe(200));
        await Announced("notice settings", "agency:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Put, $"{url}/settings/notices", new { reconsiderationBody = "三厂镇人民政府" })).ShouldBe(200));
        await Announced("fee policy", "agency:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Put, $"{url}/settings/fees", new { charges = false })).ShouldBe(200));
        template = (await Send(cluster.A, HttpMethod.Get, $"{url}/notice-templates/receipt")).ShouldBe(200).Str("source");
        await Announced("notice template", "agency:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Put, $"{url}/notice-templates/receipt", new { source = template + "\n<p>本机关自定义</p>" })).ShouldBe(200));
        await Announced("template reset", "agency:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Delete, $"{url}/notice-templates/receipt")).ShouldBe(200));
        await Announced("report narrative", "closed-years:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Put, $"{url}/reports/2024/narrative", new { overview = "总体情况" })).ShouldBe(200));
        await Announced("table 二", "closed-years:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Put, $"{url}/reports/2024/proactive", new { rows = Array.Empty<object>() })).ShouldBe(200));
        await Announced("year close", "closed-years:" + agency, async () =>
            (await Send(cluster.A, HttpMethod.Post, $"{url}/years/2024/close")).ShouldBe(202)); // a job: announced when its last page commits
        await Announced("publication", "closed-years:" + agency, async () =>
            Assert.True(await ClusterFixture.Within(TimeSpan.FromSeconds(20), async () =>
                (await Send(cluster.A, HttpMethod.Post, $"{url}/reports/2024/publication", new { publishedOn = "2025-01-20" })).Status == 201),
                "the report was not published (statistics never caught up)"));
        await Announced("holiday notice", "calendar", async () =>
            (await Send(cluster.A, HttpMethod.Put, "/api/calendar/2030", new
            {
                notice = "国办发明电〔2029〕测试", off = new[] { "2030-01-01" }, makeupWorkdays = Array.Empty<string>(), reason = "更正测试",
            })).ShouldBe(202)); // recorded at once; the re-derivation is a job
    }
}
