using Disclosure.Host.Cases;
using Disclosure.Host.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Disclosure.Host.Tests.Deadlines;

/// <summary>
/// What leaves the system (a reminder handed to the sender) leaves only after the transaction that recorded it
/// committed; a deadline check goes through <see cref="CaseBus"/> like every other door, and one that loses a race looks
/// again. The race is made deterministic: a concurrent check, armed on <see cref="ConcurrentWriter"/>, commits the same
/// reminder just before the commit under test.
/// </summary>
public class AfterCommitSpecs(AppFixture fixture) : Applications.ApplicationScenario(fixture)
{
    private IMessageBus Bus => Host.Services.GetRequiredService<IMessageBus>();

    /// <summary>An application whose due_soon reminder (3 working days before 2025-02-08) falls due on the day the clock is at.</summary>
    private async Task<Guid> OnReminderDay()
    {
        Clock.Now = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-01-06");
        Clock.Now = new DateTimeOffset(2025, 2, 5, 0, 5, 0, TimeSpan.FromHours(8));
        Fixture.Sent.Clear();
        return id;
    }

    /// <summary>What the sender got, once the outbox has had time to hand over everything committed.</summary>
    private async Task<IReadOnlyList<Notification>> SentSettled()
    {
        for (var i = 0; i < 40 && Fixture.Sent.Sent.Count == 0; i++) await Task.Delay(250);
        await Task.Delay(1000); // and anything else that would be handed over
        return Fixture.Sent.Sent;
    }

    private async Task<int> RecordedReminders() =>
        (await Get($"/api/agencies/{Agency}/notifications")).ShouldBe(200).Json.GetProperty("items").GetArrayLength();

    [Fact]
    public async Task A_reminder_is_sent_once_committed_and_a_check_that_lost_the_race_with_a_409_sends_nothing()
    {
        var id = await OnReminderDay();
        CaseAnswer? winner = null;
        Fixture.Race.Arm(async () => winner = await Bus.SendAsync(Agency, new ApplyDeadlines<Disclosure.Domain.Applications.Application> { Case = id.ToString() }, default));

        var loser = await Bus.SendAsync(Agency, new ApplyDeadlines<Disclosure.Domain.Applications.Application> { Case = id.ToString() }, default);

        Assert.Equal(409, loser.Status); // it recorded the same reminder, committed second
        Assert.Equal(1, winner!.Notified);
        var sent = Assert.Single(await SentSettled()); // the winner's, after its commit; none for the loser
        Assert.Equal(("due_soon", new DateOnly(2025, 2, 8)), (sent.Kind, sent.DueOn));
        Assert.Equal(1, await RecordedReminders());
    }

    [Fact]
    public async Task A_reminder_is_handed_to_the_sender_after_the_commit_that_recorded_it()
    {
        var id = await OnReminderDay();
        var answer = await Bus.SendAsync(Agency, new ApplyDeadlines<Disclosure.Domain.Applications.Application> { Case = id.ToString() }, default);
        Assert.Equal(1, answer.Notified);
        var sent = Assert.Single(await SentSettled());
        Assert.Equal(id, sent.CaseId);
    }

    [Fact]
    public async Task A_reminder_is_recorded_but_nothing_is_published_to_deliver_it_where_the_sender_delivers_nowhere()
    {
        var id = await OnReminderDay();
        Fixture.Sent.Delivers = false; // as the default sender (RecordOnlySender): a durable message per reminder for nothing
        try
        {
            var answer = await Bus.SendAsync(Agency, new ApplyDeadlines<Disclosure.Domain.Applications.Application> { Case = id.ToString() }, default);
            Assert.Equal(1, answer.Notified);
            Assert.Equal(1, await RecordedReminders());
            Assert.Empty(await SentSettled());
        }
        finally { Fixture.Sent.Delivers = true; }
    }

    [Fact]
    public async Task A_scheduled_check_that_loses_a_race_answers_through_CaseBus_and_looks_again()
    {
        var id = await OnReminderDay();
        CaseAnswer? winner = null;
        Fixture.Race.Arm(async () => winner = await Bus.SendAsync(Agency, new ApplyDeadlines<Disclosure.Domain.Applications.Application> { Case = id.ToString() }, default));

        var answer = await Bus.InvokeAsync<CaseAnswer>(new CheckApplicationDeadlines(Agency, id));

        Assert.Equal(1, winner!.Notified);
        Assert.Equal(CaseOutcome.Unchanged, answer.Outcome); // looked again after the lost race: the reminder is there already
        Assert.Single(await SentSettled());
        Assert.Equal(1, await RecordedReminders());
    }

    [Fact]
    public async Task The_sweep_looks_again_at_a_case_it_lost_a_race_on()
    {
        Clock.Now = new DateTimeOffset(2025, 1, 22, 10, 0, 0, TimeSpan.FromHours(8));
        var earlier = await Receive("2025-01-20");
        var id = await Receive("2025-01-20");
        (await Step(id, "correction-request", new { sentOn = "2025-01-22", items = new[] { "写明所需信息" }, correctBy = "2025-02-14" })).ShouldBe(200);

        // a handler links the application to an earlier one just as the sweep lapses its correction period
        Clock.Now = new DateTimeOffset(2025, 2, 15, 0, 5, 0, TimeSpan.FromHours(8));
        Reply? linked = null;
        Fixture.Race.Arm(
            async () => linked = await Post($"{Base}/{id}/relations", new { relatedTo = earlier.ToString(), kind = "same_applicant" }, Token(Disclosure.Host.Security.Roles.Handler, Agency)),
            when: s => s.PendingChanges.Streams().Any(stream => stream.Id == id));
        await Jobs.JobWait.FinishedAsync(Host, Admin, await Post("/api/deadlines/sweep", new { }));

        linked!.ShouldBe(200);
        var app = (await Get($"{Base}/{id}")).ShouldBe(200);
        Assert.Equal(("abandoned", "other_no_correction"), (app.Str("status"), app.Str("outcome"))); // lapsed after all, on the second look
        Assert.Equal(["application_related", "correction_lapsed"],
            app.Json.GetProperty("history").EnumerateArray().TakeLast(2).Select(e => e.GetProperty("type").GetString()!));
    }
}
