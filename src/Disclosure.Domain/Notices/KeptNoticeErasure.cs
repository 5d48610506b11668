using System.Text.Encodings.Web;
using System.Text.Unicode;
using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Notices;

/// <summary>
/// Erasure of a kept notice (个人信息保护法第四十七条): the document stays — its 文号, kind, date and every legal word —
/// while the personal data it printed (the addressee's name, the request, contact data, the party consulted) reads
/// <see cref="PersonalDataErased.Placeholder"/>. The <see cref="NoticeIssued"/> event keeps the hash of what was issued.
/// </summary>
public static class KeptNoticeErasure
{
    // the encoder the templates render with: a value is printed either as it is or encoded by it
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>What erasure blanks in the documents of <paramref name="before"/> (the case as it stood before erasure), longest first.</summary>
    public static IReadOnlyList<string> PersonalTexts(Application before)
    {
        var a = before.Applicant;
        var texts = new[] { a.Name, a.IdNumber, a.Phone, a.Email, a.Address, before.Description, before.Description.TrimEnd('。', '；', ';', '.') }
            .Concat(before.Consultations.Select(c => c.Party))
            .Concat(before.Correction?.Items ?? [])        // printed in the 补正告知书
            .Append(before.Extension?.Reason)              // printed in the 延期答复告知书
            .Select(t => t?.Trim() ?? "")
            // a single character would blank the same character in every legal word of the document
            .Where(t => t.Length >= 2 && t != PersonalDataErased.Placeholder);
        return texts.SelectMany(t => new[] { t, Encoder.Encode(t) }).Distinct().OrderByDescending(t => t.Length).ToList();
    }

    /// <summary>The document with every personal text blanked.</summary>
    public static string Mask(string html, IReadOnlyList<string> personalTexts) =>
        personalTexts.Aggregate(html, (text, personal) => text.Replace(personal, PersonalDataErased.Placeholder, StringComparison.Ordinal));
}
