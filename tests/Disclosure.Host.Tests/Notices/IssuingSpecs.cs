using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;

namespace Disclosure.Host.Tests.Notices;

/// <summary>Notices are issued by the step the law ties them to, numbered gap-free, kept as issued.</summary>
public class IssuingSpecs(AppFixture fixture) : NoticeScenario(fixture)
{
    [Fact]
    public async Task Recording_a_decision_issues_its_answer_notice_which_is_kept_and_served()
    {
        await SetNoticeSettings();
        var id = await Receive();

        var view = (await Step(id, "decision", Disclosed())).ShouldBe(200);

        Assert.Equal(["application_received", "decision_recorded", "notice_issued"], Types(view));
        var issued = Issued(view).Single();
        Assert.Equal(Answer(1), issued.GetProperty("number").GetString());
        Assert.Equal("answer_disclosed", issued.GetProperty("kind").GetString());
        var html = (await Document(id, Answer(1))).ShouldBe(200);
        Assert.Equal("text/html", html.ContentType);
        Assert.Contains("三厂工业园区管理委员会", html.Body);
        Assert.Contains("张三：", html.Body);
        Assert.Contains("第三十六条第（二）项", html.Body);
        Assert.Contains($"向{ReconsiderationBody}申请行政复议", html.Body);
        Assert.Equal(issued.GetProperty("contentHash").GetString(), NoticeTemplates.ContentHash(html.Body));
        var listed = (await Notices(id)).ShouldBe(200).Json.EnumerateArray().Single();
        Assert.Equal("答复书（予以公开）", listed.GetProperty("label").GetString());
    }

    public static TheoryData<string> EveryOutcome() => [.. Outcomes.All.Select(o => o.Code)];

    [Theory]
    [MemberData(nameof(EveryOutcome))]
    public async Task Each_answer_cites_its_article_and_states_the_remedies(string outcome)
    {
        var earlier = outcome == Outcomes.NotProcessedDuplicate ? await EarlierAnswered() : (Guid?)null;
        await SetNoticeSettings();
        var id = await Receive();
        var notice = outcome switch
        {
            Outcomes.Disclosed => new { provision = new[] { "电子邮件" } } as object,
            Outcomes.PartiallyDisclosed => new { variant = "withheld_third_party_rights", reasons = new[] { "第三方个人信息不予公开。" }, provision = new[] { "邮寄" } },
            Outcomes.OtherOther => new { decision = "您已撤回申请，本机关终止处理。", basis = "《中华人民共和国政府信息公开条例》第二十九条" },
            _ => new { },
        };

        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome, notice, relatedTo = earlier?.ToString() })).ShouldBe(200);

        var html = (await Document(id, Answer(1))).ShouldBe(200).Body;
        var variant = outcome == Outcomes.PartiallyDisclosed ? "withheld_third_party_rights" : null;
        if (AnswerCatalogue.For(outcome).Articles.Count > 0) Assert.Contains(AnswerCatalogue.Basis(outcome, variant), html);
        if (variant is not null) Assert.Contains("第十五条、第三十六条第（三）项、第三十七条", html);
        Assert.Contains("申请行政复议", html);
        if (Remedies.ReconsiderationFirst(outcome))
            Assert.Contains("应当先向行政复议机关申请行政复议", html);
        else
            Assert.Contains("六个月内依法向人民法院提起行政诉讼", html);
    }

    /// <summary>Issue #24: the variant codes were listed nowhere, and a 部分公开 without a ground cited only 第三十七条.</summary>
    [Fact]
    public async Task The_answer_s_variant_codes_are_an_enum_of_the_API_and_a_partial_disclosure_names_its_ground()
    {
        var doc = (await Send(HttpMethod.Get, "/openapi/v1.json", null, null)).ShouldBe(200).Json;
        var variant = doc.GetProperty("components").GetProperty("schemas").GetProperty("AnswerNoticeInput").GetProperty("properties").GetProperty("variant");
        var codes = variant.GetProperty("enum").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("not_this_agency", codes);
        Assert.Contains("already_public", codes);
        Assert.Contains("withheld_third_party_rights", codes);
        Assert.Contains("withheld_process_information", codes);

        await SetNoticeSettings();
        var id = await Receive();
        var withoutGround = (await Step(id, "decision", new
        {
            decidedOn = "2025-03-20", outcome = "partially_disclosed",
            notice = new { reasons = new[] { "讨论记录属于过程性信息，不予公开。" }, provision = new[] { "邮寄" } },
        })).ShouldBe(400);
        Assert.Contains("notice.variant", withoutGround.Body);
        Assert.Equal(1, await StreamVersion(Agency, id));

        (await Step(id, "decision", new
        {
            decidedOn = "2025-03-20", outcome = "partially_disclosed",
            notice = new { variant = "withheld_process_information", reasons = new[] { "讨论记录属于过程性信息，不予公开。" }, provision = new[] { "邮寄" } },
        })).ShouldBe(200);
        Assert.Contains("本答复的法律依据：《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项、第三十七条。", (await Document(id, Answer(1))).Body);
    }

    [Fact]
    public async Task A_refused_step_takes_no_number_and_the_next_notice_gets_it()
    {
        await SetNoticeSettings();
        var id = await Receive();

        // 予以公开 must say how the information is provided (条例第三十六条第（二）项)
        var refused = (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(400);
        Assert.Contains("notice.provision", refused.Body);
        Assert.Equal(1, await StreamVersion(Agency, id));

        var view = (await Step(id, "decision", Disclosed())).ShouldBe(200);
        Assert.Equal(Answer(1), Issued(view).Single().GetProperty("number").GetString());
    }

    [Fact]
    public async Task Numbers_stay_gap_free_when_steps_race_and_when_one_loses()
    {
        await SetNoticeSettings();
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++) ids.Add(await Receive());

        // six decisions at once, and a second decision on the first case racing its first one
        var racing = ids.Select(id => Step(id, "decision", Disclosed())).Append(Step(ids[0], "decision", Disclosed())).ToList();
        var replies = await Task.WhenAll(racing);

        Assert.Equal(6, replies.Count(r => r.Status == 200));
        var numbers = new List<string>();
        foreach (var id in ids)
            numbers.AddRange((await Notices(id)).ShouldBe(200).Json.EnumerateArray().Select(n => n.GetProperty("number").GetString()!));
        Assert.Equal(Enumerable.Range(1, 6).Select(n => Answer(n)).Order(), numbers.Order());
    }

    [Fact]
    public async Task Without_notice_settings_steps_issue_nothing_and_a_notice_asked_for_is_refused()
    {
        var id = await Receive();

        var view = (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(200);

        Assert.DoesNotContain("notice_issued", Types(view));
        var refused = (await Post($"{Base}/{id}/notices", new { kind = "answer_disclosed" })).ShouldBe(409);
        Assert.Contains("notice settings", refused.Body);
        var settings = (await Get($"/api/agencies/{Agency}/settings/notices")).ShouldBe(200);
        Assert.False(settings.Json.GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task A_step_recorded_before_the_settings_gets_its_notice_issued_later_and_only_once()
    {
        var earlier = await EarlierAnswered();
        var id = await Receive();
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "not_processed_duplicate", relatedTo = earlier.ToString() })).ShouldBe(200);
        await SetNoticeSettings();

        var view = (await Post($"{Base}/{id}/notices", new { kind = "answer_not_processed_duplicate", issuedOn = "2025-06-30" })).ShouldBe(200);

        Assert.Equal(Answer(1), Issued(view).Single().GetProperty("number").GetString());
        Assert.Contains("第三十六条第（六）项", (await Document(id, Answer(1))).Body);
        (await Post($"{Base}/{id}/notices", new { kind = "answer_not_processed_duplicate" })).ShouldBe(409);
        (await Post($"{Base}/{id}/notices", new { kind = "answer_disclosed" })).ShouldBe(400);
        var receipt = (await Post($"{Base}/{id}/notices", new { kind = "receipt" })).ShouldBe(200);
        Assert.Equal("SP公开收〔2025〕1号", Issued(receipt).Last().GetProperty("number").GetString());
    }

    [Fact]
    public async Task Procedural_steps_issue_their_own_notices_in_their_own_series()
    {
        await SetNoticeSettings();
        var id = await Receive();

        var corrected = (await Step(id, "correction-request", new { sentOn = "2025-03-04", items = new[] { "所需信息的时间范围" }, correctBy = "2025-03-14", guidance = "请写明年份。" })).ShouldBe(200);
        (await Step(id, "correction", new { receivedOn = "2025-03-10" })).ShouldBe(200);
        var extended = (await Step(id, "extension", new { approvedOn = "2025-04-01", approvedBy = "王主任", workingDays = 10, reason = "需要调取档案" })).ShouldBe(200);
        var consulted = (await Step(id, "consultations", new { sentOn = "2025-04-02", party = "某建设公司" })).ShouldBe(200);

        Assert.Equal("SP公开补〔2025〕1号", Issued(corrected).Single().GetProperty("number").GetString());
        Assert.Equal("extension", Issued(extended).Last().GetProperty("kind").GetString());
        var app = consulted.Json.GetProperty("application");
        var kinds = app.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("type").GetString() == "notice_issued")
            .Select(h => h.GetProperty("data").GetProperty("kind").GetString()).ToList();
        Assert.Equal(["correction", "extension", "consultation_letter", "consultation_notice"], kinds);
        var correction = (await Document(id, "SP公开补〔2025〕1号")).Body;
        Assert.Contains("所需信息的时间范围", correction);
        Assert.Contains("第三十条", correction);
        var letter = (await Document(id, "SP公开征〔2025〕1号")).Body;
        Assert.Contains("某建设公司", letter);
        Assert.DoesNotContain("张三", letter); // the party is not told who asked
        Assert.Contains("不计算在答复期限内", (await Document(id, "SP公开征告〔2025〕1号")).Body);
    }

    [Fact]
    public async Task A_corrected_decision_issues_a_new_notice_and_the_old_one_stays()
    {
        var earlier = await EarlierAnswered();
        await SetNoticeSettings();
        var id = await Receive();
        (await Step(id, "decision", new { decidedOn = "2025-03-20", outcome = "unavailable_not_held" })).ShouldBe(200);
        (await Step(id, "relations", new { relatedTo = earlier.ToString(), kind = "same_request" })).ShouldBe(200); // 不予处理（重复申请） needs it

        var view = (await Step(id, "decision-correction", new { correctedOn = "2025-03-25", outcome = "not_processed_duplicate", reason = "系重复申请" })).ShouldBe(200);

        Assert.Equal([Answer(1), Answer(2)], Issued(view).Select(n => n.GetProperty("number").GetString()));
        Assert.Contains("第三十六条第（四）项", (await Document(id, Answer(1))).Body);
        Assert.Contains("第三十六条第（六）项", (await Document(id, Answer(2))).Body);
    }

    [Fact]
    public async Task Issued_documents_do_not_change_when_the_template_changes_afterwards()
    {
        await SetNoticeSettings();
        var first = await Receive();
        (await Step(first, "decision", Disclosed())).ShouldBe(200);
        var before = (await Document(first, Answer(1))).Body;

        var shipped = (await Get($"/api/agencies/{Agency}/notice-templates/answer")).ShouldBe(200).Str("source");
        var changed = (await Put($"/api/agencies/{Agency}/notice-templates/answer", new { source = shipped.Replace("特此告知。", "特此告知，请查收。") })).ShouldBe(200);
        var second = await Receive();
        (await Step(second, "decision", Disclosed())).ShouldBe(200);

        Assert.Equal(before, (await Document(first, Answer(1))).Body);
        Assert.Contains("特此告知，请查收。", (await Document(second, Answer(2))).Body);
        Assert.True(changed.Json.GetProperty("custom").GetBoolean());
        var history = changed.Json.GetProperty("history").EnumerateArray().ToList();
        var version = history.Single().GetProperty("version").GetString()!;
        Assert.Contains(Issued((await Get($"{Base}/{second}")).ShouldBe(200)), n => n.GetProperty("templateVersion").GetString() == version);
        var old = (await Get($"/api/agencies/{Agency}/notice-templates/answer/versions/{Uri.EscapeDataString(version)}")).ShouldBe(200);
        Assert.Contains("特此告知，请查收。", old.Str("source"));
    }

    [Fact]
    public async Task A_template_that_leaves_out_a_required_element_is_refused_with_the_element_named()
    {
        var shipped = (await Get($"/api/agencies/{Agency}/notice-templates/answer")).ShouldBe(200).Str("source");

        var refused = (await Put($"/api/agencies/{Agency}/notice-templates/answer",
            new { source = shipped.Replace("<p class=\"remedies\">{{ answer.remedies }}</p>", "") })).ShouldBe(400);
        Assert.Contains("救济途径", refused.Body);
        (await Put($"/api/agencies/{Agency}/notice-templates/answer", new { source = "{% if %}" })).ShouldBe(400);
        // issue #24: without the received date and the agency the next answer read "本机关于收到您…"
        var undated = (await Put($"/api/agencies/{Agency}/notice-templates/answer",
            new { source = shipped.Replace("{{ application.received_on }}", "").Replace("{{ agency.name }}", "") })).ShouldBe(400);
        Assert.Contains("收到申请日期", undated.Body);
        Assert.Contains("机关名称", undated.Body);
        Assert.False((await Get($"/api/agencies/{Agency}/notice-templates/answer")).ShouldBe(200).Json.GetProperty("custom").GetBoolean());
        (await Put($"/api/agencies/{Agency}/notice-templates/no-such-kind", new { source = shipped })).ShouldBe(404);
    }

    [Fact]
    public async Task Erasure_masks_the_applicant_in_kept_documents_and_keeps_their_numbers()
    {
        await SetNoticeSettings();
        var id = await Receive();
        (await Step(id, "decision", Disclosed())).ShouldBe(200);
        Assert.Contains("张三", (await Document(id, Answer(1))).Body);
        Assert.Contains("张三", PdfText(await Pdf(id, Answer(1))));

        await Security.Erasure.AfterRetentionAsync(Host, Fixture, Agency, closedBefore: "2025-06-01");

        var masked = (await Document(id, Answer(1))).ShouldBe(200).Body;
        Assert.DoesNotContain("张三", masked);
        Assert.DoesNotContain("2024年园区建设工程规划许可证发放情况", masked);
        Assert.Contains("（已删除）：", masked);
        Assert.Contains(Answer(1), masked);
        Assert.Contains("第三十六条第（二）项", masked);
        var listed = (await Notices(id)).Json.EnumerateArray().Single();
        Assert.Equal("2026-07-01", listed.GetProperty("maskedOn").GetString());
        var printed = PdfText(await Pdf(id, Answer(1)));
        Assert.DoesNotContain("张三", printed);
        Assert.Contains("已删除", printed);
    }

    /// <summary>
    /// An earlier application of the same applicant, answered before the settings exist (no notice, no number taken): what a
    /// 不予处理（重复申请） must name (条例第三十六条第（六）项).
    /// </summary>
    private async Task<Guid> EarlierAnswered()
    {
        var earlier = await Receive("2025-01-06");
        (await Step(earlier, "decision", new { decidedOn = "2025-01-20", outcome = "disclosed" })).ShouldBe(200);
        return earlier;
    }
}
