using System.IO.Compression;
using System.Text;

namespace Disclosure.Domain.Applications;

/// <summary>What an applicant attaches: 身份证明 (条例第二十九条第一项 asks for it) or other papers supporting the request.</summary>
public static class AttachmentPurposes
{
    public const string IdentityProof = "identity_proof";
    public const string Other = "other";

    public static readonly IReadOnlyList<Term> All = [new(IdentityProof, "身份证明"), new(Other, "其他材料")];
}

/// <summary>When the files came: with the online submission, or with a 补正 answered online (条例第三十条).</summary>
public static class AttachmentOccasions
{
    public const string Submission = "submission";
    public const string Correction = "correction";
}

/// <summary>
/// A file kept with the case: its id (the key of its stored bytes), purpose, the name as the applicant gave it (cleaned:
/// the last segment of a path, no control or direction characters, at most <see cref="Uploads.MaxNameLength"/>), the type
/// its content showed (never the name's extension), its size and SHA-256. The bytes are never in an event.
/// </summary>
public sealed record AttachedFile(Guid Id, string Purpose, string Name, string MediaType, long Size, string Sha256);

/// <summary>A file as it arrived: the id the door minted for it, the purpose chosen, the name the client sent, the bytes.</summary>
public sealed record Upload(Guid Id, string? Purpose, string? Name, byte[] Content);

/// <summary>How many files one submission or correction may carry, and how large (deployment settings, <c>Attachments:*</c>).</summary>
public sealed record UploadLimits(int MaxFiles, long MaxFileBytes, long MaxTotalBytes)
{
    public static readonly UploadLimits Default = new(5, 5L * 1024 * 1024, 10L * 1024 * 1024);
}

/// <summary>
/// The storage policy for what the public sends (the "virus-free storage" of issue #29): a file is accepted only when its
/// first bytes show a PDF, a JPEG or a PNG — what proof of identity and supporting papers are (a scan, a photo, a PDF) —
/// whatever its name says; a PDF is refused when it can act when opened: JavaScript (<c>/JavaScript</c>, <c>/JS</c>),
/// launching programs (<c>/Launch</c>), embedded files (<c>/EmbeddedFile</c>, <c>/EmbeddedFiles</c>), automatic actions
/// (<c>/AA</c>), forms that submit or import (<c>/SubmitForm</c>, <c>/ImportData</c>, <c>/XFA</c>), rich media, links into
/// other documents (<c>/GoToE</c>, <c>/GoToR</c>), or when it is encrypted (<c>/Encrypt</c>: its content cannot be looked
/// at). Names are matched after undoing the <c>#hh</c> escapes PDF allows, in the file and inside its compressed streams.
/// Everything else — Office files with macros, archives, HTML, executables — is refused by the type check itself.
/// </summary>
public static class Uploads
{
    public const int MaxNameLength = 100;
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    /// <summary>The PDF names that make a document act when opened, and why each is refused.</summary>
    private static readonly string[] ActiveNames =
        ["JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "AA", "SubmitForm", "ImportData", "XFA", "RichMedia", "GoToE", "GoToR", "Encrypt"];

    /// <summary>How much a PDF's compressed streams may inflate to while being looked at: a compression bomb is refused, not unpacked.</summary>
    private const long MaxInflatedBytes = 64L * 1024 * 1024;

    /// <summary>The files, checked: every one a PDF, JPEG or PNG by content, none active, within the limits; or a refusal naming <c>files[i]</c>.</summary>
    public static IReadOnlyList<AttachedFile> Check(IReadOnlyList<Upload> uploads, UploadLimits limits)
    {
        if (uploads.Count > limits.MaxFiles)
            throw Refusal.Invalid("files", $"At most {limits.MaxFiles} files can be attached at once.");
        var total = uploads.Sum(u => (long)u.Content.Length);
        if (total > limits.MaxTotalBytes)
            throw Refusal.Invalid("files", $"The files together are larger than {Megabytes(limits.MaxTotalBytes)} MB.");
        var files = new List<AttachedFile>();
        for (var i = 0; i < uploads.Count; i++)
        {
            var upload = uploads[i];
            var field = $"files[{i}]";
            var number = i + 1;
            AttachmentPurposes.All.Require(field, upload.Purpose ?? AttachmentPurposes.Other);
            if (upload.Content.Length == 0) throw Refusal.Invalid(field, $"File {number} is empty.");
            if (upload.Content.Length > limits.MaxFileBytes)
                throw Refusal.Invalid(field, $"File {number} is larger than {Megabytes(limits.MaxFileBytes)} MB.");
            var type = Sniff(upload.Content)
                ?? throw Refusal.Invalid(field, $"File {number} is not a PDF, JPEG or PNG file (its content decides, not its name).");
            if (type == Pdf && ActiveContent(upload.Content) is { } active)
                throw Refusal.Invalid(field, $"File {number} is a PDF with active content ({active}), which is not accepted: attach a scan or a plain PDF.");
            files.Add(new AttachedFile(upload.Id, upload.Purpose ?? AttachmentPurposes.Other, CleanName(upload.Name, type), type, upload.Content.Length,
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(upload.Content))));
        }
        return files;
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The type the first bytes show (magic numbers), or null: PDF <c>%PDF-</c>, JPEG <c>FF D8 FF</c>, PNG's eight-byte signature.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8)) return Pdf;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        return null;
    }

    /// <summary>The first active-content name found in a PDF (as the file has it, and inside its Flate-compressed streams), or null.</summary>
    public static string? ActiveContent(byte[] pdf)
    {
        if (ActiveName(pdf) is { } found) return found;
        long inflated = 0;
        foreach (var stream in Streams(pdf))
        {
            var (bytes, complete) = Inflate(stream, MaxInflatedBytes - inflated);
            inflated += bytes.Length;
            if (!complete) return "compressed content too large to inspect";
            if (ActiveName(bytes) is { } inside) return inside;
        }
        return null;
    }

    /// <summary>Every name token (<c>/Name</c>) of the bytes with its <c>#hh</c> escapes undone, matched against <see cref="ActiveNames"/>.</summary>
    private static string? ActiveName(ReadOnlySpan<byte> bytes)
    {
        var name = new StringBuilder();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'/') continue;
            name.Clear();
            var j = i + 1;
            while (j < bytes.Length && name.Length <= 32 && IsNameChar(bytes[j]))
            {
                if (bytes[j] == (byte)'#' && j + 2 < bytes.Length && IsHex(bytes[j + 1]) && IsHex(bytes[j + 2]))
                {
                    name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(bytes.Slice(j + 1, 2)), 16));
                    j += 3;
                }
                else name.Append((char)bytes[j++]);
            }
            var token = name.ToString();
            if (Array.IndexOf(ActiveNames, token) >= 0) return "/" + token;
            i = j - 1;
        }
        return null;
    }

    private static bool IsNameChar(byte b) => b > 0x20 && b < 0x7F && b is not ((byte)'/' or (byte)'[' or (byte)']' or (byte)'<' or (byte)'>' or (byte)'(' or (byte)')' or (byte)'{' or (byte)'}' or (byte)'%');
    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    /// <summary>The raw bytes between each <c>stream</c> keyword and its <c>endstream</c>.</summary>
    private static IEnumerable<ArraySegment<byte>> Streams(byte[] pdf)
    {
        var start = 0;
        while (true)
        {
            var at = IndexOf(pdf, "stream"u8, start);
            if (at < 0) yield break;
            var body = at + 6;
            if (at >= 3 && pdf.AsSpan(at - 3, 3).SequenceEqual("end"u8)) { start = body; continue; }
            if (body < pdf.Length && pdf[body] == '\r') body++;
            if (body < pdf.Length && pdf[body] == '\n') body++;
            var end = IndexOf(pdf, "endstream"u8, body);
            if (end < 0) end = pdf.Length;
            yield return new ArraySegment<byte>(pdf, body, end - body);
            start = end + 1;
        }
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> what, int from)
    {
        if (from >= data.Length) return -1;
        var at = data.AsSpan(from).IndexOf(what);
        return at < 0 ? -1 : from + at;
    }

    /// <summary>A zlib (FlateDecode) stream inflated up to <paramref name="budget"/> bytes; not zlib: nothing to look at.</summary>
    private static (byte[] Bytes, bool Complete) Inflate(ArraySegment<byte> stream, long budget)
    {
        if (stream.Count < 2 || (stream[0] & 0x0F) != 8 || ((stream[0] << 8) | stream[1]) % 31 != 0) return ([], true);
        using var output = new MemoryStream();
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(stream.Array!, stream.Offset, stream.Count), CompressionMode.Decompress);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                if (output.Length + read > budget) return (output.ToArray(), false);
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            // a damaged stream: what inflated so far is looked at
        }
        return (output.ToArray(), true);
    }

    /// <summary>
    /// The name shown to the clerk and used for the download: the last segment of whatever path was sent, without control,
    /// format (direction overrides) or reserved characters, at most <see cref="MaxNameLength"/> characters, ending in the
    /// extension of the type the content showed.
    /// </summary>
    public static string CleanName(string? name, string mediaType)
    {
        var extension = mediaType switch { Pdf => ".pdf", Jpeg => ".jpg", _ => ".png" };
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var kept = new StringBuilder();
        foreach (var rune in last.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse
                or System.Globalization.UnicodeCategory.OtherNotAssigned) continue;
            if (rune.Value is '"' or '<' or '>' or ':' or '|' or '?' or '*' or ';') continue;
            kept.Append(rune.ToString());
        }
        var cleaned = kept.ToString().Trim().Trim('.').Trim();
        var stem = cleaned.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? cleaned[..^extension.Length]
            : mediaType == Jpeg && cleaned.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) ? cleaned[..^5] : cleaned;
        stem = stem.Trim();
        if (stem.Length == 0) stem = "附件";
        var max = MaxNameLength - extension.Length;
        if (stem.Length > max) stem = new string(stem.EnumerateRunes().Select(r => r.ToString()).Aggregate(new StringBuilder(), (b, r) => b.Length + r.Length <= max ? b.Append(r) : b).ToString());
        return stem + extension;
    }
}
