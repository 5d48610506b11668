using System.Text.Json;
using System.Text.Json.Nodes;
using Disclosure.Domain.Applications;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cases;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Disclosure.Host.Tests.Applications;

/// <summary>
/// The case file as it stood (<c>GET …/applications/{id}?asOf=</c>): the application, its clock and its history as they were
/// at an instant, from the events alone.
/// </summary>
public class AsOfSpecs(AppFixture fixture) : ApplicationScenario(fixture)
{
    private static string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));

    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> Events(Guid id)
    {
        await using var session = Store.QuerySession(Agency);
        return await session.Events.FetchStreamAsync(id);
    }

    [Fact]
    public async Task A_later_step_does_not_change_the_case_as_it_stood_before_it()
    {
        var id = await Receive("2025-03-03");
        (await Step(id, "correction-request", new { sentOn = "2025-03-04", items = new[] { "写明所需信息的名称" }, correctBy = "2025-03-14" })).ShouldBe(200);
        var before = (await Events(id))[^1].Timestamp;
        (await Step(id, "correction", new { receivedOn = "2025-03-10" })).ShouldBe(200);
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(200);

        var stood = (await Get($"{Base}/{id}?asOf={At(before)}")).ShouldBe(200).Json;
        Assert.Equal("awaiting_correction", stood.GetProperty("status").GetString());
        Assert.Equal(2, stood.GetProperty("version").GetInt64());
        Assert.Equal(2, stood.GetProperty("history").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, stood.GetProperty("outcome").ValueKind);
        // the tracking number addresses the past too
        var number = stood.GetProperty("trackingNumber").GetString()!;
        Assert.Equal("awaiting_correction", (await Get($"{Base}/{number}?asOf={At(before)}")).ShouldBe(200).Str("status"));

        var now = (await Get($"{Base}/{id}")).ShouldBe(200).Json;
        Assert.Equal("answered", now.GetProperty("status").GetString());
        Assert.Equal(4, now.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_date_means_the_end_of_that_day_in_Beijing_and_a_bad_instant_is_refused()
    {
        var id = await Receive("2025-03-03");
        var received = (await Events(id))[0].Timestamp;
        var day = DateOnly.FromDateTime(received.ToOffset(TimeSpan.FromHours(8)).DateTime);

        Assert.Equal(1, (await Get($"{Base}/{id}?asOf={day:yyyy-MM-dd}")).ShouldBe(200).Json.GetProperty("version").GetInt64());
        var dayBefore = (await Get($"{Base}/{id}?asOf={day.AddDays(-1):yyyy-MM-dd}")).ShouldBe(404);
        Assert.Contains("was not yet recorded", dayBefore.Body);
        // one microsecond before the intake was recorded, the case did not exist; at that very instant it did
        (await Get($"{Base}/{id}?asOf={At(received.AddTicks(-TimeSpan.TicksPerMicrosecond))}")).ShouldBe(404);
        (await Get($"{Base}/{id}?asOf={At(received)}")).ShouldBe(200);

        foreach (var bad in new[] { "yesterday", "2025-13-01", "2025-03-05T14:30:00", "1999-01-01" })
        {
            var refused = (await Get($"{Base}/{id}?asOf={Uri.EscapeDataString(bad)}")).ShouldBe(400);
            Assert.True(refused.Json.GetProperty("errors").TryGetProperty("asOf", out _), refused.Body);
        }
        (await Get($"{Base}/{Guid.NewGuid()}?asOf={day:yyyy-MM-dd}")).ShouldBe(404);
        // another agency's case does not exist there, in the past either
        await CreateAgency("haimen");
        (await Get($"/api/agencies/haimen/applications/{id}?asOf={day:yyyy-MM-dd}")).ShouldBe(404);
    }

    /// <summary>
    /// The property: for random histories recorded through the real write path (commands the write path refuses leave
    /// nothing), the case as of each event's recording time is the fold of the events recorded up to then — the same view
    /// <see cref="ApplicationView.From"/> makes of <see cref="Application.From"/> with the calendar, read on that day.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task The_case_as_of_each_event_is_the_fold_of_the_events_up_to_it(int seed)
    {
        var random = new Random(seed);
        var id = await Receive("2025-03-03");
        var day = new DateOnly(2025, 3, 3);
        Guid? consultation = null;
        string[] outcomes = ["disclosed", "partially_disclosed", "unavailable_not_held", "withheld_process_information"];
        for (var i = 0; i < 12; i++)
        {
            day = day.AddDays(random.Next(0, 4));
            var on = day.ToString("yyyy-MM-dd");
            var reply = random.Next(9) switch
            {
                0 => await Step(id, "correction-request", new { sentOn = on, items = new[] { "写明所需信息的名称" }, correctBy = day.AddDays(10).ToString("yyyy-MM-dd") }),
                1 => await Step(id, "correction", new { receivedOn = on }),
                2 => await Step(id, "consultations", new { sentOn = on, party = "某建设公司" }),
                3 when consultation is { } c => await Step(id, $"consultations/{c}/reply", new { receivedOn = on, consents = random.Next(2) == 0 }),
                4 => await Step(id, "extension", new { approvedOn = on, approvedBy = "政务公开办主任", workingDays = random.Next(1, 21), reason = "涉及档案调取" }),
                5 or 6 => await Step(id, "decision", new { decidedOn = on, outcome = outcomes[random.Next(outcomes.Length)] }),
                7 => await Step(id, "decision-correction", new { correctedOn = on, outcome = outcomes[random.Next(outcomes.Length)], reason = "答复内容有误" }),
                _ => await Step(id, "withdrawal", new { on, reason = "申请人撤回" }),
            };
            Assert.True(reply.Status is 200 or 201 or 400 or 409, reply.ToString());
            if (reply.Status == 201 && reply.Json.TryGetProperty("consultationId", out var started)) consultation = started.GetGuid();
        }

        var events = await Events(id);
        Assert.True(events.Count >= 2, $"seed {seed} recorded only the intake");
        var calendars = Host.Services.GetRequiredService<CalendarStore>();
        var json = Host.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        foreach (var e in events)
        {
            var upTo = events.Where(x => x.Timestamp <= e.Timestamp).ToList(); // one transaction's events share their instant
            var fold = Application.From(upTo.Select(x => x.Data), calendars.Current, calendars.Settings);
            fold.Version = upTo[^1].Version;
            var expected = JsonNode.Parse(JsonSerializer.Serialize(ApplicationView.From(fold, AsOf.DayOf(e.Timestamp), upTo), json));
            var actual = JsonNode.Parse((await Get($"{Base}/{id}?asOf={At(e.Timestamp)}")).ShouldBe(200).Body);
            Assert.True(JsonNode.DeepEquals(expected, actual), $"seed {seed}, as of event {e.Version} ({e.EventTypeName}):\n{expected}\n---\n{actual}");

            // Marten's own live aggregation of the stream up to that version (the registered projection) agrees on the facts
            await using var session = Store.QuerySession(Agency);
            var marten = await session.Events.AggregateStreamAsync<Application>(id, version: upTo[^1].Version);
            Assert.Equal(fold.Status, marten!.Status);
            Assert.Equal(fold.DueOn, marten.DueOn);
            Assert.Equal(fold.Answer?.Outcome, marten.Answer?.Outcome);
        }
    }
}
