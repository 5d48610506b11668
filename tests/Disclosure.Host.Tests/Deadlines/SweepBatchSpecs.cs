using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Disclosure.Host.Tests.Deadlines;

/// <summary>
/// The sweep at volume (#25): a page's cases of one agency go to the write path as one batch — one transaction for what
/// changes, nothing written for a case on which nothing falls due.
/// </summary>
public class SweepBatchSpecs(AppFixture fixture) : Applications.ApplicationScenario(fixture)
{
    private async Task<System.Text.Json.JsonElement> SweepOn(string day)
    {
        Clock.Now = new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(0, 5)), TimeSpan.FromHours(8));
        return await Jobs.JobWait.FinishedAsync(Host, Admin, await Post("/api/deadlines/sweep", new { }));
    }

    private static async Task<long> Scalar(string sql)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_sweep_on_a_night_when_nothing_falls_due_writes_nothing_and_schedules_no_second_check()
    {
        Clock.Now = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-01-06"); // due 2025-02-08; its reminder day, 2025-02-05, is scheduled with the intake
        var version = await StreamVersion(Agency, id);
        Assert.Single(await ScheduledCheckTimes("CheckApplicationDeadlines", id.ToString()));

        var first = await SweepOn("2025-01-10");
        var second = await SweepOn("2025-01-13");

        Assert.Equal((1, 0, 0), (first.GetProperty("handled").GetInt32(), first.GetProperty("changed").GetInt32(), first.GetProperty("failed").GetInt32()));
        Assert.Equal((1, 0, 0), (second.GetProperty("handled").GetInt32(), second.GetProperty("changed").GetInt32(), second.GetProperty("failed").GetInt32()));
        Assert.Equal(version, await StreamVersion(Agency, id));
        // each sweep used to schedule the case's next check again: one more stored check per open case per night
        Assert.Single(await ScheduledCheckTimes("CheckApplicationDeadlines", id.ToString()));
    }

    [Fact]
    public async Task The_reminders_and_lapses_of_one_agencys_page_are_recorded_in_one_transaction()
    {
        Clock.Now = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.FromHours(8));
        var reminded = new[] { await Receive("2025-01-06"), await Receive("2025-01-06"), await Receive("2025-01-06") }; // reminder day 2025-02-05
        var lapsing = await Receive("2025-01-06");
        (await Step(lapsing, "correction-request", new { sentOn = "2025-01-06", items = new[] { "写明所需信息" }, correctBy = "2025-01-20" })).ShouldBe(200);
        Clock.Now = new DateTimeOffset(2025, 2, 4, 10, 0, 0, TimeSpan.FromHours(8));
        await Receive("2025-02-04"); // nothing due on 2025-02-05

        var job = await SweepOn("2025-02-05");

        Assert.Equal((5, 4, 0), (job.GetProperty("handled").GetInt32(), job.GetProperty("changed").GetInt32(), job.GetProperty("failed").GetInt32()));
        Assert.Equal(("abandoned", "other_no_correction"), ((await Get($"{Base}/{lapsing}")).Str("status"), (await Get($"{Base}/{lapsing}")).Str("outcome")));
        Assert.Equal(3, await Scalar("select count(*) from disclosure.mt_doc_notification"));
        // one transaction: the rows of the three reminders and of the lapse share its id (a command each: four)
        Assert.Equal(1, await Scalar(
            "select count(distinct x::text) from (select xmin as x from disclosure.mt_doc_notification " +
            "union all select xmin from disclosure.mt_events where type = 'correction_lapsed') t"));
    }
    [Fact]
    public async Task A_page_holds_one_agencys_cases_so_two_agencies_received_in_turn_are_swept_in_two_transactions_not_four()
    {
        var settings = Host.Services.GetRequiredService<Disclosure.Host.Jobs.JobSettings>();
        settings.PageSize = 4;
        try
        {
            await CreateAgency("haimen", code: "HM");
            Clock.Now = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.FromHours(8));
            // received in turn: listed by id alone, each page of four held two cases of each agency (four batches)
            for (var i = 0; i < 4; i++)
            {
                await Receive("2025-01-06");
                (await Post("/api/agencies/haimen/applications", Intake("2025-01-06"))).ShouldBe(201);
            }

            var job = await SweepOn("2025-02-05"); // the reminder day of all eight

            Assert.Equal((2, 8, 8, 0), (job.GetProperty("pages").GetInt32(), job.GetProperty("handled").GetInt32(),
                job.GetProperty("changed").GetInt32(), job.GetProperty("failed").GetInt32()));
            Assert.Equal(8, await Scalar("select count(*) from disclosure.mt_doc_notification"));
            // one batch (one transaction) per page: each page is one agency's four cases
            Assert.Equal(2, await Scalar("select count(distinct xmin::text) from disclosure.mt_doc_notification"));
            Assert.Equal(1, await Scalar("select count(distinct xmin::text) from disclosure.mt_doc_notification where tenant_id = 'haimen'"));
        }
        finally { settings.PageSize = 200; }
    }
}
