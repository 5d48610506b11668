using System.Text.Json;
using System.Text.RegularExpressions;
using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Every front door decides alike: what a command needs of the agency's other applications (the applicant's earlier
/// applications of the month for 按件, the application a link or a 重复申请 names, the links of the case) is read by the
/// write path, not by the door. Under a 按件 policy the console offers the fee step for the applicant's 11th application of
/// a month and sends the fee notice of ¥100 (国办函〔2020〕109号第四条: the 11th–30th cost ¥100 each).
/// </summary>
public class FeeStepSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private const string Base = $"/api/agencies/{Agency}/applications";

    private async Task PerItemPolicy()
    {
        (await Put($"/api/agencies/{Agency}/settings/notices", new
        {
            agencyName = "三厂工业园区管理委员会", reconsiderationBody = "三厂镇人民政府",
            numberPatterns = new Dictionary<string, string> { ["answer"] = "三园公开答〔{year}〕{n}号" },
            contactLines = new[] { "联系电话：0513-00000000" },
        })).ShouldBe(200);
        (await Put($"/api/agencies/{Agency}/settings/fees", new
        {
            charges = true, method = "per_item", paymentInstructions = new[] { "凭本通知到政务服务窗口缴纳" },
        })).ShouldBe(200);
    }

    private static object Intake(string name, string idNumber, string receivedOn, int n) => new
    {
        channel = "online",
        applicant = new { category = "natural_person", name, idNumber, phone = "13812345678" },
        description = $"园区规划许可第{n}批",
        receivedOn,
    };

    /// <summary>Eleven applications of one applicant in June 2025; returns their (id, tracking number) in order.</summary>
    private async Task<List<(Guid Id, string Number)>> Eleven(string name = "张三", string idNumber = "110101199003071234")
    {
        var cases = new List<(Guid, string)>();
        for (var i = 0; i < 11; i++)
        {
            var reply = (await Post(Base, Intake(name, idNumber, $"2025-06-{2 + i:00}", i))).ShouldBe(201);
            cases.Add((Guid.Parse(reply.Str("id")), reply.Str("trackingNumber")));
        }
        return cases;
    }

    private static List<string?> StepsOf(Page page) =>
        page.Document.QuerySelectorAll("form[data-step]").Select(f => f.GetAttribute("data-step")).ToList();

    [Fact]
    public async Task Under_a_per_item_policy_the_console_sends_the_fee_notice_of_the_eleventh_application_of_the_month_for_100_yuan()
    {
        await PerItemPolicy();
        var cases = await Eleven();
        var handler = Browser(Roles.Handler);

        // the first of the month is free: no fee notice is sent for nothing, so the page offers none
        Assert.DoesNotContain("fee-notice", StepsOf(await handler.GetAsync($"/console/{Agency}/applications/{cases[0].Number}")));
        var page = await handler.GetAsync($"/console/{Agency}/applications/{cases[10].Number}");
        Assert.Contains("fee-notice", StepsOf(page));

        var sent = await handler.SubmitAsync(page, new Dictionary<string, string> { ["sentOn"] = Today }, "form[data-step=fee-notice]");

        Assert.True(sent.Status == 302, sent.ToString());
        var fee = (await Get($"{Base}/{cases[10].Id}")).ShouldBe(200).Json.GetProperty("fee");
        Assert.Equal(100m, fee.GetProperty("amountYuan").GetDecimal());
        Assert.Equal("per_item", fee.GetProperty("basis").GetString());
        var after = await handler.GetAsync(sent.Location!);
        Assert.Contains("fee-payment", StepsOf(after));
    }

    [Fact]
    public async Task A_fee_notice_the_computation_refuses_is_refused_on_the_page_with_the_computation_and_records_nothing()
    {
        await PerItemPolicy();
        var cases = await Eleven();
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{cases[10].Number}");
        var before = await EventCount();

        var refused = await handler.SubmitAsync(page, new Dictionary<string, string> { ["sentOn"] = Today, ["amountYuan"] = "50" }, "form[data-step=fee-notice]");

        Assert.Equal(400, refused.Status);
        Assert.Contains("100", refused.ErrorOf("amountYuan"));
        Assert.Equal(before, await EventCount());
    }

    public static TheoryData<string> CompletedSteps => ["fee-notice", "relation", "decision"];

    /// <summary>
    /// The same command, needing completion, sent through the API for one applicant and through the console for another in
    /// the same situation: the same events, once the ids, numbers and names of each side are put aside.
    /// </summary>
    [Theory]
    [MemberData(nameof(CompletedSteps))]
    public async Task A_command_the_write_path_completes_decides_the_same_through_the_API_and_the_console(string step)
    {
        await PerItemPolicy();
        var viaApi = await Eleven("张三", "110101199003071234");
        var viaConsole = await Eleven("李四", "110101198501011111");
        // a 重复申请 repeats an earlier request already answered
        foreach (var earlier in new[] { viaApi[0].Id, viaConsole[0].Id })
            (await Post($"{Base}/{earlier}/decision", new
            {
                decidedOn = "2025-06-20", outcome = "disclosed",
                notice = new { provision = new[] { "提供方式：电子邮件", "提供时间：随本答复一并提供" } },
            })).ShouldBe(200);

        Dictionary<string, string> Fields((Guid Id, string Number)[] side) => step switch
        {
            "fee-notice" => new() { ["sentOn"] = Today },
            "relation" => new() { ["relatedTo"] = side[0].Number, ["kind"] = "same_applicant" },
            _ => new() { ["decidedOn"] = Today, ["outcome"] = "not_processed_duplicate", ["relatedTo"] = side[0].Number },
        };
        var api = viaApi.ToArray();
        var console = viaConsole.ToArray();
        var apiStep = step switch { "relation" => "relations", _ => step };

        var apiBefore = await StreamVersion(Agency, api[10].Id);
        var body = Fields(api).ToDictionary(f => f.Key, f => (object)f.Value);
        (await Post($"{Base}/{api[10].Id}/{apiStep}", body)).ShouldBe(200);
        var apiEvents = await EventsAfter(api[10].Id, apiBefore, api, "张三", "110101199003071234");

        var handler = Browser(Roles.Handler);
        var consoleBefore = await StreamVersion(Agency, console[10].Id);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{console[10].Number}");
        var sent = await handler.SubmitAsync(page, Fields(console), $"form[data-step={step}]");
        Assert.True(sent.Status == 302, sent.ToString());
        var consoleEvents = await EventsAfter(console[10].Id, consoleBefore, console, "李四", "110101198501011111");

        Assert.NotEmpty(apiEvents);
        Assert.Equal(apiEvents.Count, consoleEvents.Count);
        foreach (var (viaTheApi, viaTheConsole) in apiEvents.Zip(consoleEvents)) Assert.Equal(viaTheApi, viaTheConsole);
    }

    private static readonly JsonSerializerOptions Readable = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The events appended after <paramref name="version"/>, as type and data, each side's ids, numbers, name and ID number put aside.</summary>
    private async Task<List<string>> EventsAfter(Guid id, long version, (Guid Id, string Number)[] side, string name, string idNumber)
    {
        await using var session = Store.QuerySession(Agency);
        var events = await session.Events.FetchStreamAsync(id, token: default);
        return events.Where(e => e.Version > version).Select(e =>
        {
            var text = e.EventTypeName + " " + JsonSerializer.Serialize(e.Data, e.Data.GetType(), Readable);
            for (var i = 0; i < side.Length; i++)
                text = text.Replace(side[i].Id.ToString(), $"{{case{i}}}").Replace(side[i].Number, $"{{number{i}}}");
            text = text.Replace(name, "{name}").Replace(idNumber, "{idNumber}");
            text = Regex.Replace(text, @"〔2025〕\d+号", "〔2025〕{n}号"); // the notice numbers run on across both sides
            return Regex.Replace(text, "\"contentHash\":\"[0-9a-f]+\"", "\"contentHash\":\"{hash of the printed text, which names the applicant}\"");
        }).ToList();
    }
}
