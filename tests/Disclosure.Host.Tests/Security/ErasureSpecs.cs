using Disclosure.Host.Security;
using Npgsql;

namespace Disclosure.Host.Tests.Security;

/// <summary>
/// Erasure cannot destroy what is still needed (issue #24): open reviews, open remedy windows, a letter's window and the
/// agency's retention period keep a case, each listed with its reason; a dry run lists; the erasure confirms its count; every
/// free text and the sealed idempotency answer go with the case.
/// </summary>
public class ErasureSpecs(AppFixture fixture) : Notices.NoticeScenario(fixture)
{
    private const string Url = $"/api/agencies/{Agency}/personal-data/erasure";

    private static IEnumerable<(string Number, string[] Codes)> Kept(Reply run) =>
        run.Json.GetProperty("kept").EnumerateArray().Select(k => (k.GetProperty("trackingNumber").GetString()!,
            k.GetProperty("kept").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).Order().ToArray()));

    private async Task<(Guid Id, string Number)> Decided(string receivedOn, string decidedOn)
    {
        var reply = (await Post(Base, Intake(receivedOn))).ShouldBe(201);
        var id = Guid.Parse(reply.Str("id"));
        (await Step(id, "decision", new { decidedOn, outcome = "disclosed" })).ShouldBe(200);
        return (id, reply.Str("trackingNumber"));
    }

    [Fact]
    public async Task Cases_under_review_inside_their_remedy_windows_or_a_letter_just_refused_are_kept_and_listed_with_their_reasons()
    {
        (await Put($"/api/agencies/{Agency}/settings/retention", new { years = 1 })).ShouldBe(200);
        Clock.Now = Erasure.Later; // 2026-07-01
        var (erasable, erasableNumber) = await Decided("2025-03-03", "2025-03-20");               // one year and the windows past
        var (underReview, reviewNumber) = await Decided("2025-03-03", "2025-03-20");
        (await Step(underReview, "reviews", new { kind = "reconsideration", filedOn = "2025-04-10" })).ShouldBe(201);
        var (_, recentNumber) = await Decided("2026-05-06", "2026-05-20");                        // answered six weeks ago
        var letter = (await Post($"/api/agencies/{Agency}/letters", new
        {
            channel = "online", category = "complaint", subject = "噪音投诉", body = "联系电话13900001111",
            writer = new { name = "钱七", phone = "13812345678" }, receivedOn = "2026-06-22",
        })).ShouldBe(201);
        (await Post($"/api/agencies/{Agency}/letters/{letter.Str("id")}/rejection", new { on = "2026-06-26", reason = "other", note = "另行处理" })).ShouldBe(200);
        await Receive("2026-06-29");                                                               // open: not even a candidate
        var events = await EventCount();

        // an erasure must name the count it confirms
        var unconfirmed = (await Post(Url, new { closedBefore = "2026-07-01" })).ShouldBe(400);
        Assert.True(unconfirmed.Json.GetProperty("errors").TryGetProperty("expectedCount", out _), unconfirmed.Body);

        var dry = (await Post(Url, new { closedBefore = "2026-07-01", dryRun = true })).ShouldBe(200);
        Assert.Equal(1, dry.Json.GetProperty("count").GetInt32());
        Assert.Equal(erasableNumber, dry.Json.GetProperty("erasable").EnumerateArray().Single().GetProperty("trackingNumber").GetString());
        var kept = Kept(dry).ToDictionary(k => k.Number, k => k.Codes);
        Assert.Equal(["review_pending"], kept[reviewNumber]);
        Assert.Equal(["remedy_window", "retention"], kept[recentNumber]);
        Assert.Equal(["letter_window", "retention"], kept[letter.Str("trackingNumber")]);
        Assert.Equal(3, kept.Count);
        Assert.Contains("行政复议", dry.Body);
        Assert.Equal(events, await EventCount()); // a dry run writes nothing

        // a count that no longer holds (or never did) erases nothing
        (await Post(Url, new { closedBefore = "2026-07-01", expectedCount = 4 })).ShouldBe(409);
        Assert.Equal(events, await EventCount());

        var run = (await Post(Url, new { closedBefore = "2026-07-01", expectedCount = 1 })).ShouldBe(202);
        var job = await Jobs.JobWait.FinishedAsync(Host, Admin, run);
        Assert.Equal((1, 1, 0), (job.GetProperty("handled").GetInt32(), job.GetProperty("changed").GetInt32(), job.GetProperty("failed").GetInt32()));
        Assert.Equal(1, run.Json.GetProperty("applications").GetInt32());
        Assert.Equal(0, run.Json.GetProperty("letters").GetInt32());
        Assert.Equal(3, Kept(run).Count());
        Assert.Equal("（已删除）", (await Get($"{Base}/{erasable}")).ShouldBe(200).Json.GetProperty("applicant").GetProperty("name").GetString());
        Assert.Contains("110101199003071234", (await Get($"{Base}/{underReview}")).Body);
        Assert.Contains("钱七", (await Get($"/api/agencies/{Agency}/letters/{letter.Str("id")}")).Body);

        // the erasure on the application's stream opened no letter: the agency's letters are the one it received
        await using var session = Store.QuerySession(Agency);
        Assert.Null(await session.LoadAsync<Disclosure.Domain.Letters.Letter>(erasable));
        Assert.Single((await Get($"/api/agencies/{Agency}/letters")).ShouldBe(200).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_retention_period_is_a_setting_of_the_agency_and_an_explicit_cut_off_never_shortens_it()
    {
        var setting = (await Get($"/api/agencies/{Agency}/settings/retention")).ShouldBe(200);
        Assert.Equal(10, setting.Json.GetProperty("years").GetInt32());
        Assert.True(setting.Json.GetProperty("isDefault").GetBoolean());
        var (id, number) = await Decided("2025-03-03", "2025-03-20");
        Clock.Now = Erasure.Later; // windows past, ten years not

        var dry = (await Post(Url, new { closedBefore = "2026-07-01", dryRun = true })).ShouldBe(200);
        Assert.Equal(0, dry.Json.GetProperty("count").GetInt32());
        Assert.Equal(["retention"], Kept(dry).Single(k => k.Number == number).Codes);
        Assert.Contains("2035-03-20", dry.Body);
        (await Post(Url, new { closedBefore = "2026-07-01", expectedCount = 1 })).ShouldBe(409);
        Assert.Contains("110101199003071234", (await Get($"{Base}/{id}")).Body);

        var refused = (await Put($"/api/agencies/{Agency}/settings/retention", new { years = 0 })).ShouldBe(400);
        Assert.True(refused.Json.GetProperty("errors").TryGetProperty("years", out _), refused.Body);
        (await Put($"/api/agencies/{Agency}/settings/retention", new { years = 1 }, Token(Roles.Supervisor, Agency))).ShouldBe(403);
        (await Put($"/api/agencies/{Agency}/settings/retention", new { years = 1 })).ShouldBe(200);
        Assert.Equal(1, (await Get($"/api/agencies/{Agency}/settings/retention")).Json.GetProperty("years").GetInt32());
        Assert.Equal(1, (await Erasure.ConfirmedAsync(Host, Fixture, Agency)).Json.GetProperty("applications").GetInt32());
    }

    [Fact]
    public async Task The_remedy_window_counts_from_the_recorded_delivery_of_the_answer()
    {
        await SetNoticeSettings();
        var id = await Receive();
        (await Step(id, "decision", Disclosed("2025-03-20"))).ShouldBe(200);
        // signed for only on 2026-01-15: 诉讼 until 2026-07-15, and 30 days for the court's notice → 2026-08-14
        Clock.Now = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.FromHours(8));
        (await Post($"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}/delivery", new { method = "direct", signedOn = "2026-01-15" })).ShouldBe(200);
        (await Put($"/api/agencies/{Agency}/settings/retention", new { years = 1 })).ShouldBe(200);

        Clock.Now = Erasure.Later;
        var dry = (await Post(Url, new { dryRun = true })).ShouldBe(200);
        var kept = dry.Json.GetProperty("kept").EnumerateArray().Single();
        Assert.Equal("remedy_window", kept.GetProperty("kept").EnumerateArray().Single().GetProperty("code").GetString());
        Assert.Equal("2026-08-14", kept.GetProperty("erasableFrom").GetString());

        Clock.Now = new DateTimeOffset(2026, 8, 14, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(1, (await Erasure.ConfirmedAsync(Host, Fixture, Agency)).Json.GetProperty("applications").GetInt32());
    }

    [Fact]
    public async Task Erasure_blanks_every_reason_and_note_and_the_sealed_answer_of_the_intake()
    {
        await SetNoticeSettings();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "erasure-intake-1" };
        var intake = (await Post(Base, Intake(), headers: key)).ShouldBe(201);
        var id = Guid.Parse(intake.Str("id"));
        (await Step(id, "correction-request", new { sentOn = "2025-03-04", items = new[] { "张三的身份证复印件" }, correctBy = "2025-03-18" })).ShouldBe(200);
        var correction = (await Notices(id)).Json.EnumerateArray().Single().GetProperty("number").GetString()!;
        var notice = $"{Base}/{id}/notices/{Uri.EscapeDataString(correction)}";
        (await Post($"{notice}/delivery", new { method = "post", postedOn = "2025-03-04", postalTrackingNumber = "1178 2345 6789" })).ShouldBe(200);
        (await Post($"{notice}/returned-mail", new { returnedOn = "2025-03-06", reason = "张三已搬离" })).ShouldBe(200);
        (await Post($"{notice}/delivery-failure", new { on = "2025-03-07", reason = "张三拒绝签收" })).ShouldBe(200);
        (await Step(id, "correction", new { receivedOn = "2025-03-10" })).ShouldBe(200);
        (await Step(id, "decision", Disclosed("2025-03-20"))).ShouldBe(200);
        (await Step(id, "decision-correction", new
        {
            correctedOn = "2025-03-25", outcome = "disclosed", decidedOn = "2025-03-21", reason = "张三来电指出答复日期有误",
            notice = new { provision = new[] { "提供方式：电子邮件" } },
        })).ShouldBe(200);
        var letter = (await Post($"/api/agencies/{Agency}/letters", new
        {
            channel = "online", category = "complaint", subject = "噪音投诉", body = "联系电话13900001111",
            writer = new { name = "钱七", phone = "13812345678" }, receivedOn = "2025-06-03",
        })).ShouldBe(201).Str("id");
        var letterUrl = $"/api/agencies/{Agency}/letters/{letter}";
        (await Post($"{letterUrl}/acceptance", new { on = "2025-06-03" })).ShouldBe(200);
        (await Post($"{letterUrl}/assignment", new { department = "建设局", on = "2025-06-03" })).ShouldBe(200);
        (await Post($"{letterUrl}/return", new { on = "2025-06-04", reason = "钱七住在邻区" })).ShouldBe(200);
        (await Post($"{letterUrl}/assignment", new { department = "城管局", on = "2025-06-05" })).ShouldBe(200);
        (await Post($"{letterUrl}/reply", new { on = "2025-06-10", text = "已处理" })).ShouldBe(200);
        (await Post($"{letterUrl}/closure", new { on = "2025-06-11" })).ShouldBe(200);
        Assert.Equal(1, await Rows("select count(*) from disclosure.mt_events where data::text like '%张三的身份证%'"));

        var run = await Erasure.AfterRetentionAsync(Host, Fixture, Agency);
        Assert.Equal(1, run.Json.GetProperty("applications").GetInt32());
        Assert.Equal(1, run.Json.GetProperty("letters").GetInt32());

        Assert.Equal(0, await Rows("select count(*) from disclosure.mt_events where data::text like '%张三%' or data::text like '%钱七%'"));
        Assert.Equal(0, await Rows("select count(*) from disclosure.mt_doc_application where data::text like '%张三%'"));
        Assert.Equal(0, await Rows("select count(*) from disclosure.mt_doc_letter where data::text like '%钱七%'"));
        foreach (var text in new[] { "张三", "钱七" })
            Assert.DoesNotContain(text, (await Get($"{Base}/{id}")).Body + (await Get(letterUrl)).Body);

        // the intake's sealed answer went with the case (the record is kept, empty, until it expires)
        Assert.Equal(1, await Rows("select count(*) from disclosure.mt_doc_idempotencyrecord where data->>'erasedOn' is not null and data->>'sealed' is null"));
        Assert.Equal(0, await Rows("select count(*) from disclosure.mt_doc_idempotencyrecord where data->>'sealed' is not null"));
        // a retry within the expiry (the clock put back to an hour after the intake, as for a deployment whose records live
        // longer than the case) is told so and learns nothing
        Clock.Now = TestClock.Start.AddHours(1);
        var replay = (await Post(Base, Intake(), headers: key)).ShouldBe(409);
        Assert.DoesNotContain(intake.Str("queryCode"), replay.Body);
        Assert.DoesNotContain(intake.Str("trackingNumber"), replay.Body);
        // after the expiry a retry is a new request: nothing of the erased case comes back
        Clock.Now = Erasure.Later;
        var fresh = (await Post(Base, Intake(), headers: key)).ShouldBe(201);
        Assert.NotEqual(intake.Str("trackingNumber"), fresh.Str("trackingNumber"));
        Assert.DoesNotContain(intake.Str("queryCode"), fresh.Body);
    }

    private static async Task<long> Rows(string sql)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
