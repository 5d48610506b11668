using Disclosure.Domain.Applications;
using Disclosure.Domain.Fees;
using Disclosure.Domain.Notices;
using static Disclosure.Domain.Tests.Applications.Given;
using static Disclosure.Domain.Tests.Notices.Sample;

namespace Disclosure.Domain.Tests.Notices;

/// <summary>Given a case at a procedural step, when its notice is rendered, then it carries the facts the law asks for.</summary>
public class ProceduralNoticeSpecs
{
    private static readonly Guid ConsultationId = Guid.Parse("0195a6a0-0000-7000-8000-0000000000c1");

    [Fact]
    public void A_receipt_confirms_registration_with_the_tracking_number_and_the_receipt_date()
    {
        var html = Body(Render(NoticeDrafts.Receipt(Case(Received()), Settings, "示规资公收〔2025〕3号", D("2025-03-03"))));
        InOrder(html, "政府信息公开申请登记回执", "示规资公收〔2025〕3号", "张三：", "本机关于2025年3月3日收到您通过互联网提交的政府信息公开申请",
            "登记号为SP-2025-00001", "20个工作日内作出答复", "答复期限为2025年3月31日", "（印章）", "2025年3月3日");
    }

    [Fact]
    public void A_correction_notice_lists_the_items_the_date_and_the_restart_rule_of_article_30()
    {
        var app = Case(Received(), new CorrectionRequested(D("2025-03-05"), ["所需信息的具体名称", "所需信息的形成时间"], D("2025-03-19")));
        var html = Body(Render(NoticeDrafts.Correction(app, Settings, "示规资公补〔2025〕1号", D("2025-03-05"), "可参考本机关政府信息公开目录填写")));
        InOrder(html, "政府信息公开申请补正告知书", "示规资公补〔2025〕1号", "张三：", "第三十条的规定，请您对下列事项作出补正",
            "<li>所需信息的具体名称</li>", "<li>所需信息的形成时间</li>", "可参考本机关政府信息公开目录填写",
            "请您于2025年3月19日前向本机关提交补正后的申请",
            "本机关自收到您补正后的申请之日起重新计算答复期限", "无正当理由逾期不补正的，视为放弃申请",
            "特此告知", "2025年3月5日");
    }

    [Fact]
    public void No_correction_notice_without_a_correction_request() =>
        Assert.Equal(RefusalKind.Conflict, Assert.Throws<Refusal>(() => NoticeDrafts.Correction(Case(Received()), Settings, "n", D("2025-03-05"))).Kind);

    [Fact]
    public void An_extension_notice_gives_the_working_days_the_new_date_and_who_approved_it()
    {
        var app = Case(Received(), new ExtensionApproved(D("2025-03-25"), "政务公开办主任王五", 10, "需调取多个年度的档案"));
        var html = Body(Render(NoticeDrafts.Extension(app, Settings, "示规资公延〔2025〕1号", D("2025-03-25"), Official, ClockSettings.Default)));
        // 20 working days after 2025-03-03 end on 2025-03-31; 10 more working days (清明 on 4 April) end on 2025-04-15
        InOrder(html, "政府信息公开申请延期答复告知书", "因需调取多个年度的档案", "规定期限（2025年3月31日）内",
            "政务公开办主任王五同意，答复期限延长10个工作日，本机关将于2025年4月15日前作出答复", "第三十三条第二款", "2025年3月25日");
    }

    [Fact]
    public void A_consultation_letter_asks_the_third_party_within_15_working_days_without_naming_the_applicant()
    {
        var app = Case(Received(), new ConsultationSent(ConsultationId, D("2025-03-10"), "示例建设有限公司"));
        var html = Body(Render(NoticeDrafts.ConsultationLetter(app, ConsultationId, Settings, "示规资公征〔2025〕1号", D("2025-03-10"), "示例建设有限公司2024年建设工程规划许可申请材料")));
        InOrder(html, "政府信息公开征求意见书", "示例建设有限公司：", "示例建设有限公司2024年建设工程规划许可申请材料",
            "现书面征求贵单位意见", "自收到本征求意见书之日起15个工作日内提出书面意见", "由本机关依照", "第三十二条", "2025年3月10日");
        Assert.DoesNotContain("张三", html);
        Assert.DoesNotContain("110101199003071234", html);
    }

    [Fact]
    public void A_consultation_of_a_co_producing_agency_treats_silence_as_consent()
    {
        var app = Case(Received(), new ConsultationSent(ConsultationId, D("2025-03-10"), "示例市住房和城乡建设局"));
        var html = Render(NoticeDrafts.ConsultationLetter(app, ConsultationId, Settings, "n", D("2025-03-10"), partyIsAgency: true));
        Assert.Contains("逾期未提出意见的，视为同意公开（《中华人民共和国政府信息公开条例》第三十四条）", html);
    }

    [Fact]
    public void The_applicant_is_told_the_consultation_time_does_not_count_without_being_told_who_is_consulted()
    {
        var app = Case(Received(), new ConsultationSent(ConsultationId, D("2025-03-10"), "示例建设有限公司"));
        var html = Render(NoticeDrafts.ConsultationNotice(app, ConsultationId, Settings, "示规资公征告〔2025〕1号", D("2025-03-10")));
        Assert.Contains("第三十二条、第三十三条第三款的规定，本机关已于2025年3月10日书面征求第三方意见，征求意见所需时间不计算在答复期限内", html);
        Assert.DoesNotContain("示例建设有限公司", html);
    }

    [Fact]
    public void An_unknown_consultation_is_not_found() =>
        Assert.Equal(RefusalKind.NotFound, Assert.Throws<Refusal>(() => NoticeDrafts.ConsultationNotice(Case(Received()), ConsultationId, Settings, "n", D("2025-03-10"))).Kind);

    [Fact]
    public void A_fee_notice_states_basis_bands_amount_computation_how_to_pay_and_the_20_working_day_rule()
    {
        var policy = FeePolicy.None with { Charges = true, Method = FeePolicy.PerPage, PaymentInstructions = ["缴款方式：通过非税收入缴款码缴纳，缴款码见附件", "收款单位：示例市财政局"] };
        var fee = FeeCalculator.Assess(policy, new FeeRequest(D("2025-03-03"), "natural_person", null, 91));
        var html = Body(Render(NoticeDrafts.FeeNotice(Case(Received()), fee, policy, Settings, "示规资公费〔2025〕1号", D("2025-03-12"))));
        InOrder(html, "政府信息公开信息处理费收费通知书", "示规资公费〔2025〕1号", "张三：",
            "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
            "计收方式：按量计收", "31—100页（含100页）的部分，每页10元",
            "第1—30页：30页，免费", "第31—91页：61页×10元=610元", "合计：610元", "应缴数额：610元",
            "通过非税收入缴款码缴纳", "收款单位：示例市财政局",
            "自收到本通知之日的次日起20个工作日内缴纳", "逾期未缴纳的，视为放弃申请", "特此通知", "2025年3月12日");
    }

    [Fact]
    public void No_fee_notice_for_nothing_to_pay()
    {
        var policy = FeePolicy.None with { Charges = true, PaymentInstructions = ["x"] };
        Assert.Equal("fee", Assert.Throws<Refusal>(() => NoticeDrafts.FeeNotice(Case(Received()), FeeCalculator.PerPage(30), policy, Settings, "n", D("2025-03-12"))).Field);
    }

    [Fact]
    public void A_notice_cannot_be_dated_before_the_application_was_received() =>
        Assert.Equal("issuedOn", Assert.Throws<Refusal>(() => NoticeDrafts.Receipt(Case(Received()), Settings, "n", D("2025-03-02"))).Field);
}
