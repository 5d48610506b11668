using Disclosure.Host.Applications;
using Disclosure.Host.Letters;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;

namespace Disclosure.Host.Tests.Console;

public class IntakeFormSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    [Fact]
    public async Task The_forms_fields_are_named_as_the_APIs_request_and_the_receipt_date_defaults_to_today()
    {
        var form = await Browser(Roles.Intake).GetAsync($"/console/{Agency}/applications/new");
        var names = form.Document.QuerySelectorAll("main form [name]").Select(e => e.GetAttribute("name")).ToHashSet();
        foreach (var field in CommandForm.Fields(typeof(ReceiveApplication))) Assert.Contains(field.Name, names);
        Assert.Contains("applicant.category", names);
        Assert.Contains("applicant.creditCode", names);
        Assert.Contains("obtainBy", names);
        Assert.Equal(Today, form.Document.QuerySelector("[name=receivedOn]")!.GetAttribute("value"));
        // dropdowns carry the shared vocabulary's Chinese labels
        Assert.Contains("法律服务机构", form.Document.QuerySelector("select[name='applicant.category']")!.TextContent);
        Assert.Contains("居民身份证", form.Document.QuerySelector("select[name='applicant.idType']")!.TextContent);
    }

    [Fact]
    public async Task Bad_input_shows_each_fields_message_in_Chinese_and_writes_nothing()
    {
        var clerk = Browser(Roles.Intake);
        var form = await clerk.GetAsync($"/console/{Agency}/applications/new");
        var before = await EventCount();
        var fields = ApplicationForm();
        fields["applicant.name"] = "";
        fields["receivedOn"] = "30/06/2025";
        fields["applicant.category"] = "martian";
        var refused = await clerk.SubmitAsync(form, fields);
        Assert.Equal(400, refused.Status);
        Assert.Equal("请填写姓名或名称。", refused.ErrorOf("applicant.name")); // the message names its field
        Assert.StartsWith("请按“年-月-日”填写日期", refused.ErrorOf("receivedOn"));
        Assert.Equal(before, await EventCount());

        fields = ApplicationForm();
        fields["applicant.creditCode"] = "not-a-code";
        Assert.StartsWith("统一社会信用代码为 18 位", (await clerk.SubmitAsync(form, fields)).ErrorOf("applicant.creditCode"));
        var future = await clerk.SubmitAsync(form, ApplicationForm(receivedOn: "2025-07-02")); // after today: the Domain refuses it
        Assert.Equal(400, future.Status);
        Assert.Contains("晚于今天", future.ErrorOf("receivedOn") ?? future.Problem);
        Assert.Equal(before, await EventCount());
        // what was typed is kept
        Assert.Equal("张三", future.Document.QuerySelector("[name='applicant.name']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_saved_application_shows_its_number_due_date_and_query_code_and_a_double_submit_makes_one_case()
    {
        var clerk = Browser(Roles.Intake);
        var form = await clerk.GetAsync($"/console/{Agency}/applications/new");
        var first = await clerk.SubmitAsync(form, ApplicationForm());
        var again = await clerk.SubmitAsync(form, ApplicationForm()); // a double click, or a reload of the answer
        Assert.Equal(201, first.Status);
        Assert.Equal(201, again.Status);
        var number = first.Text("[data-tracking-number]");
        Assert.Equal(number, again.Text("[data-tracking-number]"));
        // the 查询码 is shown with the first answer only: the replayed one withholds it (console.js keeps a browser from sending twice)
        Assert.Equal(8, first.Text("[data-query-code]").Length);
        Assert.Null(again.Document.QuerySelector("[data-query-code]"));
        Assert.Equal("2025-07-25", first.Text("[data-due-on]"));
        var list = (await Get($"/api/agencies/{Agency}/applications")).ShouldBe(200);
        Assert.Equal(1, list.Json.GetProperty("total").GetInt32());

        // the applicant looks it up with the code, without signing in
        var code = first.Text("[data-query-code]");
        var status = (await Send(HttpMethod.Get, $"/public/applications/{number}?code={code}", null, null)).ShouldBe(200);
        Assert.Equal("办理中", status.Str("status"));
        (await Send(HttpMethod.Get, $"/public/applications/{number}?code=WRONGCODE", null, null)).ShouldBe(404);
        var anonymous = new ConsoleClient(Host.Server);
        var page = await anonymous.GetAsync("/public/status");
        var found = await anonymous.SubmitAsync(page, new Dictionary<string, string> { ["kind"] = "application", ["trackingNumber"] = number, ["code"] = code });
        Assert.Equal("办理中", found.Text("[data-status]"));

        // every element of art. 29 is on the case
        var view = (await Get($"/api/agencies/{Agency}/applications/{number}")).ShouldBe(200).Json;
        Assert.Equal("resident_id_card", view.GetProperty("applicant").GetProperty("idType").GetString());
        Assert.Equal("email", view.GetProperty("obtainBy").GetString());
        Assert.Equal("electronic_email", view.GetProperty("informationForm").GetString());
        Assert.True(view.GetProperty("electronicConsent").GetBoolean());
    }

    [Fact]
    public async Task An_organisation_is_logged_with_its_credit_code_and_legal_representative_through_the_API_too()
    {
        var body = new
        {
            channel = "post", receivedOn = Today, description = "企业年度抽查结果",
            applicant = new { category = "commercial_enterprise", name = "某某科技有限公司", creditCode = "91310000MA1FL8XX3B", legalRepresentative = "王五", contactName = "赵六" },
            informationForm = "paper", obtainBy = "post",
        };
        var accepted = (await Post($"/api/agencies/{Agency}/applications", body, Token(Roles.Intake, Agency))).ShouldBe(201);
        Assert.Equal(8, accepted.Str("queryCode").Length);
        var view = (await Get($"/api/agencies/{Agency}/applications/{accepted.Str("id")}")).Json.GetProperty("applicant");
        Assert.Equal("91310000MA1FL8XX3B", view.GetProperty("creditCode").GetString());
        Assert.Equal("王五", view.GetProperty("legalRepresentative").GetString());
        var bad = await Post($"/api/agencies/{Agency}/applications", body with { }, Token(Roles.Intake, Agency));
        (await Post($"/api/agencies/{Agency}/applications", new { body.channel, body.receivedOn, body.description, applicant = new { category = "commercial_enterprise", name = "x", creditCode = "123" } }, Token(Roles.Intake, Agency))).ShouldBe(400);
        Assert.Equal(201, bad.Status);
    }

    [Fact]
    public async Task A_letter_is_logged_through_its_form()
    {
        var clerk = Browser(Roles.Intake);
        var form = await clerk.GetAsync($"/console/{Agency}/letters/new");
        var before = await EventCount();
        var refused = await clerk.SubmitAsync(form, new Dictionary<string, string> { ["channel"] = "online", ["receivedOn"] = Today });
        Assert.Equal(400, refused.Status);
        Assert.Equal(before, await EventCount());
        Assert.Equal("请填写标题。", refused.ErrorOf("subject"));
        Assert.Equal("请填写来信人姓名。", refused.ErrorOf("writer.name"));
        var saved = await clerk.SubmitAsync(form, new Dictionary<string, string>
        {
            ["channel"] = "online", ["category"] = "suggestion", ["receivedOn"] = Today, ["subject"] = "建议增设公交站", ["body"] = "建议在园区东门增设公交站",
            ["writer.name"] = "王五", ["publicConsent"] = "true",
        });
        Assert.Equal(201, saved.Status);
        Assert.Matches("^[A-Z0-9]+-", saved.Text("[data-tracking-number]"));
        Assert.Equal(8, saved.Text("[data-query-code]").Length);
    }
}
