using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Applications;

public class StepSpecs(AppFixture fixture) : ApplicationScenario(fixture)
{
    [Fact]
    public async Task Every_step_is_recorded_and_the_clock_explains_itself()
    {
        var handler = Token(Roles.Handler, Agency);
        var id = await Receive("2025-01-20");
        (await Step(id, "correction-request", new { sentOn = "2025-01-22", items = new[] { "写明所需信息的名称" }, correctBy = "2025-02-14" }, handler))
            .ShouldBe(200).Str("status").ShouldEqual("awaiting_correction");
        var corrected = (await Step(id, "correction", new { receivedOn = "2025-02-10" }, handler)).ShouldBe(200);
        Assert.Equal("2025-03-10", corrected.Str("dueOn"));

        var consultation = (await Step(id, "consultations", new { sentOn = "2025-02-11", party = "某建设公司" }, handler)).ShouldBe(200);
        var consultationId = consultation.Str("consultationId");
        Assert.Equal("in_consultation", consultation.Json.GetProperty("application").GetProperty("status").GetString());
        var replied = (await Post($"{Base}/{id}/consultations/{consultationId}/reply", new { receivedOn = "2025-02-14", consents = false }, handler)).ShouldBe(200);
        Assert.Equal("2025-03-13", replied.Str("dueOn")); // 3 working days not counted

        (await Step(id, "extension", new { approvedOn = "2025-03-05", approvedBy = "政务公开办主任", workingDays = 5, reason = "涉及档案调取" }, handler)).ShouldBe(200)
            .Str("dueOn").ShouldEqual("2025-03-20");
        (await Step(id, "fee-notice", new { sentOn = "2025-03-06", amountYuan = 300, basis = "per_page" }, handler)).ShouldBe(200)
            .Str("status").ShouldEqual("awaiting_fee");
        (await Step(id, "fee-payment", new { paidOn = "2025-03-11" }, handler)).ShouldBe(200).Str("dueOn").ShouldEqual("2025-03-25");
        var decided = (await Step(id, "decision", new { decidedOn = "2025-03-24", outcome = "partially_disclosed", note = "区分处理" }, handler)).ShouldBe(200);
        Assert.Equal("answered", decided.Str("status"));
        Assert.Equal("partially_disclosed", decided.Str("outcome"));
        Assert.Equal(0, decided.Json.GetProperty("warnings").GetArrayLength());

        var rules = decided.Json.GetProperty("deadline").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("rule").GetString()).ToList();
        Assert.Equal(["received", "correction_restart", "answer_period", "extension", "consultation", "fee_waiting", "due"], rules);
        var history = decided.Json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("type").GetString()).ToList();
        Assert.Equal(["application_received", "correction_requested", "correction_received", "consultation_sent", "consultation_replied",
            "extension_approved", "fee_notice_sent", "fee_paid", "decision_recorded"], history);
        Assert.Equal(9, await StreamVersion(Agency, id));
    }

    [Fact]
    public async Task A_step_answers_with_exactly_the_state_a_later_read_shows()
    {
        var handler = Token(Roles.Handler, Agency);
        var id = await Receive("2025-01-20");
        await Step(id, "extension", new { approvedOn = "2025-02-10", approvedBy = "政务公开办主任", workingDays = 5, reason = "涉及档案调取" }, handler);
        var decided = (await Step(id, "decision", new { decidedOn = "2025-02-24", outcome = "disclosed" }, handler)).ShouldBe(200);

        var read = (await Get($"{Base}/{id}", handler)).ShouldBe(200);

        // the step builds its answer from the events it read and appended (no read after the write): versions, types,
        // recorded times, users and the derived deadline must be what the store then holds
        Assert.Equal(read.Json.GetRawText(), decided.Json.GetRawText());
        Assert.Equal([1, 2, 3], decided.Json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Late_steps_are_recorded_and_flagged()
    {
        var id = await Receive("2025-01-20");
        var late = (await Step(id, "correction-request", new { sentOn = "2025-02-06", items = new[] { "x" }, correctBy = "2025-02-20" })).ShouldBe(200);
        Assert.Equal("correction_notice_late", late.Json.GetProperty("warnings")[0].GetProperty("code").GetString());

        var other = await Receive("2024-09-27");
        var answer = (await Step(other, "decision", new { decidedOn = "2024-10-31", outcome = "disclosed" })).ShouldBe(200);
        Assert.Equal("answered_late", answer.Json.GetProperty("warnings")[0].GetProperty("code").GetString());
    }

    public static TheoryData<string, string, object, int> Refusals => new()
    {
        { "decide twice", "decision", new { decidedOn = "2025-03-21", outcome = "disclosed" }, 409 },
        { "correction request after a decision", "correction-request", new { sentOn = "2025-03-21", items = new[] { "x" }, correctBy = "2025-04-01" }, 409 },
        { "withdrawal after a decision", "withdrawal", new { on = "2025-03-21" }, 409 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Steps_on_a_decided_case_are_refused_and_append_nothing(string why, string step, object body, int status)
    {
        var id = await Receive();
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(200);
        (await Step(id, step, body)).ShouldBe(status);
        Assert.True(await StreamVersion(Agency, id) == 2, why);
    }

    public static TheoryData<string, string, object, int> OpenCaseRefusals => new()
    {
        { "before receipt", "decision", new { decidedOn = "2025-03-02", outcome = "disclosed" }, 400 },
        { "in the future", "decision", new { decidedOn = "2025-07-01", outcome = "disclosed" }, 400 },
        { "unknown outcome", "decision", new { decidedOn = "2025-03-20", outcome = "approved" }, 400 },
        { "missing date", "decision", new { outcome = "disclosed" }, 400 },
        { "extension over 20 working days", "extension", new { approvedOn = "2025-03-20", approvedBy = "主任", workingDays = 21, reason = "r" }, 400 },
        { "correction without request", "correction", new { receivedOn = "2025-03-10" }, 409 },
        { "payment without notice", "fee-payment", new { paidOn = "2025-03-10" }, 409 },
        { "fee with an unknown basis", "fee-notice", new { sentOn = "2025-03-10", amountYuan = 100, basis = "per_hour" }, 400 },
        { "review of an unknown kind", "reviews", new { kind = "petition", filedOn = "2025-03-10" }, 400 },
        { "correcting a decision that does not exist", "decision-correction", new { correctedOn = "2025-03-10", outcome = "disclosed", reason = "r" }, 409 },
        { "stale version", "withdrawal", new { on = "2025-03-10", version = 7 }, 409 },
    };

    [Theory]
    [MemberData(nameof(OpenCaseRefusals))]
    public async Task Impossible_steps_are_refused_and_append_nothing(string why, string step, object body, int status)
    {
        var id = await Receive();
        var reply = await Step(id, step, body);
        Assert.True(reply.Status == status, $"{why}: {reply}");
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.True(await StreamVersion(Agency, id) == 1, why);
    }

    [Fact]
    public async Task Only_one_correction_request_and_one_extension()
    {
        var id = await Receive();
        (await Step(id, "correction-request", new { sentOn = "2025-03-04", items = new[] { "x" }, correctBy = "2025-03-14" })).ShouldBe(200);
        (await Step(id, "correction-request", new { sentOn = "2025-03-05", items = new[] { "y" }, correctBy = "2025-03-15" })).ShouldBe(409);
        (await Step(id, "correction", new { receivedOn = "2025-03-10" })).ShouldBe(200);
        (await Step(id, "extension", new { approvedOn = "2025-03-20", approvedBy = "主任", workingDays = 10, reason = "r" })).ShouldBe(200);
        (await Step(id, "extension", new { approvedOn = "2025-03-21", approvedBy = "主任", workingDays = 5, reason = "r" })).ShouldBe(409);
        Assert.Equal(4, await StreamVersion(Agency, id));
    }

    [Fact]
    public async Task Ten_concurrent_decisions_one_wins()
    {
        var id = await Receive();
        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Step(id, "decision", new { decidedOn = "2025-03-20", outcome = i % 2 == 0 ? "disclosed" : "unavailable_not_held" })));
        Assert.Equal(1, replies.Count(r => r.Status == 200));
        Assert.Equal(9, replies.Count(r => r.Status == 409));
        Assert.Equal(2, await StreamVersion(Agency, id));
    }

    [Fact]
    public async Task A_decision_is_corrected_with_a_reason_and_the_old_one_stays_in_history()
    {
        var id = await Receive();
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(200);
        var corrected = (await Step(id, "decision-correction", new { correctedOn = "2025-03-25", outcome = "partially_disclosed", reason = "部分内容涉及商业秘密" },
            Token(Roles.Supervisor, Agency))).ShouldBe(200);
        Assert.Equal("partially_disclosed", corrected.Str("outcome"));
        Assert.Equal("disclosed", corrected.Json.GetProperty("supersededAnswers")[0].GetProperty("outcome").GetString());
        Assert.Equal("decision_corrected", corrected.Json.GetProperty("history")[2].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Reviews_are_filed_and_concluded()
    {
        var id = await Receive();
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "withheld_process_information" })).ShouldBe(200);
        var filed = (await Step(id, "reviews", new { kind = "reconsideration", filedOn = "2025-04-10" })).ShouldBe(201);
        var reviewId = filed.Str("reviewId");
        (await Post($"{Base}/{id}/reviews/{reviewId}/conclusion", new { concludedOn = "2025-06-01", result = "upheld" })).ShouldBe(200);
        (await Post($"{Base}/{id}/reviews/{reviewId}/conclusion", new { concludedOn = "2025-06-02", result = "corrected" })).ShouldBe(409);
        (await Post($"{Base}/{id}/reviews/{Guid.NewGuid()}/conclusion", new { concludedOn = "2025-06-02", result = "corrected" })).ShouldBe(404);
        Assert.Equal(4, await StreamVersion(Agency, id));
    }

    [Fact]
    public async Task Withdrawal_and_lapses_close_the_case_in_other_rows()
    {
        var withdrawn = await Receive();
        (await Step(withdrawn, "withdrawal", new { on = "2025-03-05", reason = "已通过其他途径获取" })).ShouldBe(200).Str("outcome").ShouldEqual("other_other");

        var silent = await Receive();
        (await Step(silent, "correction-request", new { sentOn = "2025-03-04", items = new[] { "x" }, correctBy = "2025-03-14" })).ShouldBe(200);
        (await Step(silent, "correction-lapse", new { on = "2025-03-14" })).ShouldBe(400);
        (await Step(silent, "correction-lapse", new { on = "2025-03-17" })).ShouldBe(200).Str("outcome").ShouldEqual("other_no_correction");
    }

    [Fact]
    public async Task Intake_clerks_cannot_record_steps()
    {
        var id = await Receive();
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" }, Token(Roles.Intake, Agency))).ShouldBe(403);
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" }, Token(Roles.Handler, "haimen"))).ShouldBe(403);
        Assert.Equal(1, await StreamVersion(Agency, id));
    }
}
