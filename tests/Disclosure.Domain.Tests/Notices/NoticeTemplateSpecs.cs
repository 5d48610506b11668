using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using static Disclosure.Domain.Tests.Notices.Sample;

namespace Disclosure.Domain.Tests.Notices;

/// <summary>Templates: the shipped ones are complete; an administrator's is refused when it cannot be issued as a lawful notice.</summary>
public class NoticeTemplateSpecs
{
    private static readonly string AnswerSource = NoticeTemplates.Default("answer").Source;

    private static Refusal Refused(string kind, string source) => Assert.Throws<Refusal>(() => NoticeTemplates.Validate(kind, source));

    public static TheoryData<string> TemplateKeys => new(NoticeKinds.Kinds.Select(k => k.Code).Append("answer"));

    [Theory]
    [MemberData(nameof(TemplateKeys))]
    public void Every_shipped_template_passes_the_checks_an_administrator_s_must_pass(string kind) =>
        NoticeTemplates.Validate(kind, NoticeTemplates.Default(kind).Source);

    [Fact]
    public void A_template_without_the_legal_basis_is_refused_naming_it()
    {
        var r = Refused("answer", AnswerSource.Replace("{{ answer.legal_basis }}", ""));
        Assert.Equal((RefusalKind.Invalid, "template"), (r.Kind, r.Field));
        Assert.Contains("法律依据", r.Message);
        Assert.DoesNotContain("救济途径", r.Message);
    }

    /// <summary>Issue #24: an answer template without the received date and the agency printed "本机关于收到您…" with neither.</summary>
    [Theory]
    [InlineData("{{ application.received_on }}", "收到申请日期")]
    [InlineData("{{ application.request }}", "申请获取的政府信息")]
    [InlineData("{{ title }}", "文书标题")]
    [InlineData("{{ answer.findings }}", "审查、检索情况")]
    [InlineData("{{ reason }}", "处理决定的理由")]
    [InlineData("{{ line }}", "提供政府信息的方式、途径和时间")]
    public void An_answer_template_without_an_element_of_a_written_answer_is_refused_naming_it(string element, string name)
    {
        Assert.Contains(element, AnswerSource);
        var r = Refused("answer", AnswerSource.Replace(element, ""));
        Assert.Equal((RefusalKind.Invalid, "template"), (r.Kind, r.Field));
        Assert.Contains(name, r.Message);
    }

    [Fact]
    public void An_answer_template_without_the_agency_is_refused_naming_it() =>
        Assert.Contains("机关名称", Refused("answer", AnswerSource.Replace("{{ agency.name }}", "")).Message);

    public static TheoryData<string, string> EveryRequiredElement()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in NoticeKinds.Kinds.Where(k => !k.IsAnswer).Select(k => k.Code).Append("answer"))
            foreach (var e in RequiredElements.For(key)) data.Add(key, e.Path);
        return data;
    }

    /// <summary>Each kind has its own list, and every element on it is enforced: left out of the shipped template, refused by name.</summary>
    [Theory]
    [MemberData(nameof(EveryRequiredElement))]
    public void Every_required_element_of_every_kind_is_enforced(string key, string path)
    {
        var element = RequiredElements.For(key).Single(e => e.Path == path);
        var source = NoticeTemplates.Default(key).Source;
        // the shipped templates print lists item by item: the element is left out by emptying its loop
        var without = System.Text.RegularExpressions.Regex.Replace(source, @"\{\{ " + System.Text.RegularExpressions.Regex.Escape(path) + @" \}\}", "");
        without = System.Text.RegularExpressions.Regex.Replace(without, @"\{%-? for (\w+) in " + System.Text.RegularExpressions.Regex.Escape(path) + @" %\}", "{% for $1 in agency.contact %}{% break %}");
        Assert.NotEqual(source, without);
        Assert.Contains(element.Name, Refused(key, without).Message);
    }

    [Fact]
    public void Procedural_notices_have_their_own_lists()
    {
        Assert.Contains(RequiredElements.For("fee_notice"), e => e.Path == "fee.amount");
        Assert.DoesNotContain(RequiredElements.For("fee_notice"), e => e.Path == "answer.remedies");
        Assert.DoesNotContain(RequiredElements.For("consultation_letter"), e => e.Path == "application.request");
        Assert.Contains(RequiredElements.For("extension"), e => e.Path == "extension.reason");
    }

    [Fact]
    public void A_template_without_the_remedies_clause_is_refused_naming_it() =>
        Assert.Contains("救济途径", Refused(NoticeKinds.AnswerTo("withheld_state_secret"), AnswerSource.Replace("{{ answer.remedies }}", "")).Message);

    [Theory]
    [InlineData("correction", "{{ number }}", "文号")]
    [InlineData("fee_notice", "{{ issued_on }}", "成文日期")]
    [InlineData("correction", "{{ correction.correct_by }}", "补正期限")]
    [InlineData("fee_notice", "{{ line }}", "计算过程")]
    [InlineData("extension", "{{ extension.new_due_on }}", "延长后的答复期限")]
    public void A_procedural_template_without_a_required_element_is_refused_naming_it(string kind, string element, string name)
    {
        var source = NoticeTemplates.Default(kind).Source;
        Assert.Contains(element, source);
        Assert.Contains(name, Refused(kind, source.Replace(element, "")).Message);
    }

    [Fact]
    public void An_element_hidden_behind_a_condition_that_is_false_counts_as_left_out() =>
        Assert.Contains("救济途径", Refused("answer", AnswerSource.Replace("{{ answer.remedies }}", "{% if answer.outcome == 'never' %}{{ answer.remedies }}{% endif %}")).Message);

    [Fact]
    public void A_template_that_does_not_parse_is_refused() =>
        Assert.Contains("does not parse", Refused("answer", AnswerSource + "{% if answer.outcome %}").Message);

    [Theory]
    [InlineData("{{ secret }}")]
    [InlineData("{{ answer.legal_basiss }}")]
    [InlineData("{{ answer.legal_basis | nosuchfilter }}")]
    public void A_template_that_reads_an_unknown_name_or_filter_does_not_render_and_is_refused(string addition) =>
        Assert.Contains("does not render", Refused("answer", AnswerSource + addition).Message);

    [Theory]
    [InlineData("{{ number.GetType }}")]
    [InlineData("{{ issued_on.Length }}")]
    [InlineData("{{ agency.contact.Capacity }}")]
    public void A_template_cannot_reach_dotnet_members(string addition) =>
        Assert.Contains("does not render", Refused("answer", AnswerSource + addition).Message);

    [Theory]
    [InlineData("{% include 'appsettings.json' %}", "include")]
    [InlineData("{% render 'appsettings.json' %}", "render")]
    public void A_template_cannot_read_files(string addition, string named) =>
        Assert.Contains(named, Refused("answer", AnswerSource + addition).Message);

    [Theory]
    [InlineData("{% for i in (1..100000000) %}x{% endfor %}")]
    [InlineData("{% assign n = 100000000 %}{% for i in (1..n) %}x{% endfor %}")]
    public void A_template_cannot_loop_over_large_or_computed_number_ranges(string addition) =>
        Assert.Contains("number range", Refused("answer", AnswerSource + addition).Message);

    [Fact]
    public void A_small_literal_range_is_allowed() =>
        NoticeTemplates.Validate("answer", AnswerSource + "{% for i in (1..3) %}{{ i }}{% endfor %}");

    /// <summary>Issue #24: the notices are printed by a browser on the server; a template that fetches or runs is refused, the construct named.</summary>
    [Theory]
    [InlineData("<img src=\"http://127.0.0.1:9/x.png\">", "<img>")]
    [InlineData("<iframe src=\"http://127.0.0.1:9/\"></iframe>", "<iframe>")]
    [InlineData("<link rel=\"stylesheet\" href=\"http://127.0.0.1:9/a.css\">", "<link>")]
    [InlineData("<p style=\"background-image: url(http://127.0.0.1:9/b.png)\">x</p>", "http://127.0.0.1:9/b.png")]
    [InlineData("<style>@import url(http://127.0.0.1:9/c.css);</style>", "<style>")]
    [InlineData("<style>@font-face { font-family: x; src: url(http://127.0.0.1:9/f.woff); }</style>", "<style>")]
    [InlineData("<script>fetch('http://127.0.0.1:9/')</script>", "<script>")]
    [InlineData("<p onclick=\"fetch('/')\">x</p>", "onclick")]
    [InlineData("<object data=\"http://127.0.0.1:9/o\"></object>", "<object>")]
    [InlineData("<svg><image href=\"http://127.0.0.1:9/s.png\"/></svg>", "<svg>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=http://127.0.0.1:9/\">", "<meta>")]
    public void A_template_with_markup_that_runs_or_fetches_is_refused_naming_it(string markup, string named)
    {
        var r = Refused("answer", AnswerSource + markup);
        Assert.Equal("template", r.Field);
        Assert.True(r.Message.Contains(named), r.Message);
    }

    [Fact]
    public void Markup_behind_a_branch_the_samples_never_take_is_refused_too() =>
        Assert.Contains("<img>", Refused("answer", AnswerSource + "{% if answer.outcome == 'never' %}<img src=\"//127.0.0.1:9/x\">{% endif %}").Message);

    [Fact]
    public void Markup_assembled_around_a_value_is_refused() =>
        Assert.Contains("<img>", Refused("answer", AnswerSource + "<im{{ number }}g src=\"x\"><img src=\"{{ number }}\">").Message);

    [Fact]
    public void An_administrator_s_template_prints_values_as_text_only() =>
        Assert.Contains("raw", Refused("answer", AnswerSource + "{{ application.request | raw }}").Message);

    [Fact]
    public void Layout_markup_and_inline_styles_are_allowed() =>
        NoticeTemplates.Validate("answer", AnswerSource + "<table class=\"t\"><tr><td colspan=\"2\" style=\"text-align: center\"><strong>{{ number }}</strong></td></tr></table>");

    [Fact]
    public void A_template_cannot_capture_output() =>
        Assert.Contains("capture", Refused("answer", AnswerSource + "{% capture s %}x{% endcapture %}{{ s }}").Message);

    [Theory]
    [InlineData("{% assign s = number %}{% for a in agency.contact %}{% for b in agency.contact %}{% for c in answer.reasons %}{% for d in answer.reasons %}{% assign s = s | append: s | append: s | append: s %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}")]
    [InlineData("{{ number | split: '' | join: '0123456789' | split: '' | join: '0123456789' | split: '' | join: '0123456789' | split: '' | join: '0123456789' | split: '' | join: '0123456789' | split: '' | join: '0123456789' }}")]
    public void A_template_whose_text_grows_without_bound_is_stopped_and_refused(string addition) =>
        Assert.Contains("produced more than", Refused("answer", AnswerSource + addition).Message);

    [Fact]
    public void A_template_that_prints_without_bound_is_stopped_and_refused() =>
        Assert.Contains("output passes", Refused("answer", AnswerSource +
            "{% assign s = number | split: '' | join: '0123456789' | split: '' | join: '0123456789' | split: '' | join: '0123456789' %}" +
            "{% for a in (1..1000) %}{{ s }}{% endfor %}").Message);

    [Fact]
    public void A_template_that_runs_too_many_steps_is_stopped_and_refused() =>
        Assert.Contains("too long", Refused("answer", AnswerSource +
            "{% for a in (1..1000) %}{% for b in (1..1000) %}{% if a == b %}x{% endif %}{% endfor %}{% endfor %}").Message);

    [Fact]
    public void An_administrator_s_complete_template_is_accepted_and_its_version_recorded_on_issue()
    {
        const string source = """
            <article><p>{{ agency.name }}</p><h1>{{ title }}</h1><p>{{ number }}</p><p>{{ addressee }}：</p>
            <p>本机关于{{ application.received_on }}收到您（要求获取{{ application.request }}）的申请。</p>
            <p>{{ answer.findings }}，{{ answer.decision }}</p>{% for r in answer.reasons %}<p>{{ r }}</p>{% endfor %}
            <p>依据{{ answer.legal_basis }}。</p>{% for p in answer.provision %}<p>{{ p }}</p>{% endfor %}<p>{{ answer.remedies }}</p>
            <p>{{ issued_on }}</p></article>
            """;
        var template = NoticeTemplates.Validate("answer", source);
        var issued = NoticeTemplates.Issue(template, AnswerModel("withheld_state_secret"), Today);
        Assert.Equal(template.Version, issued.Event.TemplateVersion);
        Assert.NotEqual(NoticeTemplates.Default("answer").Version, template.Version);
        Assert.Contains("依据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项。", issued.Html);
    }

    [Fact]
    public void A_template_serves_only_its_kind() =>
        Assert.Equal("template", Assert.Throws<Refusal>(() => NoticeTemplates.Render(NoticeTemplates.Default("correction"), AnswerModel(Outcomes.Disclosed))).Field);

    [Fact]
    public void Rendering_is_deterministic_so_the_content_hash_is_stable()
    {
        var model = AnswerModel("withheld_process_information");
        var first = NoticeTemplates.Issue(NoticeTemplates.Default(model.Kind), model, Today);
        var again = NoticeTemplates.Issue(NoticeTemplates.Validate("answer", AnswerSource), AnswerModel("withheld_process_information"), Today);
        Assert.Equal(first.Html, again.Html);
        Assert.Equal(first.Event, again.Event);
        Assert.Equal(NoticeTemplates.ContentHash(first.Html), first.Event.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", first.Event.ContentHash);
    }

    [Fact]
    public void Another_number_is_another_text_and_another_hash()
    {
        var model = AnswerModel("withheld_process_information");
        var template = NoticeTemplates.Default(model.Kind);
        Assert.NotEqual(NoticeTemplates.Issue(template, model, Today).Event.ContentHash,
            NoticeTemplates.Issue(template, model with { Number = "示规资公复〔2025〕13号" }, Today).Event.ContentHash);
    }

    [Fact]
    public void Now_in_a_template_is_the_date_of_issue()
    {
        var template = NoticeTemplates.Validate("answer", AnswerSource + "<p>{{ 'now' | date: '%Y-%m-%d' }}</p>");
        Assert.Contains("<p>2025-03-20</p>", NoticeTemplates.Render(template, AnswerModel("withheld_state_secret")));
    }

    [Fact]
    public void Issuing_records_kind_number_date_template_version_and_hash()
    {
        var model = AnswerModel(Outcomes.Disclosed);
        var template = NoticeTemplates.Default(model.Kind);
        var e = NoticeTemplates.Issue(template, model, Today).Event;
        Assert.Equal(("answer_disclosed", "示规资公复〔2025〕12号", new DateOnly(2025, 3, 20), template.Version), (e.Kind, e.Number, e.IssuedOn, e.TemplateVersion));
    }

    [Fact]
    public void A_notice_cannot_be_issued_with_a_date_after_today()
    {
        var model = AnswerModel(Outcomes.Disclosed);
        Assert.Equal("issuedOn", Assert.Throws<Refusal>(() => NoticeTemplates.Issue(NoticeTemplates.Default(model.Kind), model, new(2025, 3, 19))).Field);
    }

    [Fact]
    public void Values_are_html_escaped()
    {
        var model = AnswerModel(Outcomes.Disclosed) with { Addressee = "<script>alert(1)</script>" };
        var html = Render(model);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void The_document_is_a_full_A4_page_set_in_a_CJK_serif()
    {
        var html = Render(AnswerModel(Outcomes.Disclosed));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("@page { size: A4;", html);
        Assert.Contains("\"Noto Serif CJK SC\"", html);
        Assert.Contains("<html lang=\"zh-CN\">", html);
    }

    [Fact]
    public void Chinese_text_is_printed_as_text_not_as_character_references() =>
        Assert.Contains("《中华人民共和国政府信息公开条例》第三十六条第（二）项", Render(AnswerModel(Outcomes.Disclosed)));
}
