using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Given applications with due dates and an online submission that awaits confirmation (待确认, no due date: its clock starts
/// only when it is confirmed, 条例第三十一条), when the staff open the worklist, then the submission leads — at the end of the
/// list it would wait unseen — and the status filter finds the 待确认 alone.
/// </summary>
public class WorklistAwaitingSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private static List<string> Cases(Page worklist) =>
        worklist.Document.QuerySelectorAll("table.worklist tbody tr").Select(r => r.GetAttribute("data-case")!).ToList();

    private async Task<string> SubmitOnline()
    {
        var form = new
        {
            applicant = new { category = "natural_person", name = "李四", idType = "resident_id_card", idNumber = "11010519491231002X", phone = "13812345678" },
            description = "2024年园区环境影响评价报告",
            informationForm = "paper", obtainBy = "post", electronicConsent = false,
        };
        return (await Send(HttpMethod.Post, $"/public/agencies/{Agency}/applications", form, null,
            new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() })).ShouldBe(201).Str("trackingNumber");
    }

    [Fact]
    public async Task A_submission_awaiting_confirmation_leads_the_worklist_and_is_found_by_its_status()
    {
        var logged = await LogApplication();
        var other = await LogApplication();
        var online = await SubmitOnline();
        var handler = new ConsoleClient(Host.Server);
        handler.SignInAs("lin.handler", [Roles.Intake], [Agency]);

        var all = await handler.GetAsync($"/console/{Agency}?scope=all");
        Assert.Equal([online, logged, other], Cases(all));
        Assert.Equal("待确认", all.Text($"tr[data-case='{online}'] .status"));
        Assert.Equal([online], Cases(await handler.GetAsync($"/console/{Agency}?scope=all&status=awaiting_confirmation")));
        Assert.NotNull((await handler.GetAsync($"/console/{Agency}")).Document.QuerySelector("select#status option[value=awaiting_confirmation]"));

        // confirmed, it has a due date like the others and takes its place among them
        (await Post($"/api/agencies/{Agency}/applications/{online}/confirmation", new { })).ShouldBe(200);
        Assert.Equal([logged, other, online], Cases(await handler.GetAsync($"/console/{Agency}?scope=all")));
        Assert.Empty(Cases(await handler.GetAsync($"/console/{Agency}?scope=all&status=awaiting_confirmation")));
    }
}
