using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Security;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Disclosure.Host.Tests.Reviews;

/// <summary>
/// A review case end to end on PostgreSQL: opened by the application's 行政复议或诉讼 step, its reply clock across 国庆 2025,
/// the reply with its evidence, the decision that re-opens the application for a new answer, and table 四 built from it.
/// </summary>
public class ReviewCaseSpecs(AppFixture fixture) : Applications.ApplicationScenario(fixture)
{
    private const string Reviews = "/api/agencies/sanchang-park/reviews";

    private async Task On(string day)
    {
        Clock.Now = new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(0, 5)), TimeSpan.FromHours(8));
        await Jobs.JobWait.FinishedAsync(Host, Admin, await Post("/api/deadlines/sweep", new { }));
    }

    private async Task<List<(string Kind, string DueOn, string Number)>> Notifications()
    {
        var reply = (await Get($"/api/agencies/{Agency}/notifications")).ShouldBe(200);
        return reply.Json.GetProperty("items").EnumerateArray()
            .Select(n => (n.GetProperty("kind").GetString()!, n.GetProperty("dueOn").GetString()!, n.GetProperty("trackingNumber").GetString()!)).ToList();
    }

    private async Task<Guid> Answered()
    {
        Clock.Now = new DateTimeOffset(2025, 9, 25, 10, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-09-01");
        (await Step(id, "decision", new { decidedOn = "2025-09-10", outcome = "withheld_state_secret" })).ShouldBe(200);
        return id;
    }

    [Fact]
    public async Task A_simplified_reconsideration_is_due_in_five_working_days_across_national_day_and_a_missed_reply_is_overdue()
    {
        var id = await Answered();
        var handler = Token(Roles.Handler, Agency);
        var opened = await Step(id, "reviews", new { kind = "reconsideration", filedOn = "2025-09-22", receivedOn = "2025-09-25", procedure = "simplified" }, handler);
        opened.ShouldBe(201);
        var reviewId = opened.Str("reviewId");
        Assert.Equal(($"{Reviews}/{reviewId}", "SP-F2025-00001", "2025-10-09"), (opened.Location, opened.Str("reviewNumber"), opened.Str("replyDueOn")));
        // the application keeps the link: its reviews list the case
        var link = opened.Json.GetProperty("application").GetProperty("reviews")[0];
        Assert.Equal(("SP-F2025-00001", "reconsideration"), (link.GetProperty("caseNumber").GetString(), link.GetProperty("kind").GetString()));

        // 5 working days (行政复议法第五十四条、第八十八条): 26 Sep, 28 Sep (调休), 29, 30 Sep, then 9 Oct after the break
        var review = (await Get($"{Reviews}/SP-F2025-00001")).ShouldBe(200);
        Assert.Equal(("2025-10-09", true, false), (review.Str("replyDueOn"), review.Json.GetProperty("awaitingReply").GetBoolean(), review.Json.GetProperty("overdue").GetBoolean()));
        Assert.Contains("第五十四条", review.Str("replyRule"));
        Assert.Equal("review_received", review.Json.GetProperty("history")[0].GetProperty("type").GetString());

        await On("2025-10-09");
        Assert.Equal([("due_soon", "2025-10-09", "SP-F2025-00001")], await Notifications());
        await On("2025-10-10");
        Assert.Contains(("overdue", "2025-10-09", "SP-F2025-00001"), await Notifications());
        Assert.True((await Get($"{Reviews}/{reviewId}")).Json.GetProperty("overdue").GetBoolean());
        var overdue = (await Get($"{Reviews}?overdue=true")).ShouldBe(200);
        Assert.Equal(reviewId, Assert.Single(overdue.Json.EnumerateArray()).GetProperty("id").GetString());

        // bad input: a clear problem naming the field, nothing written
        var version = await StreamVersion(Agency, Guid.Parse(reviewId));
        var bad = await Post($"{Reviews}/{reviewId}/reply", new { filedOn = "2025-10-10", evidence = new[] { " " } }, handler);
        Assert.Equal(400, bad.Status);
        Assert.Contains("evidence", bad.Body);
        Assert.Equal(version, await StreamVersion(Agency, Guid.Parse(reviewId)));

        var replied = (await Post($"{Reviews}/{reviewId}/reply", new { filedOn = "2025-10-10", evidence = new[] { "政府信息公开申请答复书", "送达回证" } }, handler)).ShouldBe(200);
        Assert.Equal(("2025-10-10", true, false, false), (replied.Str("repliedOn"), replied.Json.GetProperty("repliedLate").GetBoolean(),
            replied.Json.GetProperty("awaitingReply").GetBoolean(), replied.Json.GetProperty("overdue").GetBoolean()));
        Assert.Empty((await Get($"{Reviews}?overdue=true")).Json.EnumerateArray());
        (await Post($"{Reviews}/{reviewId}/reply", new { filedOn = "2025-10-11", evidence = new[] { "x" } }, handler)).ShouldBe(409);
    }

    [Fact]
    public async Task A_decision_that_revokes_the_answer_reopens_the_application_for_a_new_answer_and_counts_as_corrected()
    {
        var id = await Answered();
        var reviewId = (await Step(id, "reviews", new { kind = "reconsideration", filedOn = "2025-09-22", receivedOn = "2025-09-25" })).ShouldBe(201).Str("reviewId");
        Assert.Equal("2025-10-15", (await Get($"{Reviews}/{reviewId}")).Str("replyDueOn")); // 10 working days (第四十八条) across the break
        Clock.Now = new DateTimeOffset(2025, 11, 21, 10, 0, 0, TimeSpan.FromHours(8));

        (await Post($"{Reviews}/{reviewId}/decision", new { decidedOn = "2025-11-20", outcome = "upheld", newAnswerBy = "2025-12-19" })).ShouldBe(400);
        var decided = (await Post($"{Reviews}/{reviewId}/decision", new { decidedOn = "2025-11-20", outcome = "revoked", newAnswerBy = "2025-12-19" })).ShouldBe(200);
        Assert.Equal(("2025-11-20", "corrected", "2025-12-19", false), (decided.Str("decidedOn"), decided.Str("result"), decided.Str("newAnswerBy"),
            decided.Json.GetProperty("awaitingReply").GetBoolean()));

        // the application recorded the outcome in the same transaction, and owes a new answer
        var app = (await Get($"{Base}/{id}")).ShouldBe(200);
        var review = app.Json.GetProperty("reviews")[0];
        Assert.Equal(("2025-11-20", "corrected", "revoked"), (review.GetProperty("concludedOn").GetString(), review.GetProperty("result").GetString(), review.GetProperty("outcome").GetString()));
        Assert.Equal("2025-12-19", app.Json.GetProperty("newAnswer").GetProperty("dueOn").GetString());
        Assert.Equal("review_outcome_recorded", app.Json.GetProperty("history").EnumerateArray().Last().GetProperty("type").GetString());

        // once decided, neither door decides it again
        (await Post($"{Reviews}/{reviewId}/decision", new { decidedOn = "2025-11-21", outcome = "upheld" })).ShouldBe(409);
        (await Post($"{Base}/{id}/reviews/{reviewId}/conclusion", new { concludedOn = "2025-11-21", result = "upheld" })).ShouldBe(409);

        // the new answer is reminded of, then given as a corrected answer (table 三 moves the count, it does not add one)
        await On("2025-12-20");
        Assert.Contains(("overdue", "2025-12-19", "SP-2025-00001"), await Notifications());
        (await Step(id, "decision-correction", new { correctedOn = "2025-12-20", outcome = "disclosed", reason = "复议决定撤销原答复，重新答复" },
            Token(Roles.Supervisor, Agency))).ShouldBe(200);
        Assert.Equal("2025-12-20", (await Get($"{Base}/{id}")).Json.GetProperty("newAnswer").GetProperty("answeredOn").GetString());

        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var report = (await Get($"/api/agencies/{Agency}/reports/2025")).ShouldBe(200);
        var values = report.Json.GetProperty("tables").GetProperty("reviews").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal([0, 1, 0, 0, 1], values[..5]); // 复议: 纠正 1, 总计 1
        Assert.Equal(0, values[5..].Sum());
    }

    [Fact]
    public async Task A_suit_concluded_through_the_application_step_is_decided_on_its_case_too_and_an_appeal_is_not_counted_again()
    {
        var id = await Answered();
        var suit = (await Step(id, "reviews", new { kind = "lawsuit_direct", filedOn = "2025-09-18", receivedOn = "2025-09-20" })).ShouldBe(201);
        Assert.Equal("2025-10-09", suit.Str("replyDueOn")); // 15 days end on 5 Oct, a holiday: the first working day after it
        var suitId = suit.Str("reviewId");
        Clock.Now = new DateTimeOffset(2025, 11, 21, 10, 0, 0, TimeSpan.FromHours(8));
        (await Post($"{Base}/{id}/reviews/{suitId}/conclusion", new { concludedOn = "2025-11-20", result = "other" })).ShouldBe(200);
        var decided = (await Get($"{Reviews}/{suitId}")).ShouldBe(200);
        Assert.Equal(("2025-11-20", "other", false), (decided.Str("decidedOn"), decided.Str("result"), decided.Json.GetProperty("isOpen").GetBoolean()));
        (await Post($"{Reviews}/{suitId}/decision", new { decidedOn = "2025-11-21", outcome = "dismissed" })).ShouldBe(409);

        (await Step(id, "reviews", new { kind = "appeal", filedOn = "2025-11-21" })).ShouldBe(201);
        Assert.Equal(["SP-F2025-00002"], (await Get($"{Reviews}?application={id}")).Json.EnumerateArray().Select(r => r.GetProperty("trackingNumber").GetString()));

        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var values = (await Get($"/api/agencies/{Agency}/reports/2025")).ShouldBe(200)
            .Json.GetProperty("tables").GetProperty("reviews").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal([0, 0, 1, 0, 1], values[5..10]); // 未经复议直接起诉: 其他 1; the appeal is the same suit
        Assert.Equal(1, values.Sum() - values[4] - values[9] - values[14]);
    }

    [Fact]
    public async Task Two_doors_deciding_one_review_at_once_record_one_decision_and_the_loser_gets_409()
    {
        var id = await Answered();
        var reviewId = (await Step(id, "reviews", new { kind = "reconsideration", filedOn = "2025-09-22" })).ShouldBe(201).Str("reviewId");
        Clock.Now = new DateTimeOffset(2025, 11, 21, 10, 0, 0, TimeSpan.FromHours(8));

        // the application's 复议或诉讼结果 step commits just before the review's own decision does
        Reply? concluded = null;
        Fixture.Race.Arm(
            async () => concluded = await Post($"{Base}/{id}/reviews/{reviewId}/conclusion", new { concludedOn = "2025-11-20", result = "upheld" }),
            when: s => s.PendingChanges.Streams().Any(stream => stream.Id == Guid.Parse(reviewId)));
        var decided = await Post($"{Reviews}/{reviewId}/decision", new { decidedOn = "2025-11-20", outcome = "revoked", newAnswerBy = "2025-12-19" });

        concluded!.ShouldBe(200);
        Assert.Equal(409, decided.Status);
        var review = (await Get($"{Reviews}/{reviewId}")).ShouldBe(200);
        Assert.Equal(("upheld", 1), (review.Str("result"), review.Json.GetProperty("history").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "review_decided")));
        var app = (await Get($"{Base}/{id}")).ShouldBe(200);
        Assert.Equal(1, app.Json.GetProperty("history").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "review_outcome_recorded"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, app.Json.GetProperty("newAnswer").ValueKind);
    }

    [Fact]
    public async Task A_review_filed_through_the_bus_without_an_id_gets_one_from_the_write_path()
    {
        var id = await Answered();
        // a bare command, as a door that forgot to mint the id would send it: the write path mints it (IMintsIds)
        var bus = Host.Services.GetRequiredService<IMessageBus>();
        var answer = await bus.SendAsync(Agency, new FileReview("reconsideration", new DateOnly(2025, 9, 22)) { Case = id.ToString() }, default);
        var opened = Assert.Single(answer.Opened);
        Assert.NotEqual(Guid.Empty, opened.Id);
        Assert.Equal(opened.Id, ((FileReview)answer.Command!).ReviewId);
        Assert.Equal(id.ToString(), (await Get($"{Reviews}/{opened.Id}")).ShouldBe(200).Str("applicationId"));
        Assert.Equal(opened.Id.ToString(), (await Get($"{Base}/{id}")).Json.GetProperty("reviews")[0].GetProperty("id").GetString());
        // a second review gets an id of its own
        var second = await bus.SendAsync(Agency, new FileReview("lawsuit_direct", new DateOnly(2025, 9, 23)) { Case = id.ToString() }, default);
        Assert.NotEqual(opened.Id, Assert.Single(second.Opened).Id);
    }

    [Fact]
    public async Task A_corrected_holiday_notice_moves_the_reply_due_date_of_a_review_still_owed_and_records_why()
    {
        Clock.Now = new DateTimeOffset(2025, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-02-05");
        (await Step(id, "decision", new { decidedOn = "2025-02-20", outcome = "disclosed" })).ShouldBe(200);
        // 10 working days from 2025-03-03 (行政复议法第四十八条、第八十八条)
        var owed = (await Step(id, "reviews", new { kind = "reconsideration", filedOn = "2025-03-01", receivedOn = "2025-03-03" })).ShouldBe(201);
        Assert.Equal("2025-03-17", owed.Str("replyDueOn"));
        var replied = (await Step(id, "reviews", new { kind = "lawsuit_direct", filedOn = "2025-03-01", receivedOn = "2025-03-03" })).ShouldBe(201).Str("reviewId");
        (await Post($"{Reviews}/{replied}/reply", new { filedOn = "2025-03-04", evidence = new[] { "答复书" } })).ShouldBe(200);

        var notice = (await Get("/api/calendar")).Json.EnumerateArray().Single(n => n.GetProperty("year").GetInt32() == 2025);
        var off = notice.GetProperty("off").EnumerateArray().Select(d => d.GetString()!).Append("2025-03-14").ToArray();
        var makeup = notice.GetProperty("makeupWorkdays").EnumerateArray().Select(d => d.GetString()!).ToArray();
        var loaded = await Jobs.JobWait.FinishedAsync(Host, Admin, await Put("/api/calendar/2025", new { notice = "更正测试", off, makeupWorkdays = makeup, reason = "地方补充放假一天" }));
        // the review still owing its reply; not the answered application, nor the review whose reply is filed
        var moved = Assert.Single(loaded.GetProperty("details").EnumerateArray());
        Assert.Equal(("review", "2025-03-17", "2025-03-18"), (moved.GetProperty("kind").GetString(), moved.GetProperty("old").GetString(), moved.GetProperty("new").GetString()));

        var view = (await Get($"{Reviews}/{owed.Str("reviewId")}")).ShouldBe(200);
        Assert.Equal("2025-03-18", view.Str("replyDueOn"));
        var last = view.Json.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("review_reply_due_rederived", last.GetProperty("type").GetString());
        Assert.Contains("地方补充放假一天", last.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(2, await StreamVersion(Agency, Guid.Parse(replied)));
    }

    [Fact]
    public async Task Erasure_blanks_a_decided_reviews_evidence_with_its_application_and_opens_no_review_on_other_streams()
    {
        Clock.Now = new DateTimeOffset(2025, 3, 25, 10, 0, 0, TimeSpan.FromHours(8));
        var id = await Receive("2025-02-05");
        (await Step(id, "decision", new { decidedOn = "2025-02-20", outcome = "disclosed" })).ShouldBe(200);
        var reviewId = (await Step(id, "reviews", new { kind = "reconsideration", filedOn = "2025-03-01", receivedOn = "2025-03-03" })).ShouldBe(201).Str("reviewId");
        (await Post($"{Reviews}/{reviewId}/reply", new { filedOn = "2025-03-10", evidence = new[] { "张三的申请书", "送达回证" } })).ShouldBe(200);
        (await Post($"{Reviews}/{reviewId}/decision", new { decidedOn = "2025-03-20", outcome = "upheld" })).ShouldBe(200);
        // the evidence bundle kept with the reply prints the applicant's name
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); (await Get($"{Reviews}/{reviewId}/evidence")).Status != 200; await Task.Delay(250))
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), "The evidence bundle was not kept.");

        var run = await Security.Erasure.AfterRetentionAsync(Host, Fixture, Agency);
        Assert.Equal((2, 1, 1), (run.Json.GetProperty("count").GetInt32(), run.Json.GetProperty("applications").GetInt32(), run.Json.GetProperty("reviews").GetInt32()));

        var review = (await Get($"{Reviews}/{reviewId}")).ShouldBe(200);
        Assert.DoesNotContain("张三", review.Body); // the case and its stored events
        Assert.Equal(("（已删除）", "upheld"), (review.Json.GetProperty("evidence")[0].GetString(), review.Str("result")));
        // the kept bundle goes with it; its event and hash stay
        (await Get($"{Reviews}/{reviewId}/evidence")).ShouldBe(404);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, review.Json.GetProperty("evidenceBundle").ValueKind);
        // personal_data_erased on the application's stream opened no review case: still one, listed once among the decided
        await using var session = Store.QuerySession(Agency);
        Assert.Equal(1, await Marten.QueryableExtensions.CountAsync(session.Query<Disclosure.Domain.Reviews.ReviewCase>()));
        Assert.Single((await Get($"{Reviews}?open=false")).Json.EnumerateArray());
    }
}
