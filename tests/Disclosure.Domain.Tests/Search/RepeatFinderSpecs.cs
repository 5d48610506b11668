using Disclosure.Domain.Search.Repeats;

namespace Disclosure.Domain.Tests.Search;

/// <summary>Given earlier cases, when a request comes in, then the suggestions a clerk sees and why.</summary>
public class RepeatFinderSpecs
{
    private const string IdNumber = "46010819800101123X";
    private static readonly DateOnly Today = new(2025, 6, 30);
    private static readonly ApplicantKey Wang = ApplicantKey.Of("natural_person", "王伟", IdNumber, "13812345678");
    private static readonly ApplicantKey WangAgain = ApplicantKey.Of("natural_person", "王 伟", IdNumber.ToLowerInvariant(), "+86 138-1234-5678");
    private static readonly ApplicantKey WangByPhone = ApplicantKey.Of("natural_person", "王伟", null, "+86 138 1234 5678");
    private static readonly ApplicantKey Li = ApplicantKey.Of("natural_person", "李娜", "110105199001011234", "13900001111");

    private const string Compensation = "申请公开幸福路拓宽改造工程的拆迁补偿协议及补偿款发放明细";
    private const string CompensationAgain = "本人曾于2024年3月就此提出申请，现再次申请：请提供幸福路拓宽改造工程拆迁补偿协议和补偿款发放明细的复印件。";
    private const string Budget = "申请公开美兰区2024年部门预算";

    private static int n;

    private static RepeatCandidate Earlier(ApplicantKey who, string description, DateOnly on, bool answered = true) =>
        new(Guid.NewGuid(), $"SP-{on.Year}-{++n:D5}", who, description, on, answered);

    private static RepeatFindings Find(ApplicantKey who, string description, params RepeatCandidate[] earlier) =>
        RepeatFinder.Find(new RepeatRequest(who, description, Today), earlier);

    [Fact]
    public void The_same_applicant_asking_again_is_a_same_request_suggestion_that_names_the_earlier_case()
    {
        var earlier = Earlier(Wang, Compensation, Today.AddMonths(-3));
        var s = Assert.Single(Find(WangAgain, CompensationAgain, earlier).Suggestions);
        Assert.Equal((RepeatKinds.SameRequest, ApplicantMatch.IdNumber, earlier.Id), (s.Kind, s.ApplicantMatch, s.CaseId));
        Assert.StartsWith($"与 {earlier.TrackingNumber} 为同一申请人（证件号码一致），申请内容相似度 ", s.Explanation);
        Assert.Contains("共同内容：“幸福路拓宽改造工程", s.Explanation);
        Assert.EndsWith("；该申请已答复，可能属于重复申请（条例第三十六条第（六）项）", s.Explanation);
    }

    [Fact]
    public void A_same_request_not_yet_answered_is_not_called_a_repeat_under_article_36()
    {
        var s = Assert.Single(Find(Wang, CompensationAgain, Earlier(Wang, Compensation, Today.AddMonths(-1), answered: false)).Suggestions);
        Assert.Equal(RepeatKinds.SameRequest, s.Kind);
        Assert.DoesNotContain("第三十六条", s.Explanation);
    }

    [Fact]
    public void The_same_applicant_asking_something_else_is_a_same_applicant_suggestion()
    {
        var s = Assert.Single(Find(WangByPhone, CompensationAgain, Earlier(Wang, Budget, Today.AddMonths(-2))).Suggestions);
        Assert.Equal((RepeatKinds.SameApplicant, ApplicantMatch.NameAndPhone), (s.Kind, s.ApplicantMatch));
        Assert.StartsWith($"与 {s.TrackingNumber} 为同一申请人（姓名和联系电话一致），申请内容相似度 0.", s.Explanation);
    }

    [Fact]
    public void Someone_else_asking_the_same_needs_more_likeness_and_is_not_called_the_same_applicant()
    {
        var copied = Earlier(Li, Compensation, Today.AddMonths(-1));
        var s = Assert.Single(Find(Wang, Compensation, copied).Suggestions);
        Assert.Equal((RepeatKinds.SameRequest, ApplicantMatch.None), (s.Kind, s.ApplicantMatch));
        Assert.StartsWith($"与 {copied.TrackingNumber} 未识别为同一申请人，申请内容相似度 1.00", s.Explanation);

        var loosely = RequestSimilarity.Score(CompensationAgain, "申请公开幸福路拓宽改造工程补偿款发放明细");
        Assert.InRange(loosely, RepeatSettings.SameApplicantThreshold, RepeatSettings.AnyApplicantThreshold);
        Assert.Empty(Find(Li, CompensationAgain, Earlier(Wang, "申请公开幸福路拓宽改造工程补偿款发放明细", Today.AddMonths(-1))).Suggestions);
    }

    [Fact]
    public void Someone_else_asking_something_else_is_no_suggestion() =>
        Assert.Empty(Find(Li, Budget, Earlier(Wang, Compensation, Today.AddMonths(-1))).Suggestions);

    [Fact]
    public void Only_the_window_is_looked_at_and_never_the_request_itself_or_a_later_case()
    {
        var inside = Earlier(Wang, Compensation, Today.AddMonths(-24));
        var outside = Earlier(Wang, Compensation, Today.AddMonths(-24).AddDays(-1));
        var later = Earlier(Wang, Compensation, Today.AddDays(1));
        var itself = Earlier(Wang, Compensation, Today);
        var found = RepeatFinder.Find(new RepeatRequest(Wang, Compensation, Today, itself.Id), [inside, outside, later, itself]);
        Assert.Equal([inside.Id], found.Suggestions.Select(s => s.CaseId));
        Assert.Equal(1, found.SameApplicantInWindow);

        var shorter = RepeatFinder.Find(new RepeatRequest(Wang, Compensation, Today), [inside], new RepeatSettings(WindowMonths: 12));
        Assert.Empty(shorter.Suggestions);
    }

    [Fact]
    public void Suggestions_come_strongest_first_and_no_more_than_the_limit()
    {
        var sameApplicantOther = Earlier(Wang, Budget, Today.AddMonths(-1));
        var otherApplicantSame = Earlier(Li, Compensation, Today.AddMonths(-2));
        var sameApplicantSame = Earlier(Wang, CompensationAgain, Today.AddMonths(-6));
        var found = Find(Wang, Compensation, sameApplicantOther, otherApplicantSame, sameApplicantSame);
        Assert.Equal([sameApplicantSame.Id, otherApplicantSame.Id, sameApplicantOther.Id], found.Suggestions.Select(s => s.CaseId));

        var limited = RepeatFinder.Find(new RepeatRequest(Wang, Compensation, Today),
            [sameApplicantOther, otherApplicantSame, sameApplicantSame], new RepeatSettings(MaxSuggestions: 1));
        Assert.Equal([sameApplicantSame.Id], limited.Suggestions.Select(s => s.CaseId));
    }

    [Fact]
    public void The_count_of_the_applicants_requests_in_the_window_is_summed_up_for_article_35()
    {
        var earlier = Enumerable.Range(1, 12).Select(i => Earlier(Wang, $"申请公开美兰区{2012 + i}年部门决算", Today.AddMonths(-i))).ToArray();
        var found = Find(Wang, Budget, earlier);
        Assert.Equal(12, found.SameApplicantInWindow);
        Assert.Equal("近24个月内同一申请人另提出申请 12 件", found.Summary);
        Assert.Equal(RepeatSettings.Default.MaxSuggestions, found.Suggestions.Count);
    }

    [Fact]
    public void No_explanation_ever_shows_the_ID_number()
    {
        var found = Find(WangAgain, CompensationAgain,
            Earlier(Wang, Compensation, Today.AddMonths(-3)), Earlier(Wang, Budget, Today.AddMonths(-4)), Earlier(Li, Compensation, Today.AddMonths(-5)));
        Assert.Equal(3, found.Suggestions.Count);
        foreach (var text in found.Suggestions.Select(s => s.Explanation).Append(found.Summary!))
        {
            Assert.DoesNotContain(IdNumber, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("19800101", text);
            Assert.DoesNotContain("13812345678", text);
        }
    }

    [Fact]
    public void The_score_is_shown_with_two_decimals_whatever_the_culture()
    {
        var before = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var s = Assert.Single(Find(Wang, Compensation, Earlier(Wang, Compensation, Today.AddMonths(-1))).Suggestions);
            Assert.Contains("相似度 1.00", s.Explanation);
        }
        finally { Thread.CurrentThread.CurrentCulture = before; }
    }
}
