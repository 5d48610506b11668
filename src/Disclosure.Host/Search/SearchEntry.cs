using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Search;
using Disclosure.Domain.Search.Repeats;

namespace Disclosure.Host.Search;

/// <summary>
/// What the search index keeps of one case: the fields a result shows, the text it is found by (tracking number, applicant
/// or writer, subject, request or letter, department, decision notes and replies) normalised and as terms, and for an
/// application its repeat keys and its applicant's protected identities. After erasure only the tracking number and the
/// department are searchable and the shown texts are the placeholder.
/// </summary>
public sealed record SearchEntry(
    Guid Id, string Kind, string TrackingNumber, string Status, DateOnly ReceivedOn, string Channel, string? ApplicantCategory,
    string? Outcome, string? Department, bool Answered, string ApplicantName, string? Title, string Body, string? Notes,
    string KeyText, string SearchText, string Terms, int[]? SimilarityKeys, IReadOnlyList<ProtectedKey> ApplicantKeys, bool Erased)
{
    public const string ApplicationKind = "application";
    public const string LetterKind = "letter";

    public static IReadOnlyList<Term> Kinds { get; } = [new(ApplicationKind, "政府信息公开申请"), new(LetterKind, "市长信箱来信")];

    public static SearchEntry From(Application a, string agency, ApplicantKeyProtector protector)
    {
        var erased = a.PersonalDataErasedOn is not null;
        var notes = Join(a.SupersededAnswers.Append(a.Answer).Select(x => x?.Note));
        var (key, text, terms) = Indexed(a.TrackingNumber, null, erased ? [] : [a.Applicant.Name, a.Description, notes]);
        return new SearchEntry(a.Id, ApplicationKind, a.TrackingNumber, a.Status, a.ReceivedOn, a.Channel, a.Applicant.Category,
            a.Answer?.Outcome, null, a.Status == ApplicationStatuses.Answered, a.Applicant.Name, null, a.Description, notes,
            key, text, terms, erased ? null : Disclosure.Domain.Search.Repeats.SimilarityKeys.Of(a.Description, agency),
            erased ? [] : protector.Of(ApplicantKey.Of(a.Applicant)), erased);
    }

    public static SearchEntry From(Letter l)
    {
        var erased = l.PersonalDataErasedOn is not null;
        var departments = Join(l.Assignments.Select(x => x.Department).Distinct(), "、");
        var notes = Join(l.Replies.Select(r => r.Text).Prepend(l.RejectionNote));
        var (key, text, terms) = Indexed(l.TrackingNumber, departments, erased ? [] : [l.Writer.Name, l.Subject, l.Body, notes]);
        return new SearchEntry(l.Id, LetterKind, l.TrackingNumber, l.Status, l.ReceivedOn, l.Channel, null, null, departments,
            l.Replies.Count > 0 || l.ClosedOn is not null, l.Writer.Name, l.Subject, l.Body, notes, key, text, terms, null, [], erased);
    }

    /// <summary>
    /// The searched forms: the tracking number and the first personal field (the name) make the key text a match in which
    /// ranks first; every field is normalised on its own and the fields joined by " | ", so neither a phrase nor a pair of
    /// characters runs from one field into the next.
    /// </summary>
    private static (string Key, string Text, string Terms) Indexed(string trackingNumber, string? department, string?[] personal)
    {
        string?[] fields = [trackingNumber, .. personal, department];
        var normalised = fields.Where(f => !string.IsNullOrWhiteSpace(f)).Select(Domain.Search.SearchText.Normalise).ToList();
        var key = Padded([Domain.Search.SearchText.Normalise(trackingNumber), personal.Length > 0 ? Domain.Search.SearchText.Normalise(personal[0]) : ""]);
        var terms = fields.SelectMany(Domain.Search.SearchText.Terms).Distinct(StringComparer.Ordinal);
        return (key, Padded(normalised), string.Join(' ', terms));
    }

    /// <summary>" a | b ": a word is whole when the pattern has a space on both sides (LIKE '% gb %').</summary>
    private static string Padded(IEnumerable<string> parts) => " " + string.Join(" | ", parts) + " ";

    private static string? Join(IEnumerable<string?> parts, string separator = "\n")
    {
        var kept = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return kept.Count == 0 ? null : string.Join(separator, kept);
    }
}
