using Disclosure.Host.Security;
using Disclosure.Host.Tests.Console;
using Npgsql;

namespace Disclosure.Host.Tests.Applications;

/// <summary>
/// 附件 on the online form (条例第二十九条第一项: proof of identity): kept with the case through the write path, shown and
/// served to the clerk at confirmation and to the applicant with the query code — to nobody else, and only as a sandboxed
/// download —, refused whole when a file is not a PDF, JPEG or PNG by content (writing nothing), erased with the case.
/// The applicant may withdraw a submission before it is confirmed.
/// </summary>
public class AttachmentSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0xFF, 0xD9];
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public static Dictionary<string, string> OnlineForm(string description = "2024年园区建设工程规划许可证发放情况") => new()
    {
        ["applicant.category"] = "natural_person",
        ["applicant.name"] = "张三",
        ["applicant.idType"] = "resident_id_card",
        ["applicant.idNumber"] = "11010519491231002X",
        ["applicant.phone"] = "13812345678",
        ["description"] = description,
        ["informationForm"] = "electronic_email",
        ["obtainBy"] = "email",
        ["electronicConsent"] = "true",
    };

    private Task<(Page Page, string Number, string Code)> Apply(params (string Field, string Name, byte[] Content)[] files) => Apply(OnlineForm(), files);

    private async Task<(Page Page, string Number, string Code)> Apply(Dictionary<string, string> fields, params (string Field, string Name, byte[] Content)[] files)
    {
        var applicant = new ConsoleClient(Host.Server);
        var form = await applicant.GetAsync($"/apply/{Agency}");
        Assert.Equal("multipart/form-data", form.Document.QuerySelector("main form[method=post]")!.GetAttribute("enctype"));
        var saved = await applicant.SubmitWithFilesAsync(form, fields, files);
        return (saved, saved.Text("[data-tracking-number]"), saved.Text("[data-query-code]"));
    }

    private async Task<Page> Status(ConsoleClient applicant, string number, string code)
    {
        var page = await applicant.GetAsync("/public/status");
        return await applicant.SubmitAsync(page, new Dictionary<string, string> { ["trackingNumber"] = number, ["code"] = code },
            "main form[method=post]:not([action])");
    }

    private static async Task<long> StoredFiles(string? caseId = null)
    {
        await using var conn = new NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from disclosure.mt_doc_casefile" + (caseId is null ? "" : " where data ->> 'CaseId' = @id or data ->> 'caseId' = @id"), conn);
        if (caseId is not null) cmd.Parameters.AddWithValue("id", caseId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static Task<Page> Fetch(ConsoleClient client, string url) => client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    private static void AssertServedAsDownload(Page file, byte[] expected, string type)
    {
        Assert.Equal(200, file.Status);
        Assert.Equal(expected, file.Bytes);
        Assert.Equal(type, file.ContentType);
        Assert.StartsWith("attachment", file.Headers["Content-Disposition"]);
        Assert.Equal("nosniff", file.Headers["X-Content-Type-Options"]);
        Assert.Contains("sandbox", file.Headers["Content-Security-Policy"]);
    }

    [Fact]
    public async Task A_proof_of_identity_is_kept_with_the_case_and_the_clerk_and_the_applicant_download_it()
    {
        var (saved, number, code) = await Apply(("identityProof", "../../张三身份证.JPG", Jpeg), ("otherFiles", "规划.pdf", Pdf));
        Assert.True(saved.Status == 201, saved.ToString());

        var app = (await Get($"/api/agencies/{Agency}/applications/{number}")).ShouldBe(200);
        var history = (await Get($"/api/agencies/{Agency}/applications/{app.Str("id")}")).Body;
        Assert.Contains("files_attached", history);
        Assert.DoesNotContain(Convert.ToBase64String(Jpeg), history); // no bytes in an event
        Assert.Equal(2, await StoredFiles(app.Str("id")));

        // the clerk sees them at confirmation and downloads them
        var clerk = Browser(Roles.Intake);
        var casePage = await clerk.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Contains("张三身份证.jpg", casePage.Text("#files"));
        Assert.Null(casePage.Document.QuerySelector("[data-no-identity-proof]"));
        var links = casePage.Document.QuerySelectorAll("[data-download-file]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, links.Count);
        AssertServedAsDownload(await Fetch(clerk, links[0]), Jpeg, "image/jpeg");
        AssertServedAsDownload(await Fetch(clerk, links[1]), Pdf, "application/pdf");

        // the applicant, with the number and the code
        var applicant = new ConsoleClient(Host.Server);
        var status = await Status(applicant, number, code);
        var buttons = status.Document.QuerySelectorAll("button[data-file]").ToList();
        Assert.Equal(2, buttons.Count);
        var form = buttons[0].Closest("form")!;
        var download = await applicant.SendAsync(new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action"))
        {
            Content = new FormUrlEncodedContent(form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))),
        });
        Assert.Equal(Jpeg, download.Bytes);
        Assert.StartsWith("attachment", download.Headers["Content-Disposition"]);
        Assert.Contains("sandbox", download.Headers["Content-Security-Policy"]);
    }

    [Fact]
    public async Task Files_are_served_to_nobody_else_another_agency_a_wrong_code_a_guessed_id_and_staff_without_the_case_role_get_nothing()
    {
        var (_, number, code) = await Apply(("identityProof", "id.jpg", Jpeg));
        var (_, otherNumber, otherCode) = await Apply(OnlineForm("2024年园区环境影响评价报告"), ("identityProof", "other.pdf", Pdf));
        Assert.NotEqual(number, otherNumber);
        var clerk = Browser(Roles.Intake);
        var link = (await clerk.GetAsync($"/console/{Agency}/applications/{number}")).Document.QuerySelector("[data-download-file]")!.GetAttribute("href")!;
        var fileId = link.Split('/')[^1];

        // another agency's clerk, through their own agency's address (the tenant is theirs) and through ours
        var foreign = Browser(Roles.Intake, OtherAgency);
        var theirs = await Fetch(foreign, link.Replace($"/console/{Agency}/", $"/console/{OtherAgency}/"));
        Assert.Equal(404, theirs.Status);
        Assert.NotEqual(Jpeg, theirs.Bytes);
        // through ours the agency gate refuses them whatever follows: a real file and a guessed one get the same answer
        var real = await Fetch(foreign, link);
        Assert.NotEqual(200, real.Status);
        Assert.NotEqual(Jpeg, real.Bytes);
        Assert.Equal(real.Status, (await Fetch(foreign, link.Replace(fileId, Guid.CreateVersion7().ToString()))).Status);
        // a guessed file id, the file under another case of the same agency
        Assert.Equal(404, (await clerk.GetAsync(link.Replace(fileId, Guid.CreateVersion7().ToString()))).Status);
        var id = (await Get($"/api/agencies/{Agency}/applications/{number}")).ShouldBe(200).Str("id");
        var otherId = (await Get($"/api/agencies/{Agency}/applications/{otherNumber}")).ShouldBe(200).Str("id");
        Assert.Equal(200, (await clerk.GetAsync(link)).Status);
        Assert.Equal(404, (await clerk.GetAsync(link.Replace(id, otherId))).Status);
        Assert.Equal(200, (await clerk.GetAsync(link.Replace(id, number))).Status); // the tracking number addresses the case too
        Assert.Equal(404, (await clerk.GetAsync(link.Replace(fileId, "not-a-guid"))).Status);
        // a statistician of the agency works no case: no identity documents (个人信息保护法第六条)
        Assert.Equal(403, (await Browser(Roles.Statistician).GetAsync(link)).Status);
        Assert.DoesNotContain("data-download-file", (await Browser(Roles.Statistician).GetAsync($"/console/{Agency}/applications/{number}")).Html);

        // the status page: a wrong code, another applicant's code with this file's id, a guessed id — all the same 404
        var applicant = new ConsoleClient(Host.Server);
        var page = await applicant.GetAsync("/public/status");
        foreach (var (n, c, f) in new[] { (number, "WRONGCODE", fileId), (otherNumber, otherCode, fileId), (number, code, Guid.CreateVersion7().ToString()), (number, code, "x") })
        {
            var answer = await applicant.PostAsync("/public/status?handler=File",
                [new("trackingNumber", n), new("code", c), new("file", f), new("__RequestVerificationToken", page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]);
            Assert.Equal(404, answer.Status);
            Assert.Equal("text/html", answer.ContentType);
            Assert.Contains("没有找到与该编号和查询码相符的申请", answer.Html);
        }
    }

    [Fact]
    public async Task A_file_refused_by_its_content_refuses_the_submission_and_writes_nothing()
    {
        var events = await EventCount();
        var files = await StoredFiles();
        var applicant = new ConsoleClient(Host.Server);
        var form = await applicant.GetAsync($"/apply/{Agency}");
        var refused = await applicant.SubmitWithFilesAsync(form, OnlineForm(),
            [("identityProof", "id.jpg", Jpeg), ("otherFiles", "报告.pdf", "MZ\x90\0 this program cannot be run in DOS mode"u8.ToArray())]);
        Assert.Equal(400, refused.Status);
        Assert.Contains("第 2 个文件不是 PDF、JPG 或 PNG 文件", refused.Text("#files-error"));
        Assert.Empty(refused.Document.QuerySelectorAll("[data-tracking-number]"));
        var active = await applicant.SubmitWithFilesAsync(form, OnlineForm(), [("identityProof", "id.pdf", "%PDF-1.7\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF"u8.ToArray())]);
        Assert.Equal(400, active.Status);
        Assert.Contains("活动内容（/JavaScript）", active.Text("#files-error"));
        Assert.Equal(events, await EventCount());
        Assert.Equal(files, await StoredFiles());
    }

    [Fact]
    public async Task A_phone_photo_of_a_few_megabytes_is_taken_though_other_requests_are_limited_to_one()
    {
        byte[] photo = [.. Jpeg[..^2], .. new byte[3 * 1024 * 1024], 0xFF, 0xD9];
        var (saved, number, _) = await Apply(("identityProof", "IMG_0001.JPG", photo));
        Assert.True(saved.Status == 201, saved.ToString()[..Math.Min(400, saved.ToString().Length)]);
        var link = (await Browser(Roles.Intake).GetAsync($"/console/{Agency}/applications/{number}")).Document.QuerySelector("[data-download-file]")!.GetAttribute("href")!;
        Assert.Equal(photo, (await Fetch(Browser(Roles.Intake), link)).Bytes);
        // the same body anywhere else is over the request limit
        Assert.Equal(413, (await Post($"/api/agencies/{Agency}/applications", new { description = new string('x', 2 * 1024 * 1024) })).Status);
    }

    [Fact]
    public async Task Without_a_proof_of_identity_the_submission_is_taken_and_the_clerk_is_told_at_confirmation()
    {
        var (saved, number, _) = await Apply();
        Assert.Equal(201, saved.Status);
        var casePage = await Browser(Roles.Intake).GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Contains("条例第二十九条第一项", casePage.Text("[data-no-identity-proof]"));
    }

    [Fact]
    public async Task A_correction_answered_online_carries_its_files()
    {
        var (_, number, code) = await Apply(("identityProof", "id.jpg", Jpeg));
        (await Post($"/api/agencies/{Agency}/applications/{number}/confirmation", new { })).ShouldBe(200);
        (await Post($"/api/agencies/{Agency}/applications/{number}/correction-request", new { sentOn = Today, items = new[] { "请提供营业执照" }, correctBy = "2025-07-14" })).ShouldBe(200);
        var applicant = new ConsoleClient(Host.Server);
        var status = await Status(applicant, number, code);
        var sent = await applicant.SubmitWithFilesAsync(status, new Dictionary<string, string> { ["text"] = "已上传营业执照" }, [("otherFiles", "营业执照.pdf", Pdf)],
            "form[action*=Correction]");
        Assert.True(sent.Status == 200, sent.ToString());
        Assert.NotNull(sent.Document.QuerySelector("[data-correction-sent]"));
        Assert.Equal(2, sent.Document.QuerySelectorAll("button[data-file]").Length);
        var casePage = await Browser(Roles.Handler).GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Contains("补正时上传", casePage.Text("#files"));
    }

    [Fact]
    public async Task The_bytes_are_erased_with_the_case()
    {
        Clock.Now = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(8));
        var (_, number, code) = await Apply(("identityProof", "id.jpg", Jpeg));
        var id = (await Get($"/api/agencies/{Agency}/applications/{number}")).ShouldBe(200).Str("id");
        (await Post($"/api/agencies/{Agency}/applications/{number}/confirmation", new { })).ShouldBe(200);
        Clock.Now = new DateTimeOffset(2025, 3, 20, 10, 0, 0, TimeSpan.FromHours(8));
        (await Post($"/api/agencies/{Agency}/applications/{number}/decision", new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(200);
        var clerk = Browser(Roles.Intake);
        var link = (await clerk.GetAsync($"/console/{Agency}/applications/{number}")).Document.QuerySelector("[data-download-file]")!.GetAttribute("href")!;
        Assert.Equal(1, await StoredFiles(id));

        await Security.Erasure.AfterRetentionAsync(Host, Fixture, Agency);

        Assert.Equal(0, await StoredFiles(id));
        Assert.Equal(404, (await Browser(Roles.Intake).GetAsync(link)).Status);
        var history = (await Get($"/api/agencies/{Agency}/applications/{id}")).Body;
        Assert.DoesNotContain("id.jpg", history);
        Assert.DoesNotContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Jpeg)), history);
    }

    [Fact]
    public async Task A_submission_awaiting_confirmation_is_withdrawn_from_the_status_page_and_leaves_the_awaiting_list()
    {
        var (_, number, code) = await Apply(("identityProof", "id.jpg", Jpeg));
        var awaiting = (await Get($"/api/agencies/{Agency}/applications?status=awaiting_confirmation")).ShouldBe(200).Body;
        Assert.Contains(number, awaiting);

        var applicant = new ConsoleClient(Host.Server);
        var status = await Status(applicant, number, code);
        var withdrawn = await applicant.SubmitAsync(status, new Dictionary<string, string>(), "form[action*=Withdraw]");
        Assert.True(withdrawn.Status == 200, withdrawn.ToString());
        Assert.NotNull(withdrawn.Document.QuerySelector("[data-withdrawn]"));
        Assert.Equal("已撤回", withdrawn.Text("[data-status]"));
        Assert.Null(withdrawn.Document.QuerySelector("form[action*=Withdraw]"));

        Assert.DoesNotContain(number, (await Get($"/api/agencies/{Agency}/applications?status=awaiting_confirmation")).ShouldBe(200).Body);
        var app = (await Get($"/api/agencies/{Agency}/applications/{number}")).ShouldBe(200);
        Assert.Equal("withdrawn", app.Str("status"));
        // the clerk can no longer confirm it; a second withdrawal is a conflict and writes nothing
        Assert.Equal(409, (await Post($"/api/agencies/{Agency}/applications/{number}/confirmation", new { })).Status);
        var events = await EventCount();
        var again = await applicant.SubmitAsync(status, new Dictionary<string, string>(), "form[action*=Withdraw]");
        Assert.Equal(409, again.Status);
        Assert.Equal(events, await EventCount());
    }
}
