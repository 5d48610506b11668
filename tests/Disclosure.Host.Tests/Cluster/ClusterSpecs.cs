using System.Diagnostics;
using Alba;
using Disclosure.Host.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Disclosure.Host.Tests.Cluster;

/// <summary>Two nodes on one database behave as one system: what one node changes is in force on the other; scheduled work runs once.</summary>
[Collection("cluster")]
public class ClusterSpecs(ClusterFixture cluster)
{
    /// <summary>How soon a change made through one node must be in force on every node (issue: "within 2 seconds").</summary>

    private Task<Reply> Send(IAlbaHost node, HttpMethod method, string url, object? body = null) => Http.SendAsync(node, method, url, body, cluster.Admin);

    private async Task<string> AgencyThrough(IAlbaHost node)
    {
        var id = "c" + Guid.NewGuid().ToString("N")[..10];
        (await Send(node, HttpMethod.Post, "/api/agencies", new { id, name = "机关 " + id })).ShouldBe(201);
        return id;
    }

    private static object Application(string receivedOn) => new
    {
        channel = "online", applicant = new { category = "natural_person", name = "张三" }, description = "园区规划许可", receivedOn,
    };

    [Fact]
    public async Task A_holiday_notice_loaded_through_one_node_is_used_by_the_other_for_an_intake_and_open_cases_are_rederived_once()
    {
        cluster.Clock.Now = new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var agency = await AgencyThrough(cluster.A);
        var applications = $"/api/agencies/{agency}/applications";
        // given a case received on B while 2027 has no notice: it has no due date yet, and B knows no 2027
        var waiting = (await Send(cluster.B, HttpMethod.Post, applications, Application("2026-12-10"))).ShouldBe(201);
        Assert.Equal("", waiting.Str("dueOn"));
        (await Send(cluster.B, HttpMethod.Get, "/api/calendar/working-days?from=2026-12-31&days=1")).ShouldBe(400);

        // when the 2027 notice is loaded through A
        var loaded = (await Send(cluster.A, HttpMethod.Put, "/api/calendar/2027",
            new { notice = "国办发明电〔2026〕测试", off = new[] { "2027-01-01" }, makeupWorkdays = Array.Empty<string>(), reason = "2027年通知发布" })).ShouldBe(202);

        // then B counts with it within two seconds, and an intake on B gets its due date from it
        Assert.True(await ClusterFixture.Within(ClusterFixture.InForceWithin, async () => (await Send(cluster.B, HttpMethod.Get, "/api/calendar/working-days?from=2026-12-31&days=1")).Status == 200),
            "B still has no 2027 notice two seconds after A loaded it");
        Assert.Equal("2027-01-08", (await Send(cluster.B, HttpMethod.Post, applications, Application("2026-12-10"))).ShouldBe(201).Str("dueOn"));

        // and the case that waited got its due date once, from the node that took the notice
        var rederived = await Jobs.JobWait.FinishedAsync(url => Send(cluster.A, HttpMethod.Get, url), loaded.Location!);
        Assert.Single(rederived.GetProperty("details").EnumerateArray());
        var history = (await Send(cluster.B, HttpMethod.Get, $"{applications}/{waiting.Str("id")}")).ShouldBe(200).Json.GetProperty("history").EnumerateArray();
        Assert.Equal(1, history.Count(e => e.GetProperty("type").GetString() == "due_date_rederived"));
    }

    [Fact]
    public async Task Mailbox_time_limits_set_through_one_node_are_in_force_on_the_other()
    {
        cluster.Clock.Now = new DateTimeOffset(2025, 6, 3, 10, 0, 0, TimeSpan.FromHours(8));
        var agency = await AgencyThrough(cluster.A);
        var settings = $"/api/agencies/{agency}/settings/letters";
        // given B has read (and cached) the agency's limits
        Assert.Equal(3, (await Send(cluster.B, HttpMethod.Get, settings)).ShouldBe(200).Json.GetProperty("acceptWithin").GetInt32());

        // when they are changed through A
        (await Send(cluster.A, HttpMethod.Put, settings, new { acceptWithinWorkingDays = 5, replyWithinWorkingDays = 10 })).ShouldBe(200);

        // then B answers with them within two seconds, and a letter received on B is due by them
        Assert.True(await ClusterFixture.Within(ClusterFixture.InForceWithin, async () =>
                (await Send(cluster.B, HttpMethod.Get, settings)).Json.GetProperty("acceptWithin").GetInt32() == 5),
            "B still uses the old limits two seconds after they were changed through A");
        var letter = (await Send(cluster.B, HttpMethod.Post, $"/api/agencies/{agency}/letters", new
        {
            channel = "online", category = "help", subject = "求助", body = "求助内容", writer = new { name = "赵六" }, receivedOn = "2025-06-03",
        })).ShouldBe(201);
        var fiveWorkingDays = (await Send(cluster.B, HttpMethod.Get, "/api/calendar/working-days?from=2025-06-03&days=5")).ShouldBe(200).Str("date");
        Assert.Equal(fiveWorkingDays, (await Send(cluster.B, HttpMethod.Get, $"/api/agencies/{agency}/letters/{letter.Str("id")}")).Str("dueOn"));
    }

    [Fact]
    public async Task A_scheduled_check_due_once_is_handled_once_by_one_of_the_two_nodes()
    {
        cluster.Clock.Now = new DateTimeOffset(2025, 2, 5, 9, 0, 0, TimeSpan.FromHours(8)); // the reminder day of cases received 2025-01-06
        var agency = await AgencyThrough(cluster.A);
        var cases = new List<Guid>();
        for (var i = 0; i < 8; i++)
            cases.Add(Guid.Parse((await Send(i % 2 == 0 ? cluster.A : cluster.B, HttpMethod.Post, $"/api/agencies/{agency}/applications", Application("2025-01-06"))).ShouldBe(201).Str("id")));

        // when a check of each case falls due at one moment, with both nodes polling the schedule
        var bus = cluster.A.Services.GetRequiredService<IMessageBus>();
        var due = DateTimeOffset.UtcNow.AddSeconds(1);
        foreach (var id in cases) await bus.ScheduleAsync(new CheckApplicationDeadlines(agency, id), due);

        // then every case gets its reminder
        var notifications = $"/api/agencies/{agency}/notifications";
        Assert.True(await ClusterFixture.Within(TimeSpan.FromSeconds(60), async () => (await Send(cluster.B, HttpMethod.Get, notifications)).Json.GetProperty("total").GetInt32() == cases.Count),
            "the scheduled checks did not all run within a minute");
        // … and after one more polling period of the scheduler (5 s; a node that took a check a second time would have run it
        // by then), each check was handled exactly once, on one node or the other
        await Task.Delay(TimeSpan.FromSeconds(6));
        var handled = cluster.LogsOfA.Lines.Concat(cluster.LogsOfB.Lines).Where(l => l.StartsWith("Deadline check ", StringComparison.Ordinal)).ToList();
        foreach (var id in cases) Assert.Single(handled, l => l.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.Equal(cases.Count, (await Send(cluster.A, HttpMethod.Get, notifications)).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Each_recurring_job_has_one_occurrence_scheduled_for_the_whole_cluster()
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        async Task<long> Count(string sql, string job)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue(job);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        const string recorded = "select count(*) from disclosure.wolverine_recurring_messages where schedule_name like '%' || $1 || '%' and next_occurrence is not null";
        const string scheduled = "select count(*) from disclosure.wolverine_incoming_envelopes where message_type like '%.' || $1 and status = 'Scheduled'";
        foreach (var job in new[] { "SweepDeadlines", "CloseYear" })
        {
            // the leader hands the schedules to one node's recurring agent once the two nodes have met
            Assert.True(await ClusterFixture.Within(TimeSpan.FromSeconds(60), async () => await Count(recorded, job) == 1), $"no occurrence of {job} was scheduled");
            Assert.Equal(1L, await Count(scheduled, job));
        }
    }
}
