using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using static Disclosure.Domain.Tests.Applications.Given;
using static Disclosure.Domain.Tests.Notices.Sample;

namespace Disclosure.Domain.Tests.Notices;

/// <summary>Given a decided case, when its answer (告知书) is rendered, then it cites the right article and the remedies.</summary>
public class AnswerNoticeSpecs
{
    private const string Regulation = "《中华人民共和国政府信息公开条例》";

    /// <summary>The legal basis per outcome (notices-and-fees.md §2), written out here independently of the catalogue.</summary>
    public static TheoryData<string, string> Bases => new()
    {
        { "disclosed", Regulation + "第三十六条第（二）项" },
        // with the ground of the withheld part (the sample withholds a third party's personal data)
        { "partially_disclosed", Regulation + "第十五条、第三十六条第（三）项、第三十七条" },
        { "withheld_state_secret", Regulation + "第十四条、第三十六条第（三）项" },
        { "withheld_prohibited_by_law", Regulation + "第十四条、第三十六条第（三）项" },
        { "withheld_security_stability", Regulation + "第十四条、第三十六条第（三）项" },
        { "withheld_third_party_rights", Regulation + "第十五条、第三十六条第（三）项" },
        { "withheld_internal_affairs", Regulation + "第十六条第一款、第三十六条第（三）项" },
        { "withheld_process_information", Regulation + "第十六条第二款、第三十六条第（三）项" },
        { "withheld_enforcement_case_file", Regulation + "第十六条第二款、第三十六条第（三）项" },
        { "withheld_administrative_query", Regulation + "第三十六条第（七）项" },
        { "unavailable_not_held", Regulation + "第三十六条第（四）项" },
        { "unavailable_needs_creation", Regulation + "第三十八条" },
        { "unavailable_still_unclear", Regulation + "第三十条" },
        { "not_processed_petition_complaint", Regulation + "第三十九条第一款" },
        { "not_processed_duplicate", Regulation + "第三十六条第（六）项" },
        { "not_processed_publication", Regulation + "第三十九条第二款" },
        { "not_processed_excessive", Regulation + "第三十五条" },
        { "not_processed_confirmation", Regulation + "第二条" },
        { "other_no_correction", Regulation + "第三十条" },
        { "other_fee_unpaid", Regulation + "第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）" },
        { "other_other", Regulation + "第二十九条" },
    };

    [Fact]
    public void The_specification_table_covers_every_outcome_code() =>
        Assert.Equal(Outcomes.All.Select(o => o.Code).Order(), Bases.Select(row => (string)row[0]).Order());

    [Theory]
    [MemberData(nameof(Bases))]
    public void Every_outcome_cites_its_article_and_carries_the_remedies_clause(string outcome, string basis)
    {
        var html = Render(AnswerModel(outcome));
        Assert.Contains($"本答复的法律依据：{basis}。", html);
        Assert.Contains($"六十日内向{ReconsiderationBody}申请行政复议", html);
        Assert.Contains("《中华人民共和国行政复议法》第二十条", html);
        Assert.Contains("特此告知", html);
        Assert.DoesNotContain("三个月", html);
        Assert.DoesNotContain("3个月", html);
    }

    [Theory]
    [MemberData(nameof(Bases))]
    public void Only_withheld_and_partly_withheld_answers_send_the_applicant_to_reconsideration_first(string outcome, string _)
    {
        var html = Render(AnswerModel(outcome));
        var first = outcome.StartsWith("withheld_") || outcome == Outcomes.PartiallyDisclosed;
        Assert.Equal(first, html.Contains("应当先向行政复议机关申请行政复议"));
        Assert.Equal(first, html.Contains("《中华人民共和国行政复议法》第二十三条第一款第（四）项"));
        // a direct lawsuit within six months is offered exactly when reconsideration is not required first
        Assert.Equal(!first, html.Contains("六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条第一款）"));
    }

    [Fact]
    public void A_withheld_answer_says_reconsideration_comes_first_and_names_the_reconsideration_body()
    {
        var html = Render(AnswerModel("withheld_third_party_rights"));
        Assert.Contains("根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，对此不服的，应当先向行政复议机关申请行政复议；对行政复议决定不服的，可以再依法向人民法院提起行政诉讼", html);
        Assert.Contains("您可以自收到本答复之日起六十日内向示例市人民政府申请行政复议", html);
        Assert.Contains($"{Regulation}第十五条、第三十六条第（三）项", html);
    }

    [Fact]
    public void A_partly_disclosed_answer_applies_reconsideration_first_to_its_withheld_part() =>
        Assert.Contains("本答复中不予公开的部分属于行政机关对政府信息公开申请不予公开的情形", Render(AnswerModel(Outcomes.PartiallyDisclosed)));

    [Fact]
    public void An_answer_prints_the_elements_of_a_real_answer_in_order()
    {
        var html = Body(Render(AnswerModel(Outcomes.Disclosed)));
        InOrder(html,
            Agency, NoticeKinds.AnswerTitle, "示规资公复〔2025〕12号",
            "张三：", "本机关于2025年3月3日收到您（要求获取园区规划许可）的政府信息公开申请",
            "经审查，", "本机关予以公开",
            "本答复的法律依据：《中华人民共和国政府信息公开条例》第三十六条第（二）项",
            "政府信息的提供方式、途径和时间", "提供方式：电子邮件发送至申请人预留邮箱",
            "申请行政复议", "特此告知。", "（印章）", Agency, "2025年3月20日");
    }

    [Fact]
    public void An_organisation_is_addressed_as_gui_danwei()
    {
        var html = Render(AnswerModel("withheld_state_secret", "research_institution"));
        Assert.Contains("收到贵单位（要求获取", html);
        Assert.Contains("贵单位申请获取的政府信息属于国家秘密", html);
        Assert.Contains("贵单位可以自收到本答复之日起六十日内", html);
    }

    [Fact]
    public void The_information_not_held_is_reported_after_a_search() =>
        Assert.Contains("经检索，本机关未制作、获取您申请获取的政府信息", Render(AnswerModel("unavailable_not_held")));

    [Theory]
    [InlineData("disclosed", "already_public", "第三十六条第（一）项")]
    [InlineData("unavailable_not_held", "not_this_agency", "第三十六条第（五）项")]
    [InlineData("withheld_third_party_rights", "consulted", "第十五条、第三十二条、第三十六条第（三）项")]
    [InlineData("not_processed_confirmation", "reissue", "第三十八条")]
    [InlineData("partially_disclosed", "withheld_third_party_rights", "第十五条、第三十六条第（三）项、第三十七条")]
    public void A_variant_of_an_outcome_cites_its_own_provision(string outcome, string variant, string articles)
    {
        var model = NoticeDrafts.Answer(Decided(outcome), Settings, "示规资公复〔2025〕12号", D("2025-03-20"), DraftFor(outcome) with { Variant = variant });
        Assert.Equal(Regulation + articles, model.Answer!.LegalBasis);
    }

    [Fact]
    public void An_unknown_variant_is_refused_listing_the_known_ones()
    {
        var r = Assert.Throws<Refusal>(() => NoticeDrafts.Answer(Decided(Outcomes.Disclosed), Settings, "n", D("2025-03-20"), DraftFor(Outcomes.Disclosed) with { Variant = "secret" }));
        Assert.Equal("variant", r.Field);
        Assert.Contains("already_public", r.Message);
    }

    [Fact]
    public void A_disclosure_must_say_how_where_and_when_the_information_is_provided() =>
        Assert.Equal("provision", Assert.Throws<Refusal>(() => NoticeDrafts.Answer(Decided(Outcomes.Disclosed), Settings, "n", D("2025-03-20"), new())).Field);

    [Fact]
    public void A_partial_disclosure_must_give_the_reason_for_the_withheld_part() =>
        Assert.Equal("reasons", Assert.Throws<Refusal>(() => NoticeDrafts.Answer(Decided(Outcomes.PartiallyDisclosed), Settings, "n", D("2025-03-20"),
            new(Provision: ["邮寄"]))).Field);

    /// <summary>Issue #24: a 部分公开 without a ground cited only 第三十七条, not the article the withheld part is withheld under.</summary>
    [Fact]
    public void A_partial_disclosure_must_name_the_ground_of_the_withheld_part()
    {
        var r = Assert.Throws<Refusal>(() => NoticeDrafts.Answer(Decided(Outcomes.PartiallyDisclosed), Settings, "n", D("2025-03-20"),
            DraftFor(Outcomes.PartiallyDisclosed) with { Variant = null }));
        Assert.Equal("variant", r.Field);
        Assert.Contains("withheld_third_party_rights", r.Message);
        Assert.Contains("withheld_process_information", r.Message);
    }

    [Fact]
    public void The_variant_vocabulary_lists_every_variant_of_every_outcome_and_the_grounds_of_a_partial_disclosure()
    {
        var codes = AnswerVariants.All.Select(t => t.Code).ToList();
        Assert.Equal(codes.Distinct(), codes);
        foreach (var outcome in Outcomes.All)
            Assert.All(AnswerCatalogue.VariantsOf(outcome.Code), v => Assert.Contains(v.Code, codes));
        Assert.Contains("not_this_agency", codes);
        Assert.Contains("withheld_state_secret", codes);
        Assert.Contains(AnswerVariants.All, t => t.Code == "withheld_internal_affairs" && t.Label.StartsWith("部分公开"));
    }

    [Fact]
    public void Other_handling_has_no_standard_wording_so_the_clerk_writes_decision_and_basis()
    {
        Assert.Equal("decision", Assert.Throws<Refusal>(() => NoticeDrafts.Answer(Decided(Outcomes.OtherOther), Settings, "n", D("2025-03-20"), new())).Field);
        Assert.Equal("basis", Assert.Throws<Refusal>(() => NoticeDrafts.Answer(Decided(Outcomes.OtherOther), Settings, "n", D("2025-03-20"), new(Decision: "撤回"))).Field);
    }

    [Fact]
    public void The_clerk_may_replace_findings_and_decision_and_add_reasons()
    {
        var draft = new AnswerDraft(Findings: "经检索本机关2019年以来的规划审批档案", Decision: "未找到您所述文件。", Reasons: ["该文件可能由示例市住房和城乡建设局制作，联系电话：010-87654321。"]);
        var html = Render(NoticeDrafts.Answer(Decided("unavailable_not_held"), Settings, "n", D("2025-03-20"), draft));
        InOrder(html, "经检索本机关2019年以来的规划审批档案，未找到您所述文件。", "该文件可能由示例市住房和城乡建设局制作", "本答复的法律依据");
    }

    [Fact]
    public void No_answer_notice_before_an_answer_is_recorded() =>
        Assert.Equal(RefusalKind.Conflict, Assert.Throws<Refusal>(() => NoticeDrafts.Answer(Case(Received()), Settings, "n", D("2025-03-20"), new())).Kind);

    [Fact]
    public void An_answer_notice_cannot_be_dated_before_the_decision() =>
        Assert.Equal("issuedOn", Assert.Throws<Refusal>(() => NoticeDrafts.Answer(Decided("withheld_state_secret"), Settings, "n", D("2025-03-19"), new())).Field);

    [Fact]
    public void A_case_whose_personal_data_was_erased_gets_no_notice() =>
        Assert.Equal(RefusalKind.Conflict, Assert.Throws<Refusal>(() => NoticeDrafts.Answer(
            Case(Received(), new DecisionRecorded(D("2025-03-20"), "withheld_state_secret", null, "natural_person"), new PersonalDataErased(D("2025-06-01"), "r")),
            Settings, "n", D("2025-06-02"), new())).Kind);

    [Fact]
    public void Every_outcome_has_a_catalogue_entry_and_an_answer_kind()
    {
        Assert.Equal(Outcomes.All.Select(o => o.Code), AnswerCatalogue.All.Select(e => e.Outcome));
        Assert.All(Outcomes.All, o => Assert.Equal(o.Code, NoticeKinds.Require("kind", NoticeKinds.AnswerTo(o.Code)).Outcome));
    }

    [Theory]
    [InlineData("withheld_state_secret", true)]
    [InlineData("withheld_administrative_query", true)]
    [InlineData("partially_disclosed", true)]
    [InlineData("disclosed", false)]
    [InlineData("unavailable_not_held", false)]
    [InlineData("not_processed_duplicate", false)]
    [InlineData("other_fee_unpaid", false)]
    public void Reconsideration_comes_first_for_every_withholding(string outcome, bool first) =>
        Assert.Equal(first, Remedies.ReconsiderationFirst(outcome));
}
