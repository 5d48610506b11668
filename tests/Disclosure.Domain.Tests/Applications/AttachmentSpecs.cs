using System.IO.Compression;
using System.Text;
using Disclosure.Domain.Applications;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Applications;

/// <summary>
/// 附件 (条例第二十九条第一项: proof of identity): a file is what its content shows — a PDF, a JPEG or a PNG — whatever its name
/// says; a PDF that can act when opened is refused; limits hold per file, per request and in number; names are cleaned.
/// </summary>
public class AttachmentSpecs
{
    public static byte[] PlainPdf(string body = "") => PdfWith(Encoding.ASCII.GetBytes(body));

    public static byte[] PdfWith(params byte[][] body) => Concat([
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"u8.ToArray(),
        .. body, "trailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray()]);
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0xFF, 0xD9];
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D'];

    private static readonly UploadLimits Limits = new(3, 1024, 2048);

    private static Upload File(byte[] content, string? name = "证件.pdf", string purpose = AttachmentPurposes.IdentityProof) =>
        new(Guid.NewGuid(), purpose, name, content);

    private static Refusal Refused(params Upload[] uploads) => Assert.Throws<Refusal>(() => Uploads.Check(uploads, Limits));

    [Fact]
    public void A_PDF_a_JPEG_and_a_PNG_are_kept_with_the_type_their_content_shows_their_size_and_SHA_256()
    {
        var files = Uploads.Check([File(PlainPdf()), File(Jpeg, "photo.JPEG", AttachmentPurposes.Other), File(Png, "scan.png")], Limits);
        Assert.Equal([Uploads.Pdf, Uploads.Jpeg, Uploads.Png], files.Select(f => f.MediaType));
        Assert.Equal(["证件.pdf", "photo.jpg", "scan.png"], files.Select(f => f.Name));
        Assert.Equal(Jpeg.Length, files[1].Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Png)), files[2].Sha256);
        Assert.Equal(AttachmentPurposes.Other, files[1].Purpose);
    }

    [Theory]
    [InlineData("MZ\u0090\u0000 this program cannot be run in DOS mode", "id.pdf")] // an executable named .pdf
    [InlineData("<html><script>alert(1)</script></html>", "id.png")]                // HTML named .png
    [InlineData("PK\u0003\u0004word/document.xml", "id.jpg")]                       // an Office file (macros) named .jpg
    [InlineData("GIF89a", "id.gif")]
    public void A_file_whose_content_is_not_a_PDF_JPEG_or_PNG_is_refused_whatever_its_name(string content, string name)
    {
        var refusal = Refused(File(Encoding.Latin1.GetBytes(content), name));
        Assert.Equal("files[0]", refusal.Field);
        Assert.Contains("not a PDF, JPEG or PNG", refusal.Message);
    }

    [Theory]
    [InlineData("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", "/JavaScript")]
    [InlineData("<< /S /Launch /F (cmd.exe) >>", "/Launch")]
    [InlineData("<< /Names << /EmbeddedFiles 5 0 R >> >>", "/EmbeddedFiles")]
    [InlineData("<< /Type /EmbeddedFile >>", "/EmbeddedFile")]
    [InlineData("<< /S /J#61vaScript /J#53 (x) >>", "/JavaScript")] // names spelt with #hh escapes
    [InlineData("<< /AA << /O 7 0 R >> >>", "/AA")]
    [InlineData("<< /Encrypt 9 0 R >>", "/Encrypt")]
    public void A_PDF_that_can_act_when_opened_is_refused(string body, string name)
    {
        var refusal = Refused(File(PlainPdf(body)));
        Assert.Contains($"active content ({name})", refusal.Message);
    }

    [Fact]
    public void Active_content_hidden_in_a_compressed_object_stream_is_found()
    {
        var hidden = Deflate("<< /S /JavaScript /JS (app.alert(1)) >>");
        var pdf = PdfWith(Encoding.ASCII.GetBytes("4 0 obj << /Type /ObjStm /Filter /FlateDecode /Length " + hidden.Length + " >>\nstream\n"), hidden, "\nendstream\nendobj\n"u8.ToArray());
        Assert.Contains("active content (/JavaScript)", Refused(File(pdf)).Message);
        // the same stream without the script is a plain PDF
        var plain = Deflate("<< /Type /Page /Contents 5 0 R >>");
        Assert.Single(Uploads.Check([File(PdfWith("4 0 obj << /Filter /FlateDecode >>\nstream\n"u8.ToArray(), plain, "\nendstream\n"u8.ToArray()))], Limits));
    }

    [Fact]
    public void A_compression_bomb_is_refused_not_unpacked()
    {
        var bomb = Deflate(new string(' ', 70 * 1024 * 1024));
        var pdf = PdfWith("4 0 obj << /Filter /FlateDecode >>\nstream\n"u8.ToArray(), bomb, "\nendstream\n"u8.ToArray());
        Assert.Contains("too large to inspect", Uploads.ActiveContent(pdf));
    }

    [Fact]
    public void Empty_files_too_large_files_too_many_files_and_too_much_altogether_are_refused()
    {
        Assert.Equal("files[1]", Refused(File(Jpeg), File([])).Field);
        Assert.Contains("File 2 is empty", Refused(File(Jpeg), File([])).Message);
        var big = Jpeg.Concat(new byte[1100]).ToArray();
        Assert.Contains("File 1 is larger than", Refused(File(big)).Message);
        Assert.Contains("At most 3 files", Refused(File(Jpeg), File(Jpeg), File(Jpeg), File(Jpeg)).Message);
        var nearly = Jpeg.Concat(new byte[900]).ToArray();
        Assert.Contains("together are larger", Refused(File(nearly), File(nearly), File(nearly)).Message);
    }

    [Fact]
    public void A_purpose_outside_the_vocabulary_is_refused() =>
        Assert.Equal("files[0]", Refused(new Upload(Guid.NewGuid(), "virus", "a.pdf", PlainPdf())).Field);

    [Theory]
    [InlineData("../../../etc/passwd", Uploads.Pdf, "passwd.pdf")]
    [InlineData("C:\\Users\\张三\\身份证.jpg", Uploads.Jpeg, "身份证.jpg")]
    [InlineData("invoice.pdf.exe", Uploads.Pdf, "invoice.pdf.exe.pdf")]
    [InlineData("\u202Egpj.exe", Uploads.Jpeg, "gpj.exe.jpg")]       // a right-to-left override is dropped
    [InlineData("a\u0000b\r\n<script>.png", Uploads.Png, "abscript.png")]
    [InlineData("", Uploads.Pdf, "附件.pdf")]
    [InlineData(null, Uploads.Png, "附件.png")]
    [InlineData("...", Uploads.Pdf, "附件.pdf")]
    public void Names_are_cleaned_to_a_last_segment_with_the_extension_of_the_content(string? sent, string type, string kept) =>
        Assert.Equal(kept, Uploads.CleanName(sent, type));

    [Fact]
    public void A_huge_name_is_cut_to_the_limit_and_keeps_its_extension()
    {
        var name = Uploads.CleanName(new string('长', 10_000) + ".pdf", Uploads.Pdf);
        Assert.Equal(Uploads.MaxNameLength, name.Length);
        Assert.EndsWith("长.pdf", name);
    }

    [Fact]
    public void Files_sent_with_a_submission_are_one_event_and_none_is_no_event()
    {
        var at = new DateTimeOffset(2025, 9, 30, 21, 30, 0, TimeSpan.FromHours(8));
        Assert.Null(ApplicationDecider.AttachAtSubmission([], Limits, D("2025-09-30"), at));
        var attached = ApplicationDecider.AttachAtSubmission([File(Jpeg)], Limits, D("2025-09-30"), at)!;
        Assert.Equal(AttachmentOccasions.Submission, attached.Occasion);
        var app = Case(Received(), attached);
        Assert.Equal(AttachmentPurposes.IdentityProof, Assert.Single(app.Attachments).Purpose);
    }

    [Fact]
    public void Erasure_blanks_the_names_and_hashes_in_the_event_and_on_the_case()
    {
        var attached = new FilesAttached(D("2025-03-03"), default, AttachmentOccasions.Submission,
            [new AttachedFile(Guid.NewGuid(), AttachmentPurposes.IdentityProof, "张三身份证.jpg", Uploads.Jpeg, 13, "ab")]);
        var masked = (FilesAttached)PersonalData.Masked(attached)!;
        Assert.Equal(PersonalDataErased.Placeholder, masked.Files[0].Name);
        Assert.Equal("", masked.Files[0].Sha256);
        var app = Case(Received(), attached, new PersonalDataErased(D("2035-06-01"), "r"));
        Assert.True(app.Attachments[0].Erased);
        Assert.DoesNotContain("张三", app.Attachments[0].Name);
    }

    private static byte[] Deflate(string text)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(Encoding.ASCII.GetBytes(text));
        return output.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}

/// <summary>撤回 before confirmation: the applicant ends an online submission the agency has not confirmed; it was never received.</summary>
public class SubmissionWithdrawalSpecs
{
    private static readonly DateTimeOffset At = new(2025, 9, 30, 22, 0, 0, TimeSpan.FromHours(8));
    private static readonly Applicant Person = new("natural_person", "张三", "11010519491231002X", "13812345678", null, null, IdType: "resident_id_card");

    private static ApplicationReceived Submitted() => ApplicationDecider.Submit(Id, "sanchang-park", "SP-2025-00001", Person, "园区2024年规划许可决定",
        new RequestedInformation(null, "electronic_email", "email", null, true), D("2025-09-30"), At.AddHours(-1), "hash");

    [Fact]
    public void A_submission_awaiting_confirmation_is_withdrawn_ends_counted_nowhere_and_takes_no_step_after()
    {
        var withdrawn = ApplicationDecider.WithdrawSubmission(Case(Submitted()), D("2025-09-30"), At);
        var app = Case(Submitted(), withdrawn);
        Assert.False(app.IsOpen);
        Assert.False(app.AwaitingConfirmation);
        Assert.Equal(ApplicationStatuses.Withdrawn, app.Status);
        Assert.Null(app.DueOn);
        Assert.False(YearEnd.OpenAtEndOf(app, 2025));
        Assert.IsNotAssignableFrom<ICountedInReport>(withdrawn);
        Assert.Contains("withdrew", Assert.Throws<Refusal>(() => ApplicationDecider.Confirm(app, D("2025-10-08"), At)).Message);
        Assert.Contains("withdrew", Assert.Throws<Refusal>(() => ApplicationDecider.WithdrawSubmission(app, D("2025-10-08"), At)).Message);
        Assert.Contains("withdrew", Assert.Throws<Refusal>(() => ApplicationDecider.RequestCorrection(app, D("2025-10-08"), ["x"], D("2025-10-15"), D("2025-10-08"))).Message);
    }

    [Fact]
    public void A_confirmed_application_is_withdrawn_by_the_agency_not_on_the_status_page()
    {
        var confirmed = Case(Submitted(), new ApplicationConfirmed(D("2025-10-08"), At.AddDays(8), "natural_person"));
        var refusal = Assert.Throws<Refusal>(() => ApplicationDecider.WithdrawSubmission(confirmed, D("2025-10-09"), At.AddDays(9)));
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Contains("tell the agency", refusal.Message);
    }
}

/// <summary>A submission that ended before confirmation holds personal data (the form, an identity document): it is erased too.</summary>
public class EndedSubmissionErasureSpecs
{
    private static readonly DateTimeOffset At = new(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly ApplicationReceived Submitted = ApplicationDecider.Submit(Id, "sanchang-park", "SP-2025-00001",
        new Applicant("natural_person", "张三", "11010519491231002X", "13812345678", null, null, IdType: "resident_id_card"), "规划许可",
        new RequestedInformation(null, "electronic_email", "email", null, true), D("2025-03-03"), At, "hash");

    [Fact]
    public void A_withdrawn_submission_is_erasable_once_the_retention_period_has_run()
    {
        var app = Case(Submitted, new SubmissionWithdrawn(D("2025-03-04"), At.AddDays(1)));
        Assert.Equal("retention", Assert.Single(PersonalData.Check(app, D("2026-03-03"), 1).Kept).Code);
        Assert.True(PersonalData.Check(app, D("2026-03-04"), 1).Erasable);
    }

    [Fact]
    public void A_returned_submission_is_kept_for_the_one_year_a_lawsuit_may_come_and_thirty_days_more()
    {
        var app = Case(Submitted, new SubmissionReturned(D("2025-03-04"), At.AddDays(1), "咨询"));
        var kept = PersonalData.Check(app, D("2026-03-10"), 1);
        Assert.Equal(D("2026-04-03"), kept.ErasableFrom);
        Assert.Contains(kept.Kept, k => k.Code == "remedy_window");
        Assert.True(PersonalData.Check(app, D("2026-04-03"), 1).Erasable);
    }
}
