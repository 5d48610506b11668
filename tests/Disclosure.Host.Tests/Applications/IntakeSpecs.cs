using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Applications;

public class IntakeSpecs(AppFixture fixture) : ApplicationScenario(fixture)
{
    [Fact]
    public async Task Intake_answers_with_id_tracking_number_and_due_date()
    {
        var reply = (await Post(Base, Intake("2024-09-27"), Token(Roles.Intake, Agency))).ShouldBe(201);
        Assert.Equal("SP-2024-00001", reply.Str("trackingNumber"));
        Assert.Equal("2024-10-30", reply.Str("dueOn"));
        Assert.Equal("received", reply.Str("status"));
        Assert.Equal($"{Base}/{reply.Str("id")}", reply.Location);

        var second = (await Post(Base, Intake("2024-10-08"))).ShouldBe(201);
        Assert.Equal("SP-2024-00002", second.Str("trackingNumber"));
    }

    [Fact]
    public async Task The_case_is_found_by_id_and_by_tracking_number_with_its_history()
    {
        var id = await Receive("2024-09-27");
        var byId = (await Get($"{Base}/{id}", Token(Roles.Handler, Agency))).ShouldBe(200);
        var byNumber = (await Get($"{Base}/SP-2024-00001")).ShouldBe(200);
        Assert.Equal(byId.Str("id"), byNumber.Str("id"));

        var history = Assert.Single(byId.Json.GetProperty("history").EnumerateArray());
        Assert.Equal("application_received", history.GetProperty("type").GetString());
        Assert.Equal("2024-09-27", history.GetProperty("businessDate").GetString());
        Assert.Equal("user-admin", history.GetProperty("user").GetString());
        Assert.Contains("条例第三十三条", byId.Json.GetProperty("deadline").ToString());
    }

    [Fact]
    public async Task Missing_and_unknown_fields_are_400_with_field_errors_and_nothing_is_written()
    {
        var reply = (await Post(Base, new { channel = "pigeon", applicant = new { category = "alien" }, description = "" })).ShouldBe(400);
        var errors = reply.Json.GetProperty("errors");
        foreach (var field in new[] { "channel", "applicant.category", "applicant.name", "description", "receivedOn" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {reply.Body}");
        Assert.Contains("natural_person", errors.GetProperty("applicant.category").ToString());
        (await Post(Base, "{\"channel\": ")).ShouldBe(400);
        (await Post(Base, Intake("2025-07-01"))).ShouldBe(400); // after today (2025-06-30)
        Assert.Equal(1, await EventCount()); // the agency only
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_response_and_creates_nothing()
    {
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "intake-42" };
        var first = (await Post(Base, Intake(), headers: key)).ShouldBe(201);
        var retry = (await Post(Base, Intake(), headers: key)).ShouldBe(201);
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(2, await EventCount());

        (await Post(Base, Intake("2025-03-04"), headers: key)).ShouldBe(422); // same key, different request
        Assert.Equal(2, await EventCount());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_one_case()
    {
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "burst" };
        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Post(Base, Intake(), headers: key)));
        Assert.All(replies, r => r.ShouldBe(201));
        Assert.Single(replies.Select(r => r.Str("id")).Distinct());
        Assert.Equal(2, await EventCount());
    }

    [Fact]
    public async Task Only_intake_clerks_log_applications()
    {
        (await Post(Base, Intake(), Token(Roles.Handler, Agency))).ShouldBe(403);
        (await Post(Base, Intake(), Token(Roles.Statistician, Agency))).ShouldBe(403);
        (await Post(Base, Intake(), Token(Roles.Intake, "haimen"))).ShouldBe(403);
        (await Send(HttpMethod.Post, Base, Intake(), null)).ShouldBe(401);
    }

    [Fact]
    public async Task Another_agency_cannot_see_or_touch_the_case()
    {
        var id = await Receive();
        await CreateAgency("haimen");
        (await Get($"/api/agencies/haimen/applications/{id}")).ShouldBe(404);
        (await Post($"/api/agencies/haimen/applications/{id}/decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(404);
        var list = (await Get("/api/agencies/haimen/applications")).ShouldBe(200);
        Assert.Equal(0, list.Json.GetProperty("total").GetInt64());
        Assert.Equal(1, await StreamVersion(Agency, id));
    }

    [Fact]
    public async Task Lists_mask_identity_and_phone_numbers_and_filter()
    {
        await Receive("2025-03-03");
        await Receive("2024-12-02", "commercial_enterprise");
        var decided = await Receive("2025-01-06");
        (await Step(decided, "decision", new { decidedOn = "2025-01-20", outcome = "disclosed" })).ShouldBe(200);

        var all = (await Get($"{Base}?pageSize=10")).ShouldBe(200);
        Assert.Equal(3, all.Json.GetProperty("total").GetInt64());
        var first = all.Json.GetProperty("items")[0];
        Assert.Equal("110101********1234", first.GetProperty("applicantIdNumber").GetString());
        Assert.Equal("138****5678", first.GetProperty("applicantPhone").GetString());
        Assert.DoesNotContain("110101199003071234", all.Body);

        Assert.Equal(2, (await Get($"{Base}?receivedYear=2025")).Json.GetProperty("total").GetInt64());
        Assert.Equal(1, (await Get($"{Base}?status=answered")).Json.GetProperty("total").GetInt64());
        // today is 2025-06-30: both open cases are long past due
        Assert.Equal(2, (await Get($"{Base}?overdue=true")).Json.GetProperty("total").GetInt64());
        Assert.Equal(1, (await Get($"{Base}?dueBefore=2025-01-10")).Json.GetProperty("total").GetInt64());
        Assert.Equal(1, (await Get($"{Base}?page=2&pageSize=2")).Json.GetProperty("items").GetArrayLength());
        (await Get($"{Base}?status=lost")).ShouldBe(400);
        (await Get($"{Base}?pageSize=1000")).ShouldBe(400);
        (await Get($"{Base}?page=abc")).ShouldBe(400);
    }

    [Fact]
    public async Task The_worklist_shows_overdue_and_due_soon_cases()
    {
        var overdue = await Receive("2025-05-06");      // due 2025-06-04
        var dueSoon = await Receive("2025-06-03");      // due 2025-07-02, within 3 working days of 2025-06-30
        await Receive("2025-06-27");                    // due late July
        var work = (await Get($"{Base}/worklist?days=3")).ShouldBe(200);
        Assert.Equal(overdue.ToString(), Assert.Single(work.Json.GetProperty("overdue").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(dueSoon.ToString(), Assert.Single(work.Json.GetProperty("dueSoon").EnumerateArray()).GetProperty("id").GetString());
    }
}
