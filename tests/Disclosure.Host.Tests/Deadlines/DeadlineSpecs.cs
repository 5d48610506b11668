using Alba;
using Disclosure.Host.Deadlines;
using Disclosure.Host.Security;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Disclosure.Host.Tests.Deadlines;

/// <summary>Deadlines that act: the clock is moved day by day and the sweep (the same work the scheduled checks do) runs.</summary>
public class DeadlineSpecs(AppFixture fixture) : Applications.ApplicationScenario(fixture)
{
    private async Task On(string day)
    {
        Clock.Now = new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(0, 5)), TimeSpan.FromHours(8));
        await Jobs.JobWait.FinishedAsync(Host, Admin, await Post("/api/deadlines/sweep", new { }));
    }

    private async Task<List<(string Kind, string DueOn, string Number)>> Notifications(string? user = null)
    {
        var reply = (await Get($"/api/agencies/{Agency}/notifications{(user is null ? "" : "?user=" + user)}")).ShouldBe(200);
        return reply.Json.GetProperty("items").EnumerateArray()
            .Select(n => (n.GetProperty("kind").GetString()!, n.GetProperty("dueOn").GetString()!, n.GetProperty("trackingNumber").GetString()!)).ToList();
    }

    [Fact]
    public async Task Reminders_fire_on_the_right_working_day_across_the_spring_festival()
    {
        Clock.Now = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-01-06", token: Token(Roles.Intake, Agency)); // due 2025-02-08, a Saturday make-up working day
        Assert.Equal("2025-02-08", (await Get($"{Base}/{id}")).Str("dueOn"));

        await On("2025-02-04"); // last day of the holiday break: the reminder day is 3 working days before, 2025-02-05
        Assert.Empty(await Notifications());
        await On("2025-02-05");
        Assert.Equal([("due_soon", "2025-02-08", "SP-2025-00001")], await Notifications());
        Assert.Single(await Notifications("user-intake")); // addressed to who worked on it
        await On("2025-02-06");
        Assert.Single(await Notifications()); // once per due date
        await On("2025-02-08");
        Assert.Single(await Notifications());
        await On("2025-02-09");
        Assert.Contains(("overdue", "2025-02-08", "SP-2025-00001"), await Notifications());
    }

    [Fact]
    public async Task A_case_answered_before_its_reminder_gets_none()
    {
        Clock.Now = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-01-06");
        (await Step(id, "decision", new { decidedOn = "2025-01-06", outcome = "disclosed" })).ShouldBe(200);
        await On("2025-02-05");
        await On("2025-02-10");
        Assert.Empty(await Notifications());
    }

    [Fact]
    public async Task No_correction_by_the_date_set_closes_the_application_as_other_no_correction()
    {
        Clock.Now = new DateTimeOffset(2025, 1, 22, 10, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-01-20");
        (await Step(id, "correction-request", new { sentOn = "2025-01-22", items = new[] { "写明所需信息" }, correctBy = "2025-02-14" })).ShouldBe(200);
        await On("2025-02-14");
        Assert.Equal("awaiting_correction", (await Get($"{Base}/{id}")).Str("status"));
        await On("2025-02-15");
        var app = (await Get($"{Base}/{id}")).ShouldBe(200);
        Assert.Equal(("abandoned", "other_no_correction", "2025-02-15"), (app.Str("status"), app.Str("outcome"), app.Str("decidedOn")));
        var lapse = app.Json.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("correction_lapsed", "system"), (lapse.GetProperty("type").GetString(), lapse.GetProperty("user").GetString()));
        Assert.Contains("条例第三十条", lapse.GetProperty("data").GetProperty("rule").GetString());
        await On("2025-02-16");
        Assert.Equal(3, await StreamVersion(Agency, id)); // running again adds nothing
    }

    [Fact]
    public async Task An_unpaid_fee_lapses_after_twenty_working_days_and_a_silent_consultation_ends_after_fifteen()
    {
        Clock.Now = new DateTimeOffset(2025, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));
        var fee = await Receive("2025-03-03");
        (await Step(fee, "fee-notice", new { sentOn = "2025-03-05", amountYuan = 200, basis = "per_page" })).ShouldBe(200);
        var consulted = await Receive("2025-03-03");
        var consultation = (await Step(consulted, "consultations", new { sentOn = "2025-03-04", party = "某公司" })).ShouldBe(200);

        await On("2025-03-25");
        Assert.Equal("in_consultation", (await Get($"{Base}/{consulted}")).Str("status"));
        await On("2025-03-26");
        var after = (await Get($"{Base}/{consulted}")).ShouldBe(200);
        Assert.Equal("received", after.Str("status"));
        Assert.Equal("2025-03-25", after.Json.GetProperty("consultations")[0].GetProperty("lapsedOn").GetString());
        Assert.False(after.Json.GetProperty("deadline").GetProperty("provisional").GetBoolean());

        await On("2025-04-02");
        Assert.Equal("awaiting_fee", (await Get($"{Base}/{fee}")).Str("status"));
        await On("2025-04-03");
        var lapsed = (await Get($"{Base}/{fee}")).ShouldBe(200);
        Assert.Equal(("abandoned", "other_fee_unpaid"), (lapsed.Str("status"), lapsed.Str("outcome")));
    }

    [Fact]
    public async Task Letters_get_reply_reminders_too()
    {
        Clock.Now = new DateTimeOffset(2025, 6, 3, 10, 0, 0, TimeSpan.FromHours(8));
        var letter = (await Post($"/api/agencies/{Agency}/letters", new
        {
            channel = "online", category = "help", subject = "求助", body = "求助内容", writer = new { name = "赵六" }, receivedOn = "2025-06-03",
        })).ShouldBe(201);
        (await Post($"/api/agencies/{Agency}/letters/{letter.Str("id")}/acceptance", new { on = "2025-06-03" })).ShouldBe(200); // reply due 2025-06-24
        await On("2025-06-19");
        Assert.Contains(("due_soon", "2025-06-24", letter.Str("trackingNumber")), await Notifications());
        await On("2025-06-25");
        Assert.Contains(("overdue", "2025-06-24", letter.Str("trackingNumber")), await Notifications());
    }

    private static Task<List<DateTimeOffset>> ScheduledChecks() => ScheduledCheckTimes("CheckApplicationDeadlines");

    [Fact]
    public async Task Checks_are_scheduled_durably_in_PostgreSQL_and_each_schedules_the_next()
    {
        Clock.Now = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-01-06");
        Assert.Equal(new DateTimeOffset(2025, 2, 5, 0, 5, 0, TimeSpan.FromHours(8)), Assert.Single(await ScheduledChecks())); // the reminder day

        await Wolverine.Runtime.StorageExtensions.ClearAllWolverineStorageAsync(Host);
        Clock.Now = new DateTimeOffset(2025, 2, 5, 0, 5, 0, TimeSpan.FromHours(8));
        await Wolverine.Tracking.WolverineHostMessageTrackingExtensions.InvokeMessageAndWaitAsync(Host, new CheckApplicationDeadlines(Agency, id));
        Assert.Single(await Notifications());
        Assert.Equal(new DateTimeOffset(2025, 2, 9, 0, 5, 0, TimeSpan.FromHours(8)), Assert.Single(await ScheduledChecks())); // the day after the due date
    }

    [Fact]
    public async Task A_check_is_stored_in_the_transaction_of_the_step_that_needs_it_and_a_lost_step_stores_none()
    {
        Clock.Now = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-01-06");
        Assert.Single(await ScheduledChecks()); // stored with the intake, there when the 201 is

        // ten handlers send the same correction request at once: one wins; the others' checks must not survive their 409
        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Post($"/api/agencies/{Agency}/applications/{id}/correction-request", new { sentOn = "2025-01-06", items = new[] { "x" }, correctBy = "2025-01-20" })));
        Assert.Equal(1, replies.Count(r => r.Status == 200));
        Assert.Equal(9, replies.Count(r => r.Status == 409));
        Assert.Equal(2, (await ScheduledChecks()).Count);
    }

    [Fact]
    public async Task A_scheduled_check_fires_after_the_host_that_scheduled_it_is_gone()
    {
        Clock.Now = new DateTimeOffset(2025, 2, 5, 9, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-01-06");
        await using (var other = await AlbaHost.For<Program>(x => x.ConfigureServices(s => { s.RunWolverineInSoloMode(); s.DisableAllExternalWolverineTransports(); })))
        {
            var bus = other.Services.GetRequiredService<IMessageBus>();
            await bus.ScheduleAsync(new CheckApplicationDeadlines(Agency, id), DateTimeOffset.UtcNow.AddSeconds(2));
            await other.StopAsync();
        }
        for (var i = 0; i < 60 && (await Notifications()).Count == 0; i++) await Task.Delay(500);
        Assert.Equal([("due_soon", "2025-02-08", "SP-2025-00001")], await Notifications());
    }
}
