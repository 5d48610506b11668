using Disclosure.Host.Security;
using Marten;

namespace Disclosure.Host.Tests.Letters;

/// <summary>
/// 督办: a supervisor flags a letter with the day it must be answered by; the 督办 list shows the letters still waiting, the
/// overdue ones (past that day, unanswered) first and counted. 回访 (feedback) is the loop's other end (LetterSpecs).
/// Today is 2025-06-30 (the test clock).
/// </summary>
public class SupervisionSpecs(AppFixture fixture) : HostScenario(fixture)
{
    private const string Agency = "sanchang-park";
    private const string Base = "/api/agencies/sanchang-park/letters";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateAgency(Agency);
    }

    private async Task<Guid> Accepted(string subject)
    {
        var r = (await Post(Base, new
        {
            channel = "online", category = "complaint", subject, body = "三厂园区某路段雨后积水严重，请尽快处理。",
            writer = new { name = "李四", phone = "13900001111" }, receivedOn = "2025-06-02", publicConsent = true,
        }, Token(Roles.Intake, Agency))).ShouldBe(201);
        var id = Guid.Parse(r.Str("id"));
        (await Post($"{Base}/{id}/acceptance", new { on = "2025-06-03" }, Token(Roles.Handler, Agency))).ShouldBe(200);
        return id;
    }

    private Task<Reply> Supervise(Guid id, string on, string replyBy, string? token = null) =>
        Post($"{Base}/{id}/supervision", new { on, replyBy, note = "请建设局于期限内答复并报送办理情况" }, token ?? Token(Roles.Supervisor, Agency));

    [Fact]
    public async Task The_supervisors_list_shows_the_flagged_letters_still_waiting_with_the_overdue_counted()
    {
        var late = await Accepted("积水一");
        var pending = await Accepted("积水二");
        var answered = await Accepted("积水三");
        await Accepted("未督办");

        var flagged = (await Supervise(late, "2025-06-16", "2025-06-27")).ShouldBe(200);
        Assert.Equal("letter_supervised", flagged.Json.GetProperty("history").EnumerateArray().Last().GetProperty("type").GetString());
        Assert.Equal("督办", flagged.Json.GetProperty("history").EnumerateArray().Last().GetProperty("label").GetString());
        (await Supervise(pending, "2025-06-30", "2025-07-04")).ShouldBe(200);
        (await Supervise(answered, "2025-06-16", "2025-06-20")).ShouldBe(200);
        (await Post($"{Base}/{answered}/reply", new { on = "2025-06-19", text = "已安排疏通排水管道。", publish = true }, Token(Roles.Handler, Agency))).ShouldBe(200);

        var list = (await Get($"{Base}/supervised", Token(Roles.Supervisor, Agency))).ShouldBe(200).Json;
        Assert.Equal("2025-06-30", list.GetProperty("today").GetString());
        Assert.Equal(2, list.GetProperty("open").GetInt32());
        Assert.Equal(1, list.GetProperty("overdue").GetInt32());
        var letters = list.GetProperty("letters").EnumerateArray().ToList();
        Assert.Equal([late, pending], letters.Select(l => l.GetProperty("id").GetGuid()));
        Assert.True(letters[0].GetProperty("overdue").GetBoolean());
        Assert.Equal("2025-06-27", letters[0].GetProperty("replyBy").GetString());
        Assert.False(letters[1].GetProperty("overdue").GetBoolean());

        // the letter as it stood before its 督办 was not flagged
        DateOnly? stoodFlagged;
        await using (var session = Store.QuerySession(Agency))
        {
            var events = await session.Events.FetchStreamAsync(late);
            var before = events.Single(e => e.EventTypeName == "letter_accepted").Timestamp;
            var stood = (await Get($"{Base}/{late}?asOf={Uri.EscapeDataString(before.ToString("O"))}")).ShouldBe(200).Json;
            stoodFlagged = stood.GetProperty("status").GetString() == "accepted" && !stood.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("type").GetString() == "letter_supervised")
                ? null : new DateOnly(1, 1, 1);
        }
        Assert.Null(stoodFlagged);
    }

    [Fact]
    public async Task A_day_to_answer_by_before_the_flag_a_handler_and_an_answered_letter_are_refused_and_nothing_is_written()
    {
        var id = await Accepted("积水");
        var before = await EventCount();
        var early = (await Supervise(id, "2025-06-20", "2025-06-19")).ShouldBe(400);
        Assert.True(early.Json.GetProperty("errors").TryGetProperty("replyBy", out _), early.Body);
        (await Supervise(id, "2025-06-20", "2025-06-27", Token(Roles.Handler, Agency))).ShouldBe(403);
        (await Post($"{Base}/{id}/supervision", new { on = "2025-06-20", replyBy = "2025-06-27" }, Token(Roles.Supervisor, Agency))).ShouldBe(400); // no note
        Assert.Equal(before, await EventCount());

        (await Post($"{Base}/{id}/reply", new { on = "2025-06-19", text = "已处理。", publish = false }, Token(Roles.Handler, Agency))).ShouldBe(200);
        (await Supervise(id, "2025-06-20", "2025-06-27")).ShouldBe(409);
    }
}
