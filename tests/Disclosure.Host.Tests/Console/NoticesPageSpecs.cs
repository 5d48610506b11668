using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Console;

/// <summary>文书 on the case page: the answer notice a decision issued, its kept HTML and PDF, and its 送达 recorded by form.</summary>
public class NoticesPageSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private async Task SetNoticeSettings() =>
        (await Put($"/api/agencies/{Agency}/settings/notices", new
        {
            agencyName = "三厂工业园区管理委员会",
            reconsiderationBody = "三厂镇人民政府",
            numberPatterns = new Dictionary<string, string> { ["answer"] = "三园公开答〔{year}〕{n}号" },
        })).ShouldBe(200);

    [Fact]
    public async Task A_decision_lists_its_answer_notice_which_opens_as_issued_and_its_postal_delivery_is_recorded_by_form()
    {
        await SetNoticeSettings();
        var number = await LogApplication();
        var handler = Browser(Roles.Handler, user: "wang.handler");
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Equal("尚未出具文书。", page.Text("#notices p"));
        Assert.Null(page.Document.QuerySelector("form[data-step=delivery]")); // nothing issued, nothing to deliver

        var decided = await handler.SubmitAsync(page, new Dictionary<string, string>
        {
            ["decidedOn"] = Today, ["outcome"] = "disclosed", ["notice.provision"] = "提供方式：电子邮件\n提供时间：随本答复一并提供",
        }, "form[data-step=decision]");
        Assert.True(decided.Status == 302, decided.ToString());
        var after = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        var row = after.Document.QuerySelector("#notices tr[data-notice]")!;
        var answer = row.GetAttribute("data-notice")!;
        Assert.Matches("^三园公开答〔2025〕\\d+号$", answer);
        Assert.Contains("未送达", row.QuerySelector("[data-delivery]")!.TextContent);

        var html = await handler.GetAsync(row.QuerySelector("a:not([data-pdf])")!.GetAttribute("href")!);
        Assert.Equal(200, html.Status);
        Assert.Contains(answer, html.Html);
        Assert.Contains("三厂镇人民政府", html.Html); // the remedies clause names the 复议机关
        var pdf = await handler.GetAsync(row.QuerySelector("a[data-pdf]")!.GetAttribute("href")!);
        Assert.Equal("application/pdf", pdf.ContentType);
        Assert.StartsWith("%PDF-", pdf.Html);

        // 邮寄送达: the posting day counts
        var delivered = await handler.SubmitAsync(after, new Dictionary<string, string>
        {
            ["method"] = "post", ["postedOn"] = Today, ["postalTrackingNumber"] = "1234567890123",
        }, "form[data-step=delivery]");
        Assert.True(delivered.Status == 302, delivered.ToString());
        var final = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        var delivery = final.Text("#notices tr[data-notice] [data-delivery]");
        Assert.Contains("邮寄送达 2025-06-30", delivery);
        Assert.Contains("1234567890123", delivery);
        Assert.Equal("wang.handler", final.Document.QuerySelectorAll("[data-user]").Last().TextContent.Trim());
        Assert.NotNull(final.Document.QuerySelector("form[data-step=returned-mail]")); // posted mail may come back now
    }

    [Fact]
    public async Task A_delivery_without_its_date_is_refused_next_to_the_field_and_another_agencys_notice_is_not_shown()
    {
        await SetNoticeSettings();
        var number = await LogApplication();
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        await handler.SubmitAsync(page, new Dictionary<string, string>
        {
            ["decidedOn"] = Today, ["outcome"] = "disclosed", ["notice.provision"] = "提供方式：电子邮件",
        }, "form[data-step=decision]");
        var after = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        var before = await EventCount();
        var refused = await handler.SubmitAsync(after, new Dictionary<string, string> { ["method"] = "post" }, "form[data-step=delivery]");
        Assert.Equal(400, refused.Status);
        Assert.NotNull(refused.ErrorOf("postedOn"));
        Assert.Equal(before, await EventCount());

        var link = after.Document.QuerySelector("#notices a[data-pdf]")!.GetAttribute("href")!;
        var other = Browser(Roles.Handler, OtherAgency);
        Assert.Equal(403, (await other.GetAsync(link)).Status);
        Assert.Equal(404, (await other.GetAsync(link.Replace($"/{Agency}/", $"/{OtherAgency}/"))).Status);
    }

    [Fact]
    public async Task A_supervisor_edits_the_answer_template_and_one_without_a_required_element_is_refused_with_it_named()
    {
        await SetNoticeSettings();
        var supervisor = Browser(Roles.Supervisor, user: "li.supervisor");
        var page = await supervisor.GetAsync($"/console/{Agency}/settings/templates/answer");
        Assert.Equal(200, page.Status);
        var source = page.Document.QuerySelector("textarea[name=source]")!.TextContent;
        Assert.Contains("{{", source);
        var version = page.Text("[data-version]");

        var refused = await supervisor.SubmitAsync(page, new Dictionary<string, string> { ["source"] = "<p>{{ agency.name }}</p>" });
        Assert.Equal(400, refused.Status);
        Assert.False(string.IsNullOrEmpty(refused.ErrorOf("source")), refused.ToString());
        Assert.StartsWith("模板缺少必备内容：", refused.ErrorOf("source"));
        Assert.Contains("收到申请日期", refused.ErrorOf("source"));
        Assert.Equal(version, (await supervisor.GetAsync($"/console/{Agency}/settings/templates/answer")).Text("[data-version]"));

        var saved = await supervisor.SubmitAsync(page, new Dictionary<string, string> { ["source"] = source + "\n<p>本机关补充说明。</p>" });
        Assert.True(saved.Status == 302, saved.ToString());
        var after = await supervisor.GetAsync($"/console/{Agency}/settings/templates/answer");
        Assert.NotEqual(version, after.Text("[data-version]"));
        Assert.Contains("li.supervisor", after.Text("section ul"));
        Assert.Equal(403, (await Browser(Roles.Handler).GetAsync($"/console/{Agency}/settings/templates/answer")).Status);
    }
}
