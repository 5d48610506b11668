using Marten;
using Disclosure.Host.Tests.Console;

namespace Disclosure.Host.Tests.Applications;

/// <summary>
/// 网上申请 end to end: submitted without signing in → 待确认 → the clerk confirms → the clock counts from the confirmation
/// (条例第三十一条); duplicates make one application; a refused submission writes nothing.
/// </summary>
public class OnlineApplicationSpecs(AppFixture fixture) : ApplicationScenario(fixture)
{
    private const string Public = "/public/agencies/sanchang-park/applications";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static object Form(string description = "2024年园区建设工程规划许可证发放情况", string idNumber = "11010519491231002X", string category = "natural_person",
        string? creditCode = null) => new
    {
        applicant = new { category, name = category == "natural_person" ? "张三" : "某某科技有限公司", idType = category == "natural_person" ? "resident_id_card" : null,
            idNumber = category == "natural_person" ? idNumber : null, creditCode, phone = "13812345678", email = "zhang@example.cn" },
        description,
        informationForm = "electronic_email",
        obtainBy = "email",
        electronicConsent = true,
    };

    private Task<Reply> Submit(object form, string? key = null) =>
        Send(HttpMethod.Post, Public, form, null, new Dictionary<string, string> { ["Idempotency-Key"] = key ?? Guid.NewGuid().ToString() });

    [Fact]
    public async Task Submitted_the_evening_before_national_day_it_awaits_confirmation_and_counts_from_the_confirmation_after_the_holiday()
    {
        Clock.Now = new DateTimeOffset(2025, 9, 30, 21, 30, 0, China);
        var submitted = (await Submit(Form())).ShouldBe(201);
        var number = submitted.Str("trackingNumber");
        Assert.Matches("^[A-Z2-9]{8}$", submitted.Str("queryCode"));
        Assert.Equal("已提交，待行政机关确认", submitted.Str("status"));

        var pending = (await Get($"{Base}/{number}")).ShouldBe(200);
        Assert.Equal("awaiting_confirmation", pending.Str("status"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, pending.Json.GetProperty("dueOn").ValueKind);
        // nothing is recorded on a submission before it is confirmed
        (await Step(Guid.Parse(submitted.Str("id")), "correction-request", new { sentOn = "2025-09-30", items = new[] { "写明文号" }, correctBy = "2025-10-20" })).ShouldBe(409);

        Clock.Now = new DateTimeOffset(2025, 10, 9, 9, 12, 0, China);
        (await Post($"{Base}/{number}/confirmation", new { }, Token("intake", Agency))).ShouldBe(200);
        var confirmed = (await Get($"{Base}/{number}")).ShouldBe(200);
        Assert.Equal("2025-10-09", confirmed.Str("receivedOn"));
        // 10-01…08 off, 10-11 a make-up working day: 20 working days after 10-09 end on 11-05 (from 09-30 they would end on 11-04)
        Assert.Equal("2025-11-05", confirmed.Str("dueOn"));
        Assert.Equal(409, (await Post($"{Base}/{number}/confirmation", new { }, Token("intake", Agency))).Status);

        var status = (await Send(HttpMethod.Get, $"/public/applications/{number}?code={submitted.Str("queryCode")}", null, null)).ShouldBe(200);
        Assert.Equal("2025-10-09", status.Str("receivedOn"));
        Assert.StartsWith("2025-10-09T09:12:00", status.Str("confirmedAt"));
    }

    [Fact]
    public async Task A_double_click_and_a_resubmission_within_minutes_make_one_application()
    {
        var key = Guid.NewGuid().ToString();
        var first = (await Submit(Form(), key)).ShouldBe(201);
        var again = (await Submit(Form(), key)).ShouldBe(201);
        Clock.Now += TimeSpan.FromMinutes(5);
        var resubmitted = (await Submit(Form())).ShouldBe(201);
        Assert.Equal(first.Str("trackingNumber"), again.Str("trackingNumber"));
        Assert.Equal(first.Str("trackingNumber"), resubmitted.Str("trackingNumber"));
        Assert.Equal(first.Str("queryCode"), resubmitted.Str("queryCode"));

        // another request, or the same one after the first was confirmed, is a new application
        var other = (await Submit(Form("2024年园区环境影响评价报告"))).ShouldBe(201);
        Assert.NotEqual(first.Str("trackingNumber"), other.Str("trackingNumber"));
        (await Post($"{Base}/{first.Str("trackingNumber")}/confirmation", new { })).ShouldBe(200);
        Assert.NotEqual(first.Str("trackingNumber"), (await Submit(Form())).ShouldBe(201).Str("trackingNumber"));
        await using var session = Store.QuerySession(Agency);
        Assert.Equal(3, await session.Query<Disclosure.Domain.Applications.Application>().CountAsync());
    }

    [Theory]
    [InlineData("applicant.idNumber", "natural_person", "110105194912310021", null)]
    [InlineData("applicant.creditCode", "commercial_enterprise", "", "91350100M000100Y44")]
    [InlineData("applicant.creditCode", "commercial_enterprise", "", null)]
    public async Task A_refused_submission_names_the_field_and_writes_nothing(string field, string category, string idNumber, string? creditCode)
    {
        var before = await EventCount();
        var refused = (await Submit(Form(idNumber: idNumber, category: category, creditCode: creditCode))).ShouldBe(400);
        Assert.Contains(field, refused.Body);
        Assert.Equal(before, await EventCount());
        // and no tracking number was taken for it
        Assert.EndsWith("-00001", (await Submit(Form())).ShouldBe(201).Str("trackingNumber"));
    }

    [Fact]
    public async Task An_unknown_agency_or_a_missing_field_is_refused_before_anything_is_written()
    {
        var before = await EventCount();
        (await Send(HttpMethod.Post, "/public/agencies/no-such-agency/applications", Form(), null)).ShouldBe(404);
        var missing = (await Submit(new { applicant = new { category = "natural_person", name = "张三" }, informationForm = "paper", obtainBy = "post", electronicConsent = false })).ShouldBe(400);
        Assert.Contains("description", missing.Body);
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task A_submission_returned_as_not_an_application_shows_the_reason_to_the_applicant_and_is_never_counted()
    {
        var submitted = (await Submit(Form("我要投诉小区物业乱收费"))).ShouldBe(201);
        var number = submitted.Str("trackingNumber");
        (await Post($"{Base}/{number}/return", new { reason = "" }, Token("intake", Agency))).ShouldBe(400);
        (await Post($"{Base}/{number}/return", new { reason = "属于投诉，请通过12345热线反映" }, Token("intake", Agency))).ShouldBe(200);
        var status = (await Send(HttpMethod.Get, $"/public/applications/{number}?code={submitted.Str("queryCode")}", null, null)).ShouldBe(200);
        Assert.Equal("已退回", status.Str("status"));
        Assert.Equal("属于投诉，请通过12345热线反映", status.Str("returnedReason"));
        (await Post($"{Base}/{number}/confirmation", new { })).ShouldBe(409);
    }

    [Fact]
    public async Task The_apply_page_shows_the_guide_and_submits_the_form_without_signing_in()
    {
        var anonymous = new ConsoleClient(Host.Server);
        var index = await anonymous.GetAsync("/apply");
        Assert.Equal(200, index.Status);
        Assert.Contains("/apply/sanchang-park", index.Html);
        var form = await anonymous.GetAsync("/apply/sanchang-park");
        Assert.Equal(200, form.Status);
        Assert.Equal("zh-CN", form.Document.DocumentElement.GetAttribute("lang"));
        Assert.Empty(ConsoleAccessSpecs.Unlabelled(form));
        Assert.Contains("申请指南", form.Html);

        var fields = new Dictionary<string, string>
        {
            ["applicant.category"] = "natural_person", ["applicant.name"] = "张三", ["applicant.idType"] = "resident_id_card",
            ["applicant.idNumber"] = "110105194912310021", ["applicant.phone"] = "13812345678", ["description"] = "2024年园区规划许可",
            ["informationForm"] = "paper", ["obtainBy"] = "post", ["electronicConsent"] = "true",
        };
        var before = await EventCount();
        var refused = await anonymous.SubmitAsync(form, fields);
        Assert.Equal(400, refused.Status);
        Assert.Contains("校验码", refused.ErrorOf("applicant.idNumber"));
        Assert.Equal("true", refused.Document.QuerySelector("[name='applicant.idNumber']")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await EventCount());

        fields["applicant.idNumber"] = "11010519491231002X";
        var saved = await anonymous.SubmitAsync(refused, fields);
        Assert.Equal(201, saved.Status);
        var number = saved.Text("[data-tracking-number]");
        // a reload of the answer (the same form, the same key) is the same application
        var reloaded = await anonymous.SubmitAsync(refused, fields);
        Assert.Equal(number, reloaded.Text("[data-tracking-number]"));
        Assert.Equal(saved.Text("[data-query-code]"), reloaded.Text("[data-query-code]"));
        Assert.Equal("awaiting_confirmation", (await Get($"{Base}/{number}")).Str("status"));
    }

    [Fact]
    public async Task A_wrong_code_and_an_unknown_number_answer_alike_and_slowly_and_personal_data_comes_back_masked()
    {
        var submitted = (await Submit(Form())).ShouldBe(201);
        var number = submitted.Str("trackingNumber");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var wrongCode = await Send(HttpMethod.Get, $"/public/applications/{number}?code=AAAAAAAA", null, null);
        var unknown = await Send(HttpMethod.Get, $"/public/applications/SP-2025-99999?code={submitted.Str("queryCode")}", null, null);
        Assert.True(started.Elapsed >= 2 * Disclosure.Host.Applications.PublicApplicationStatusEndpoint.MissDelay, $"{started.Elapsed}");
        Assert.Equal((404, 404), (wrongCode.Status, unknown.Status));
        Assert.Equal(wrongCode.Json.GetProperty("detail").ToString(), unknown.Json.GetProperty("detail").ToString());

        var found = (await Send(HttpMethod.Get, $"/public/applications/{number}?code={submitted.Str("queryCode")}", null, null)).ShouldBe(200);
        Assert.Equal("张*", found.Str("applicant"));
        Assert.DoesNotContain("张三", found.Body);
        Assert.DoesNotContain("11010519491231002X", found.Body);
        Assert.DoesNotContain("13812345678", found.Body);
    }

    [Fact]
    public async Task A_notice_is_served_only_to_the_right_code()
    {
        (await Put($"/api/agencies/{Agency}/settings/notices", new { agencyName = "三厂园区管理委员会", reconsiderationBody = "三厂镇人民政府" })).ShouldBe(200);
        var submitted = (await Submit(Form())).ShouldBe(201);
        var number = submitted.Str("trackingNumber");
        (await Post($"{Base}/{number}/confirmation", new { })).ShouldBe(200);

        var applicant = new ConsoleClient(Host.Server);
        var status = await applicant.SubmitAsync(await applicant.GetAsync("/public/status"),
            new Dictionary<string, string> { ["kind"] = "application", ["trackingNumber"] = number, ["code"] = submitted.Str("queryCode") });
        Assert.Equal(200, status.Status);
        Assert.Contains("登记回执", status.Text("#notices-heading + ul"));
        var receipt = status.Document.QuerySelector("button[data-notice]")!.GetAttribute("data-notice")!;
        // the download form with another code: the same not-found page, no document
        var refused = await applicant.SubmitAsync(status, new Dictionary<string, string> { ["code"] = "AAAAAAAA", ["number"] = receipt },
            "form[action*='handler=Notice']");
        Assert.Equal(404, refused.Status);
        Assert.Equal("text/html", refused.ContentType);
        Assert.Contains("没有找到", refused.Problem);
    }

    [Fact]
    public async Task Online_applications_are_limited_per_address_and_hour()
    {
        async Task<int> Open(string address) => (await Host.Scenario(s =>
        {
            s.Get.Url("/apply/sanchang-park");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address));
            s.IgnoreStatusCode();
        })).Context.Response.StatusCode;
        var statuses = new List<int>();
        for (var i = 0; i < 61; i++) statuses.Add(await Open("203.0.113.9"));
        Assert.All(statuses.Take(60), s => Assert.Equal(200, s));
        Assert.Equal(429, statuses[60]);
        Assert.Equal(200, await Open("203.0.113.10"));
    }

    [Fact]
    public async Task The_apply_page_of_an_agency_that_is_not_registered_is_404()
    {
        Assert.Equal(404, (await new ConsoleClient(Host.Server).GetAsync("/apply/no-such-agency")).Status);
    }
}
