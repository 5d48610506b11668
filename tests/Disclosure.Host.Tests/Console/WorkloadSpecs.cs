using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Worklist;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Given open and closed applications held by handlers and departments, when a supervisor opens 承办人工作量, then each
/// handler and department (and nobody: 未指定承办人) counts its open applications, the overdue ones and those due within
/// the reminder window — with the window's ends counted in, closed cases and other agencies' cases out, and a case whose
/// due date cannot be counted (a correction awaited: 条例第三十条, the clock waits) as open only.
/// </summary>
public class WorkloadSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private async Task<string> Received(string on, string agency = Agency)
    {
        var created = (await Post($"/api/agencies/{agency}/applications", new
        {
            channel = "online", applicant = new { category = "natural_person", name = "张三" }, description = "规划许可", receivedOn = on,
        }, Token(Roles.Intake, agency))).ShouldBe(201);
        return created.Str("id");
    }

    private async Task<string> Held(string on, string? handler, string? department, string agency = Agency)
    {
        var id = await Received(on, agency);
        (await Post($"/api/agencies/{agency}/applications/{id}/assignment", new { handler, department, on = Today }, Token(Roles.Supervisor, agency))).ShouldBe(200);
        return id;
    }

    private async Task<string> DueOn(string id) => (await Get($"/api/agencies/{Agency}/applications/{id}")).ShouldBe(200).Str("dueOn");

    [Fact]
    public async Task Each_handler_and_department_counts_its_open_applications_the_overdue_and_those_due_by_the_end_of_the_reminder_window()
    {
        // today 2025-06-30; the reminder window of 3 working days ends 2025-07-03 (the page says so)
        var overdue = await Held("2025-05-29", "lin.handler", "法制科");
        var dueToday = await Held("2025-05-30", "lin.handler", "法制科");
        var dueAtWindowEnd = await Held("2025-06-05", "lin.handler", "法制科");
        var dueAfterWindow = await Held("2025-06-06", "lin.handler", "法制科");
        var awaitingCorrection = await Held("2025-06-20", "lin.handler", "法制科");
        (await Post($"/api/agencies/{Agency}/applications/{awaitingCorrection}/correction-request",
            new { sentOn = "2025-06-23", items = new[] { "请写明所需信息的名称" }, correctBy = "2025-07-08" }, Token(Roles.Handler, Agency))).ShouldBe(200);
        var answered = await Held("2025-05-06", "lin.handler", "法制科");
        (await Post($"/api/agencies/{Agency}/applications/{answered}/decision", new { decidedOn = "2025-06-03", outcome = "disclosed" }, Token(Roles.Handler, Agency))).ShouldBe(200);
        await Held("2025-06-03", "lin.handler", "信息科");                 // due 2025-07-01: the same handler in another department
        await Held("2025-05-06", "wang.handler", "信息科");                // due 2025-06-04
        await Held("2025-06-27", "wang.handler", "信息科");                // due 2025-07-25
        await Held("2025-05-29", null, "法制科");                          // passed to the department to share out
        await Held("2025-06-27", null, "法制科");
        await Received("2025-05-06");                                      // nobody's yet
        await Received("2025-06-27");
        await Held("2025-05-29", "lin.handler", "法制科", OtherAgency);    // another agency's: never counted here

        Assert.Equal(("2025-06-27", "2025-06-30", "2025-07-03", "2025-07-04"),
            (await DueOn(overdue), await DueOn(dueToday), await DueOn(dueAtWindowEnd), await DueOn(dueAfterWindow)));
        var waiting = (await Get($"/api/agencies/{Agency}/applications/{awaitingCorrection}")).ShouldBe(200).Json;
        Assert.True(!waiting.TryGetProperty("dueOn", out var due) || due.ValueKind == System.Text.Json.JsonValueKind.Null, due.ToString());

        var page = await Browser(Roles.Supervisor).GetAsync($"/console/{Agency}/workload");
        Assert.Equal(200, page.Status);
        Assert.Contains("2025-07-03 前（含）到期", page.Text("table.workload caption"));
        var rows = page.Document.QuerySelectorAll("table.workload tbody tr").Select(r => (
            Handler: r.GetAttribute("data-handler"), Department: r.QuerySelector("td")!.TextContent.Trim(),
            Open: r.QuerySelector("[data-open]")!.TextContent.Trim(), Overdue: r.QuerySelector("[data-overdue]")!.TextContent.Trim(),
            DueSoon: r.QuerySelector("[data-due-soon]")!.TextContent.Trim())).ToList();
        Assert.Equal(5, rows.Count);
        var counts = rows.ToDictionary(r => (r.Handler, r.Department), r => (r.Open, r.Overdue, r.DueSoon));
        Assert.Equal(("5", "1", "2"), counts[("lin.handler", "法制科")]);
        Assert.Equal(("1", "0", "1"), counts[("lin.handler", "信息科")]);
        Assert.Equal(("2", "1", "0"), counts[("wang.handler", "信息科")]);
        Assert.Equal(("2", "1", "0"), counts[("", "法制科")]);
        Assert.Equal(("2", "1", "0"), counts[("", "—")]);
        // the named handlers first, then the cases nobody holds
        Assert.Equal(["lin.handler", "lin.handler", "wang.handler", "", ""], rows.Select(r => r.Handler));
        Assert.Equal("合计 12 4 3", string.Join(' ', page.Document.QuerySelectorAll("table.workload tfoot tr > *")
            .Select(c => c.TextContent.Trim()).Where(t => t.Length > 0)));

        // the worklist counts alike: 全部 the agency's, 我的 the handler's in both departments
        var all = await Browser(Roles.Supervisor).GetAsync($"/console/{Agency}?scope=all");
        Assert.Equal(("逾期 4 件", "07-03 前到期 3 件"), (all.Text("p .badge.bad"), all.Text("p .badge.warn")));
        var lin = new ConsoleClient(Host.Server);
        lin.SignInAs("lin.handler", [Roles.Handler], [Agency], department: "法制科");
        var mine = await lin.GetAsync($"/console/{Agency}?scope=mine");
        Assert.Equal(("逾期 1 件", "07-03 前到期 3 件"), (mine.Text("p .badge.bad"), mine.Text("p .badge.warn")));
    }

    [Fact]
    public async Task The_load_per_handler_is_counted_from_an_index_of_the_open_applications_alone_without_reading_a_case_document()
    {
        // at 100,000 open applications reading each document's JSON took 4.2 s at p95 (README, "Console at 100,000 open
        // applications"); from the partial index it is an index-only scan. The table is vacuumed as autovacuum keeps it in
        // service (an index-only scan needs the visibility map) and the planner is told to avoid sequential and bitmap
        // scans, so with a handful of rows it still shows which plans the query allows.
        await Held("2025-05-29", "lin.handler", "法制科");
        await Received("2025-06-27");
        await using var connection = await Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using (var vacuum = new NpgsqlCommand("vacuum analyze disclosure.mt_doc_application", connection)) await vacuum.ExecuteNonQueryAsync();
        await using (var off = new NpgsqlCommand("set enable_seqscan = off; set enable_bitmapscan = off", connection)) await off.ExecuteNonQueryAsync();
        await using var explain = TenantSql.Command(connection, Agency, "explain " + WorklistQuery.LoadSql,
            new NpgsqlParameter { Value = new DateOnly(2025, 6, 30), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date },
            new NpgsqlParameter { Value = new DateOnly(2025, 7, 3), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        Assert.True(plan.Any(line => line.Contains("Index Only Scan using mt_doc_application_idx_open_load")), string.Join('\n', plan));
    }
}
