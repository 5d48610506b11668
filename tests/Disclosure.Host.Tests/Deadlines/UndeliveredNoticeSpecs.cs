using Disclosure.Host.Deadlines;
using Disclosure.Host.Tests.Notices;

namespace Disclosure.Host.Tests.Deadlines;

/// <summary>
/// An answer notice (答复书) left undelivered reminds the handlers after the agency's working days (issue 27, item 8): a
/// deadline check scheduled with the answer finds it, through the write path like every other reminder; a delivered one
/// reminds nobody, and without the setting nothing is scheduled for it.
/// </summary>
public class UndeliveredNoticeSpecs(AppFixture fixture) : NoticeScenario(fixture)
{
    private static DateTimeOffset At(string day) => new(DateOnly.Parse(day).ToDateTime(new TimeOnly(0, 5)), TimeSpan.FromHours(8));

    private async Task<List<(string Kind, string DueOn, string Number)>> Notifications()
    {
        var reply = (await Get($"/api/agencies/{Agency}/notifications")).ShouldBe(200);
        return reply.Json.GetProperty("items").EnumerateArray()
            .Select(n => (n.GetProperty("kind").GetString()!, n.GetProperty("dueOn").GetString()!, n.GetProperty("trackingNumber").GetString()!)).ToList();
    }

    private async Task<(Guid Id, string Number)> Answered()
    {
        var id = await Receive("2025-03-03");
        var view = (await Step(id, "decision", Disclosed("2025-03-03"))).ShouldBe(200);
        return (id, view.Str("trackingNumber"));
    }

    private Task Check(Guid id) =>
        Wolverine.Tracking.WolverineHostMessageTrackingExtensions.InvokeMessageAndWaitAsync(Host, new CheckApplicationDeadlines(Agency, id));

    [Fact]
    public async Task An_answer_notice_undelivered_for_the_agencys_working_days_reminds_once_and_a_delivered_one_does_not()
    {
        Clock.Now = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(8));
        await SetNoticeSettings();
        (await Put($"/api/agencies/{Agency}/settings/reminders", new { workingDaysBefore = 3, undeliveredNoticeWorkingDays = 5 })).ShouldBe(200);
        var (undelivered, number) = await Answered();
        var (delivered, _) = await Answered();
        (await Post($"{Base}/{delivered}/notices/{Uri.EscapeDataString(Answer(2))}/delivery", new { method = "direct", signedOn = "2025-03-03" })).ShouldBe(200);

        // 5 working days after 2025-03-03 (a Monday): 2025-03-10; the answer scheduled the check for it
        Assert.Contains(At("2025-03-10"), await ScheduledCheckTimes("CheckApplicationDeadlines"));

        Clock.Now = At("2025-03-07");
        await Check(undelivered);
        Assert.Empty(await Notifications());
        Clock.Now = At("2025-03-10");
        await Check(undelivered);
        await Check(delivered);
        var reminder = Assert.Single(await Notifications());
        Assert.Equal(("notice_undelivered", "2025-03-10", number), reminder);
        await Check(undelivered); // once per notice
        Assert.Single(await Notifications());
    }

    [Fact]
    public async Task Without_the_setting_an_answered_case_schedules_no_check_for_its_notice()
    {
        Clock.Now = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(8));
        await SetNoticeSettings();
        await Answered();
        // the intake's own check (its reminder day) stays scheduled; the answer adds none for its notice
        Assert.DoesNotContain(At("2025-03-10"), await ScheduledCheckTimes("CheckApplicationDeadlines"));
    }
}
