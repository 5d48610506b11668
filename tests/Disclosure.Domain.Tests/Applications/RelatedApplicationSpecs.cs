using Disclosure.Domain.Applications;
using Disclosure.Domain.Search.Repeats;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Applications;

/// <summary>
/// Given an application and an earlier one, when a handler links them or answers 不予处理（重复申请）, then the link is recorded
/// and the answer is given only when the earlier one was filed by the same applicant and answered (条例第三十六条第（六）项).
/// </summary>
public class RelatedApplicationSpecs
{
    private static readonly DateOnly Today = D("2025-06-30");
    private static readonly Guid EarlierId = Guid.Parse("0195a6a0-0000-7000-8000-0000000000e1");
    private static readonly Applicant Zhang = new("natural_person", "张三", "110101199003071234", "13812345678", null, null);
    private static readonly Applicant ZhangByPhone = new("natural_person", "张 三", null, "+86 138-1234-5678", null, null);
    private static readonly Applicant Li = new("natural_person", "李四", "110105199001011234", "13900001111", null, null);

    private static Application Earlier(Applicant who, string receivedOn = "2024-11-04", params object[] then) => Case(
        [new ApplicationReceived(EarlierId, "sanchang-park", "SP-2024-00017", "online", who, "园区规划许可", null, D(receivedOn)), .. then]);

    private static readonly DecisionRecorded Answered = new(D("2024-11-20"), "disclosed", null, "natural_person");

    private static Application Later(params object[] then) => Case([Received("2025-03-03"), .. then]);

    private static Refusal Refused(Action when) => Assert.Throws<Refusal>(when);

    [Fact]
    public void A_link_records_the_earlier_case_and_how_the_applicants_compared_never_the_identity()
    {
        var link = ApplicationDecider.Relate(Later(), Earlier(ZhangByPhone), "SP-2024-00017", RepeatKinds.SameRequest, Today, Today)!;
        Assert.Equal((EarlierId, "SP-2024-00017", RepeatKinds.SameRequest, ApplicantMatches.NameAndPhone, D("2024-11-04")),
            (link.RelatedTo, link.RelatedNumber, link.Kind, link.MatchedBy, link.RelatedReceivedOn));
        var app = Later(link);
        Assert.Equal(EarlierId, Assert.Single(app.Relations).CaseId);
    }

    [Fact]
    public void Linking_the_same_case_twice_records_nothing_the_second_time()
    {
        var link = ApplicationDecider.Relate(Later(), Earlier(Zhang), "x", RepeatKinds.SameApplicant, Today, Today)!;
        Assert.Null(ApplicationDecider.Relate(Later(link), Earlier(Zhang), "x", RepeatKinds.SameApplicant, Today, Today));
        Assert.NotNull(ApplicationDecider.Relate(Later(link), Earlier(Zhang), "x", RepeatKinds.SameRequest, Today, Today));
    }

    [Theory]
    [InlineData("unknown", "kind")]
    [InlineData(RepeatKinds.SameRequest, "relatedTo")]
    public void A_link_to_nothing_or_of_an_unknown_kind_is_refused_naming_the_field(string kind, string field)
    {
        var r = Refused(() => ApplicationDecider.Relate(Later(), null, "SP-2024-99999", kind, Today, Today));
        Assert.Equal((RefusalKind.Invalid, field), (r.Kind, r.Field));
    }

    [Fact]
    public void A_case_is_not_linked_to_itself_nor_to_a_later_one()
    {
        Assert.Equal("relatedTo", Refused(() => ApplicationDecider.Relate(Later(), Later(), "x", RepeatKinds.SameRequest, Today, Today)).Field);
        Assert.Contains("after", Refused(() => ApplicationDecider.Relate(Later(), Earlier(Zhang, "2025-04-01"), "x", RepeatKinds.SameRequest, Today, Today)).Message);
    }

    [Fact]
    public void A_duplicate_answer_naming_an_answered_request_of_the_same_applicant_records_the_link_and_the_answer()
    {
        var events = ApplicationDecider.RecordDecision(Later(), D("2025-03-10"), Outcomes.NotProcessedDuplicate, null, Today,
            "SP-2024-00017", Earlier(ZhangByPhone, then: Answered), []);
        Assert.Collection(events,
            e => Assert.Equal((EarlierId, RepeatKinds.SameRequest), (((ApplicationRelated)e).RelatedTo, ((ApplicationRelated)e).Kind)),
            e => Assert.Equal(Outcomes.NotProcessedDuplicate, ((DecisionRecorded)e).Outcome));
    }

    [Fact]
    public void A_duplicate_answer_naming_nothing_is_refused_unless_the_case_already_links_a_qualifying_request()
    {
        var r = Refused(() => ApplicationDecider.RecordDecision(Later(), D("2025-03-10"), Outcomes.NotProcessedDuplicate, null, Today));
        Assert.Equal((RefusalKind.Invalid, "relatedTo"), (r.Kind, r.Field));
        Assert.Contains("第三十六条第（六）项", r.Message);

        var earlier = Earlier(Zhang, then: Answered);
        var linked = Later(ApplicationDecider.Relate(Later(), earlier, "x", RepeatKinds.SameRequest, Today, Today)!);
        var events = ApplicationDecider.RecordDecision(linked, D("2025-03-10"), Outcomes.NotProcessedDuplicate, null, Today, null, null, [earlier]);
        Assert.IsType<DecisionRecorded>(Assert.Single(events));
    }

    [Fact]
    public void A_request_of_someone_else_does_not_make_a_duplicate_unless_a_handler_linked_them_as_the_same_applicant()
    {
        var other = Earlier(Li, then: Answered);
        Assert.Contains("not filed by the same applicant", Refused(() => ApplicationDecider.RecordDecision(Later(), D("2025-03-10"),
            Outcomes.NotProcessedDuplicate, null, Today, "SP-2024-00017", other, [])).Message);

        var judged = Later(ApplicationDecider.Relate(Later(), other, "x", RepeatKinds.SameApplicant, Today, Today)!);
        Assert.Equal(2, ApplicationDecider.RecordDecision(judged, D("2025-03-10"), Outcomes.NotProcessedDuplicate, null, Today, "SP-2024-00017", other, []).Count);
    }

    [Fact]
    public void A_request_not_yet_answered_or_answered_only_later_or_withdrawn_does_not_make_a_duplicate()
    {
        foreach (var earlier in new[]
                 {
                     Earlier(Zhang),
                     Earlier(Zhang, then: new DecisionRecorded(D("2025-03-20"), "disclosed", null, "natural_person")),
                     Earlier(Zhang, then: new ApplicationWithdrawn(D("2024-11-10"), null, "natural_person")),
                 })
        {
            var r = Refused(() => ApplicationDecider.RecordDecision(Later(), D("2025-03-10"), Outcomes.NotProcessedDuplicate, null, Today, "SP-2024-00017", earlier, []));
            Assert.Equal("relatedTo", r.Field);
            Assert.Contains("not been answered", r.Message);
        }
    }

    [Fact]
    public void Naming_a_related_case_with_another_answer_is_refused()
    {
        var r = Refused(() => ApplicationDecider.RecordDecision(Later(), D("2025-03-10"), "disclosed", null, Today, "SP-2024-00017", Earlier(Zhang, then: Answered), []));
        Assert.Equal("relatedTo", r.Field);
    }

    [Fact]
    public void Other_answers_need_no_related_case()
    {
        var e = Assert.Single(ApplicationDecider.RecordDecision(Later(), D("2025-03-10"), "not_processed_excessive", null, Today, null, null, []));
        Assert.Equal("not_processed_excessive", ((DecisionRecorded)e).Outcome);
    }

    [Fact]
    public void A_correction_to_a_duplicate_answer_needs_a_linked_request_it_repeats()
    {
        var earlier = Earlier(Zhang, then: Answered);
        var answered = Later(new DecisionRecorded(D("2025-03-10"), "disclosed", null, "natural_person"));
        Assert.Equal("outcome", Refused(() => ApplicationDecider.CorrectDecision(answered, D("2025-03-12"), Outcomes.NotProcessedDuplicate, null, "r", Today)).Field);

        var link = ApplicationDecider.Relate(answered, earlier, "x", RepeatKinds.SameRequest, Today, Today)!;
        var corrected = ApplicationDecider.CorrectDecision(Later(new DecisionRecorded(D("2025-03-10"), "disclosed", null, "natural_person"), link),
            D("2025-03-12"), Outcomes.NotProcessedDuplicate, null, "r", Today, [earlier]);
        Assert.Equal(Outcomes.NotProcessedDuplicate, corrected.Outcome);
    }
}
