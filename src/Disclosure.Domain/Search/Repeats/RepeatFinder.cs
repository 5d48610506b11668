using System.Globalization;
using System.Text;

namespace Disclosure.Domain.Search.Repeats;

/// <summary>Kinds of suggestion.</summary>
public static class RepeatKinds
{
    /// <summary>Asks for what an earlier request asked (重复申请, 条例第三十六条第（六）项 when the applicant is the same and was answered).</summary>
    public const string SameRequest = "same_request";
    /// <summary>An earlier request of the same applicant about something else (counts toward 大量反复申请, 条例第三十五条).</summary>
    public const string SameApplicant = "same_applicant";

    public static readonly IReadOnlyList<Term> All =
    [
        new(SameRequest, "申请内容相同或相似"),
        new(SameApplicant, "同一申请人"),
    ];
}

/// <summary>
/// When two requests are suggested as the same request: a similarity of <paramref name="Threshold"/> from the same
/// applicant, of <paramref name="OtherApplicantThreshold"/> from anyone else — the same person re-filing is far more
/// likely than two people wording one request alike, so less likeness is needed to say so. Both chosen on the generated
/// corpus (RepeatCorpusMeasurement). <paramref name="WindowMonths"/>: how far back to look.
/// </summary>
public sealed record RepeatSettings(
    int WindowMonths = 24,
    double Threshold = RepeatSettings.SameApplicantThreshold,
    double OtherApplicantThreshold = RepeatSettings.AnyApplicantThreshold,
    int MaxSuggestions = 10)
{
    public const double SameApplicantThreshold = 0.60;
    public const double AnyApplicantThreshold = 0.85;
    public static readonly RepeatSettings Default = new();
}

/// <summary>The request being looked at. <paramref name="Id"/>, when given, is skipped among the candidates.</summary>
public sealed class RepeatRequest(ApplicantKey applicant, string description, DateOnly receivedOn, Guid? id = null)
{
    public Guid? Id { get; } = id;
    public ApplicantKey Applicant { get; } = applicant;
    public DateOnly ReceivedOn { get; } = receivedOn;
    public RequestText Text { get; } = RequestText.Of(description);
}

/// <summary>An earlier case the host found worth comparing (same applicant, or a similar text). Its text is prepared once.</summary>
public sealed class RepeatCandidate(Guid id, string trackingNumber, ApplicantKey applicant, string description, DateOnly receivedOn, bool answered)
{
    private RequestText? text;

    public Guid Id { get; } = id;
    public string TrackingNumber { get; } = trackingNumber;
    public ApplicantKey Applicant { get; } = applicant;
    public string Description { get; } = description;
    public DateOnly ReceivedOn { get; } = receivedOn;
    public bool Answered { get; } = answered;
    public RequestText Text => text ??= RequestText.Of(Description);
}

/// <summary>One earlier case the clerk should look at, and why, in a sentence that never names an identity number.</summary>
public sealed record RepeatSuggestion(
    Guid CaseId, string TrackingNumber, string Kind, ApplicantMatch ApplicantMatch, double Score,
    IReadOnlyList<string> SharedPhrases, DateOnly ReceivedOn, bool Answered, string Explanation);

/// <summary>
/// The suggestions, strongest first, and how many earlier requests of the same applicant fall in the window
/// (<see cref="Summary"/> says it in a sentence when there are any: the fact behind 条例第三十五条). The count is of the
/// candidates passed in, so the host passes all of the applicant's cases in the window, not only similar ones — or their
/// number, which may stop at a cap (<see cref="SameApplicantCapped"/>: more than <see cref="SameApplicantInWindow"/>).
/// </summary>
public sealed record RepeatFindings(IReadOnlyList<RepeatSuggestion> Suggestions, int SameApplicantInWindow, string? Summary, bool SameApplicantCapped = false);

/// <summary>
/// Finds the earlier requests a new one may repeat (条例第三十六条第（六）项 重复申请) and the same applicant's other requests
/// (条例第三十五条 大量反复申请). Suggests; the clerk decides. Pure: the host chooses the candidates and passes them in.
/// </summary>
public static class RepeatFinder
{
    /// <param name="sameApplicantInWindow">
    /// How many earlier cases of the same applicant the window holds, when the host passes only some of them (a frequent
    /// filer's latest, with the most similar of all); by default the candidates of the same applicant are counted.
    /// </param>
    /// <param name="sameApplicantCapped">The host stopped counting at <paramref name="sameApplicantInWindow"/>: there are more.</param>
    public static RepeatFindings Find(RepeatRequest request, IEnumerable<RepeatCandidate> candidates, RepeatSettings? settings = null,
        int? sameApplicantInWindow = null, bool sameApplicantCapped = false)
    {
        settings ??= RepeatSettings.Default;
        var from = request.ReceivedOn.AddMonths(-settings.WindowMonths);
        var found = new List<(int Tier, RepeatCandidate Case, ApplicantMatch Match, double Score)>();
        var sameApplicant = 0;
        foreach (var c in candidates)
        {
            if (c.Id == request.Id || c.ReceivedOn < from || c.ReceivedOn > request.ReceivedOn) continue;
            var match = request.Applicant.Match(c.Applicant);
            var score = Math.Round(RequestSimilarity.Score(request.Text, c.Text), 2);
            var similar = score >= (match != ApplicantMatch.None ? settings.Threshold : settings.OtherApplicantThreshold);
            if (match != ApplicantMatch.None) sameApplicant++;
            if (!similar && match == ApplicantMatch.None) continue;
            // the same applicant asking the same thing, then anyone asking the same thing, then the applicant's other requests
            found.Add((similar ? (match != ApplicantMatch.None ? 0 : 1) : 2, c, match, score));
        }
        var suggestions = found
            .OrderBy(f => f.Tier).ThenByDescending(f => f.Score).ThenByDescending(f => f.Case.ReceivedOn)
            .ThenBy(f => f.Case.TrackingNumber, StringComparer.Ordinal)
            .Take(settings.MaxSuggestions)
            .Select(f => Suggest(request, f.Case, f.Match, f.Score, f.Tier < 2))
            .ToList();
        // a capped count is a floor the host vouches for ("more than"), true whatever the candidates passed in
        sameApplicant = sameApplicantCapped && sameApplicantInWindow is { } floor ? floor : Math.Max(sameApplicant, sameApplicantInWindow ?? 0);
        var summary = sameApplicant == 0 ? null
            : sameApplicantCapped ? $"近{settings.WindowMonths}个月内同一申请人另提出申请超过 {sameApplicant} 件"
            : $"近{settings.WindowMonths}个月内同一申请人另提出申请 {sameApplicant} 件";
        return new RepeatFindings(suggestions, sameApplicant, summary, sameApplicantCapped && sameApplicant > 0);
    }

    private static RepeatSuggestion Suggest(RepeatRequest request, RepeatCandidate c, ApplicantMatch match, double score, bool similar)
    {
        var phrases = RequestSimilarity.SharedPhrases(request.Text, c.Text);
        return new RepeatSuggestion(c.Id, c.TrackingNumber, similar ? RepeatKinds.SameRequest : RepeatKinds.SameApplicant,
            match, score, phrases, c.ReceivedOn, c.Answered, Explain(c, match, score, similar, phrases));
    }

    /// <summary>"与 SP-2025-00017 为同一申请人（证件号码一致），申请内容相似度 0.86，共同内容：“拆迁补偿协议”".</summary>
    private static string Explain(RepeatCandidate c, ApplicantMatch match, double score, bool similar, IReadOnlyList<string> phrases)
    {
        var sb = new StringBuilder("与 ").Append(c.TrackingNumber);
        sb.Append(match switch
        {
            ApplicantMatch.IdNumber => " 为同一申请人（证件号码一致）",
            ApplicantMatch.CreditCode => " 为同一申请人（统一社会信用代码一致）",
            ApplicantMatch.NameAndPhone => " 为同一申请人（姓名和联系电话一致）",
            _ => " 未识别为同一申请人", // no identity in common: perhaps someone else, perhaps the same person writing other details
        });
        sb.Append("，申请内容相似度 ").Append(score.ToString("0.00", CultureInfo.InvariantCulture));
        if (phrases.Count > 0) sb.Append("，共同内容：").AppendJoin("、", phrases.Select(p => $"“{p}”"));
        if (similar && match != ApplicantMatch.None && c.Answered) sb.Append("；该申请已答复，可能属于重复申请（条例第三十六条第（六）项）");
        return sb.ToString();
    }
}
