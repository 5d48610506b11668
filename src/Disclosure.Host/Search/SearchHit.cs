using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Disclosure.Domain;
using Disclosure.Domain.Search;

namespace Disclosure.Host.Search;

/// <summary>
/// Where a field matched: the text shown (a snippet of a long field, cut around the first match — <see cref="CutBefore"/> /
/// <see cref="CutAfter"/> say so), the matched ranges in it (<see cref="Marks"/>, UTF-16 offsets), and the same as HTML with the
/// text encoded and the matches in <c>&lt;mark&gt;</c>: safe to put in a page as it is.
/// </summary>
public sealed record SearchHighlight(string Field, string Text, IReadOnlyList<TextRange> Marks, bool CutBefore, bool CutAfter, string Html)
{
    /// <summary>Encodes what HTML needs encoded (&lt; &gt; &amp; quotes), not Chinese text.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static SearchHighlight? Of(string field, string? text, SearchQuery query, bool whole = false)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var snippet = Highlighting.Snippet(text, query, whole ? Math.Max(text.Length, 1) : Highlighting.SnippetLength);
        if (snippet.Marks.Count == 0) return null;
        var html = new StringBuilder();
        if (snippet.CutBefore) html.Append('…');
        foreach (var (piece, marked) in snippet.Pieces())
        {
            if (marked) html.Append("<mark>");
            html.Append(Encoder.Encode(piece));
            if (marked) html.Append("</mark>");
        }
        if (snippet.CutAfter) html.Append('…');
        return new SearchHighlight(field, snippet.Text, snippet.Marks, snippet.CutBefore, snippet.CutAfter, html.ToString());
    }
}

/// <summary>
/// A case that matched, as a list line shows it (no identity or phone numbers at all), with where it matched.
/// <see cref="Kind"/>: application (政府信息公开申请) or letter (市长信箱来信); <see cref="Url"/> reads the case.
/// </summary>
public sealed record SearchHit(
    Guid Id, [property: Codes(typeof(SearchKinds))] string Kind, string TrackingNumber, string Status, string StatusLabel, DateOnly ReceivedOn,
    string Channel, [property: Codes(typeof(Domain.Applications.ApplicantCategories))] string? ApplicantCategory,
    [property: Codes(typeof(Domain.Applications.Outcomes))] string? Outcome, string? Department, string ApplicantName, string? Title,
    IReadOnlyList<SearchHighlight> Highlights, string Url);

/// <summary>What a search covers.</summary>
public static class SearchKinds
{
    public static readonly IReadOnlyList<Term> All = SearchEntry.Kinds;
}
