using Disclosure.Domain;
using Disclosure.Domain.Search.Repeats;

namespace Disclosure.Host.Search;

/// <summary>
/// One earlier application a clerk should look at, and why (<see cref="Explanation"/>: 与 SP-2025-00017 为同一申请人（证件号码一致），
/// 申请内容相似度 0.86，共同内容：…). <see cref="ApplicantMatch"/> says which identity agreed, never its value.
/// </summary>
public sealed record RepeatSuggestionView(
    Guid CaseId, string TrackingNumber, [property: Codes(typeof(RepeatKinds))] string Kind, string KindLabel,
    [property: Codes(typeof(ApplicantMatches))] string? ApplicantMatch, double Score, IReadOnlyList<string> SharedPhrases,
    DateOnly ReceivedOn, bool Answered, string Explanation)
{
    public static RepeatSuggestionView From(RepeatSuggestion s) => new(s.CaseId, s.TrackingNumber, s.Kind, RepeatKinds.All.Find(s.Kind)?.Label ?? s.Kind,
        ApplicantMatches.Code(s.ApplicantMatch), s.Score, s.SharedPhrases, s.ReceivedOn, s.Answered, s.Explanation);
}

/// <summary>
/// Earlier applications within <see cref="WindowMonths"/> that the same applicant filed or that ask for the same information,
/// strongest first; <see cref="SameApplicantInWindow"/> counts all of the applicant's (条例第三十五条), up to
/// <c>Search:SameApplicantCountCap</c> (<see cref="SameApplicantCapped"/>: more than that). Suggestions only: the
/// handler decides, and records a link (…/relations) when they agree.
/// </summary>
public sealed record RepeatReport(int WindowMonths, int SameApplicantInWindow, string? Summary, IReadOnlyList<RepeatSuggestionView> Suggestions,
    bool SameApplicantCapped = false)
{
    public static RepeatReport From(RepeatFindings f, int windowMonths) =>
        new(windowMonths, f.SameApplicantInWindow, f.Summary, f.Suggestions.Select(RepeatSuggestionView.From).ToList(), f.SameApplicantCapped);
}
