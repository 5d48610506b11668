using Alba;
using Disclosure.Host.Security;
using Marten.Events;

namespace Disclosure.Host.Tests.Letters;

public class LetterSpecs(AppFixture fixture) : HostScenario(fixture)
{
    private const string Agency = "sanchang-park";
    private const string Base = "/api/agencies/sanchang-park/letters";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateAgency(Agency);
    }

    private static object NewLetter(string receivedOn = "2025-06-02", string category = "complaint", bool consent = true) => new
    {
        channel = "online", category, subject = "园区道路积水", body = "三厂园区某路段雨后积水严重，请尽快处理。",
        writer = new { name = "李四", phone = "13900001111" }, receivedOn, publicConsent = consent,
    };

    private async Task<(Guid Id, string Number, string Code)> Receive(string receivedOn = "2025-06-02", string category = "complaint")
    {
        var r = (await Post(Base, NewLetter(receivedOn, category), Token(Roles.Intake, Agency))).ShouldBe(201);
        return (Guid.Parse(r.Str("id")), r.Str("trackingNumber"), r.Str("queryCode"));
    }

    private Task<Reply> Step(Guid id, string step, object body) => Post($"{Base}/{id}/{step}", body, Token(Roles.Handler, Agency));

    [Fact]
    public async Task The_letter_loop_from_receipt_to_closure()
    {
        var (id, number, _) = await Receive("2025-06-02");
        Assert.StartsWith("SP-M2025-", number);
        var letter = (await Get($"{Base}/{id}")).ShouldBe(200);
        Assert.Equal("2025-06-05", letter.Str("dueOn")); // decide acceptance within 3 working days

        (await Step(id, "acceptance", new { on = "2025-06-03" })).ShouldBe(200).Str("dueOn").ShouldEqual("2025-06-24");
        (await Step(id, "assignment", new { department = "建设局", on = "2025-06-03" })).ShouldBe(200).Str("status").ShouldEqual("assigned");
        (await Step(id, "return", new { on = "2025-06-04", reason = "不属于本部门职责" })).ShouldBe(200).Str("status").ShouldEqual("returned");
        (await Step(id, "assignment", new { department = "城管局", on = "2025-06-05" })).ShouldBe(200);
        (await Step(id, "extension", new { approvedOn = "2025-06-20", workingDays = 5, reason = "需现场勘查" })).ShouldBe(200).Str("dueOn").ShouldEqual("2025-07-01");
        (await Step(id, "reply", new { on = "2025-06-27", text = "已安排疏通排水管道。", publish = true })).ShouldBe(200).Str("status").ShouldEqual("replied");
        (await Step(id, "feedback", new { on = "2025-06-28", satisfaction = "satisfied" })).ShouldBe(200);
        var closed = (await Step(id, "closure", new { on = "2025-06-30" })).ShouldBe(200);
        Assert.Equal("closed", closed.Str("status"));
        var types = closed.Json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("type").GetString()).ToList();
        Assert.Equal(["letter_received", "letter_accepted", "letter_assigned", "letter_returned", "letter_assigned", "letter_extension_approved",
            "letter_replied", "feedback_recorded", "letter_closed"], types);
    }

    [Fact]
    public async Task Wrong_order_is_409_bad_codes_and_dates_are_400_and_nothing_is_written()
    {
        var (id, _, _) = await Receive();
        (await Step(id, "reply", new { on = "2025-06-03", text = "x" })).ShouldBe(409);
        (await Step(id, "assignment", new { department = "建设局", on = "2025-06-03" })).ShouldBe(409);
        (await Step(id, "closure", new { on = "2025-06-03" })).ShouldBe(409);
        (await Step(id, "rejection", new { on = "2025-06-03", reason = "spam" })).ShouldBe(400);
        (await Step(id, "acceptance", new { on = "2025-07-03" })).ShouldBe(400);
        (await Step(id, "acceptance", new { on = "2025-06-01" })).ShouldBe(400);
        (await Step(id, "feedback", new { on = "2025-06-03", satisfaction = "meh" })).ShouldBe(400);
        Assert.Equal(1, await StreamVersion(Agency, id));

        (await Step(id, "rejection", new { on = "2025-06-03", reason = "repeat_answered" })).ShouldBe(200).Str("status").ShouldEqual("rejected");
        (await Step(id, "acceptance", new { on = "2025-06-03" })).ShouldBe(409);
        Assert.Equal(2, await StreamVersion(Agency, id));

        (await Post(Base, new { channel = "pigeon", category = "x", subject = "", body = "", writer = new { name = "" } })).ShouldBe(400);
        Assert.Equal(3, await EventCount()); // agency, letter, rejection
    }

    [Fact]
    public async Task An_unsatisfied_follow_up_reopens_the_letter()
    {
        var (id, _, _) = await Receive();
        (await Step(id, "acceptance", new { on = "2025-06-03" })).ShouldBe(200);
        (await Step(id, "assignment", new { department = "城管局", on = "2025-06-03" })).ShouldBe(200);
        (await Step(id, "reply", new { on = "2025-06-10", text = "已处理。" })).ShouldBe(200);
        var reopened = (await Step(id, "feedback", new { on = "2025-06-12", satisfaction = "unsatisfied" })).ShouldBe(200);
        Assert.Equal("assigned", reopened.Str("status"));
        Assert.Equal("2025-07-03", reopened.Str("dueOn")); // 15 working days after the follow-up
        (await Step(id, "reply", new { on = "2025-06-20", text = "再次处理完毕。" })).ShouldBe(200).Str("status").ShouldEqual("replied");
    }

    [Fact]
    public async Task A_letter_unanswered_past_its_due_date_is_overdue_and_on_time_means_on_the_due_date()
    {
        var (late, _, _) = await Receive("2025-05-06");
        (await Step(late, "acceptance", new { on = "2025-05-06" })).ShouldBe(200); // reply due 2025-05-27
        (await Step(late, "assignment", new { department = "城管局", on = "2025-05-07" })).ShouldBe(200);
        var (onTime, _, _) = await Receive("2025-05-06");
        (await Step(onTime, "acceptance", new { on = "2025-05-06" })).ShouldBe(200);
        (await Step(onTime, "reply", new { on = "2025-05-27", text = "已答复。" })).ShouldBe(200);
        var (dayAfter, _, _) = await Receive("2025-05-06");
        (await Step(dayAfter, "acceptance", new { on = "2025-05-06" })).ShouldBe(200);
        (await Step(dayAfter, "reply", new { on = "2025-05-28", text = "已答复。" })).ShouldBe(200);

        var overdue = (await Get($"{Base}?overdue=true")).ShouldBe(200);
        Assert.Equal(late.ToString(), Assert.Single(overdue.Json.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var work = (await Get($"{Base}/worklist?department=城管局")).ShouldBe(200);
        Assert.Single(work.Json.GetProperty("overdue").EnumerateArray());
        Assert.Equal("139****1111", overdue.Json.GetProperty("items")[0].GetProperty("writerPhone").GetString());

        await ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(30));
        var stats = (await Get($"{Base}/statistics/2025", Token(Roles.Statistician, Agency))).ShouldBe(200);
        Assert.Equal(3, stats.Json.GetProperty("received").GetInt32());
        Assert.Equal(2, stats.Json.GetProperty("replied").GetInt32());
        Assert.Equal(1, stats.Json.GetProperty("repliedOnTime").GetInt32());
        Assert.Equal(15.5m, stats.Json.GetProperty("averageWorkingDaysToReply").GetDecimal());
        Assert.Equal(3, stats.Json.GetProperty("byCategory").GetProperty("complaint").GetProperty("received").GetInt32());
        Assert.Equal(1, stats.Json.GetProperty("byDepartment").GetProperty("城管局").GetProperty("assigned").GetInt32());
    }

    [Fact]
    public async Task The_writer_sees_status_and_published_reply_with_the_code_and_nothing_else()
    {
        var (id, number, code) = await Receive();
        var before = (await Send(HttpMethod.Get, $"/public/letters/{number}?code={code}", null, null)).ShouldBe(200);
        Assert.Equal("已收到，待受理", before.Str("status"));
        Assert.DoesNotContain("李四", before.Body);
        (await Send(HttpMethod.Get, $"/public/letters/{number}?code=WRONG123", null, null)).ShouldBe(404);
        (await Send(HttpMethod.Get, $"/public/letters/{number}", null, null)).ShouldBe(404);

        (await Step(id, "acceptance", new { on = "2025-06-03" })).ShouldBe(200);
        (await Step(id, "reply", new { on = "2025-06-10", text = "已安排疏通。", publish = true })).ShouldBe(200);
        var after = (await Send(HttpMethod.Get, $"/public/letters/{number}?code={code.ToLowerInvariant()}", null, null)).ShouldBe(200);
        Assert.Equal("已安排疏通。", after.Str("reply"));
        Assert.DoesNotContain("13900001111", after.Body);
        Assert.DoesNotContain("积水严重", after.Body);
    }

    [Fact]
    public async Task The_public_look_up_is_rate_limited()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 40 && !statuses.Contains(429); i++)
        {
            var result = await Host.Scenario(s =>
            {
                s.Get.Url("/public/letters/SP-M2025-00001?code=GUESS" + i);
                s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.7"));
                s.IgnoreStatusCode();
            });
            statuses.Add(result.Context.Response.StatusCode);
        }
        Assert.Contains(429, statuses);
        Assert.All(statuses.TakeWhile(s => s != 429), s => Assert.Equal(404, s));
    }

    [Fact]
    public async Task A_letter_that_is_a_disclosure_request_becomes_an_application_with_the_letters_receipt_date()
    {
        var (id, number, _) = await Receive("2025-06-02");
        var result = (await Step(id, "reclassification", new { on = "2025-06-04" })).ShouldBe(201);
        Assert.Equal("2025-06-02", result.Str("receivedOn"));
        Assert.Equal("2025-06-30", result.Str("dueOn")); // 20 working days after 2025-06-02
        Assert.Equal("reclassified", result.Json.GetProperty("letter").GetProperty("status").GetString());

        var application = (await Get($"/api/agencies/{Agency}/applications/{result.Str("applicationId")}")).ShouldBe(200);
        Assert.Equal(number, application.Str("fromLetterNumber"));
        Assert.Equal(result.Str("applicationNumber"), (await Get($"{Base}/{id}")).Str("applicationNumber"));
        (await Step(id, "reclassification", new { on = "2025-06-05" })).ShouldBe(409);
    }

    [Fact]
    public async Task An_application_answered_as_a_petition_becomes_a_letter_linked_both_ways()
    {
        var app = (await Post($"/api/agencies/{Agency}/applications", new
        {
            channel = "online", applicant = new { category = "natural_person", name = "王五", phone = "13700000000" },
            description = "投诉邻居违章搭建", receivedOn = "2025-06-02",
        })).ShouldBe(201);
        var appId = app.Str("id");
        (await Post($"/api/agencies/{Agency}/applications/{appId}/letter", new { on = "2025-06-10" })).ShouldBe(409);
        (await Post($"/api/agencies/{Agency}/applications/{appId}/decision", new { decidedOn = "2025-06-09", outcome = "not_processed_petition_complaint" })).ShouldBe(200);
        var letter = (await Post($"/api/agencies/{Agency}/applications/{appId}/letter", new { on = "2025-06-10" })).ShouldBe(201);
        Assert.Equal(app.Str("trackingNumber"), (await Get($"{Base}/{letter.Str("letterId")}")).Str("fromApplicationNumber"));
        Assert.Equal(letter.Str("letterNumber"), (await Get($"/api/agencies/{Agency}/applications/{appId}")).Str("letterNumber"));
        Assert.Equal("2025-06-13", letter.Str("dueOn"));
    }

    [Fact]
    public async Task Each_agency_sets_its_own_time_limits()
    {
        (await Put($"/api/agencies/{Agency}/settings/letters", new { acceptWithinWorkingDays = 2, replyWithinWorkingDays = 5 }, Token(Roles.Supervisor, Agency))).ShouldBe(200);
        (await Put($"/api/agencies/{Agency}/settings/letters", new { acceptWithinWorkingDays = 0, replyWithinWorkingDays = 5 })).ShouldBe(400);
        var (id, _, _) = await Receive("2025-06-03");
        Assert.Equal("2025-06-05", (await Get($"{Base}/{id}")).Str("dueOn"));
        (await Step(id, "acceptance", new { on = "2025-06-04" })).ShouldBe(200).Str("dueOn").ShouldEqual("2025-06-11");
    }
}
