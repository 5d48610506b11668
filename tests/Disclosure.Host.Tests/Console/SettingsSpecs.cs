using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Console;

public class SettingsSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    [Fact]
    public async Task A_supervisor_sets_the_letter_time_limits_and_a_bad_one_is_refused_next_to_its_field()
    {
        var supervisor = Browser(Roles.Supervisor);
        var page = await supervisor.GetAsync($"/console/{Agency}/settings");
        Assert.Equal("设置", page.H1);
        Assert.Null(page.Document.QuerySelector("form[action='?handler=Holidays']")); // holiday notices: administrators only
        var refused = await supervisor.SubmitAsync(page, new Dictionary<string, string> { ["acceptWithinWorkingDays"] = "2.5", ["replyWithinWorkingDays"] = "10" }, "form[action='?handler=Limits']");
        Assert.Equal(400, refused.Status);
        Assert.Equal("请填写整数。", refused.ErrorOf("acceptWithinWorkingDays"));
        var saved = await supervisor.SubmitAsync(page, new Dictionary<string, string> { ["acceptWithinWorkingDays"] = "5", ["replyWithinWorkingDays"] = "10" }, "form[action='?handler=Limits']");
        Assert.Equal(302, saved.Status);
        var limits = (await Get($"/api/agencies/{Agency}/settings/letters")).ShouldBe(200).Json;
        Assert.Equal(5, limits.GetProperty("acceptWithin").GetInt32());
    }

    [Fact]
    public async Task An_administrator_loads_a_holiday_notice_with_its_reason()
    {
        var admin = Browser(Roles.Admin);
        var page = await admin.GetAsync($"/console/{Agency}/settings");
        var form = "form[action='?handler=Holidays']";
        var refused = await admin.SubmitAsync(page, new Dictionary<string, string> { ["year"] = "2027", ["notice"] = "国办发明电〔2026〕1号", ["off"] = "2027-01-01" }, form);
        Assert.Equal(400, refused.Status);
        Assert.NotNull(refused.ErrorOf("reason") ?? refused.Problem);
        var saved = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["year"] = "2027", ["notice"] = "国办发明电〔2026〕1号", ["off"] = "2027-01-01\n2027-01-02", ["reason"] = "国务院办公厅公布2027年节假日安排",
        }, form);
        Assert.True(saved.Status == 302, saved.ToString());
        var calendar = (await Get("/api/calendar")).ShouldBe(200);
        Assert.Contains("2027", calendar.Body);
    }

    [Fact]
    public async Task The_settings_page_shows_the_jobs_and_their_progress_those_over_every_agency_to_administrators_only()
    {
        var admin = Browser(Roles.Admin);
        var page = await admin.GetAsync($"/console/{Agency}/settings");
        Assert.Contains("暂无后台作业", page.Document.QuerySelector("[data-jobs]")!.TextContent);
        var saved = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["year"] = "2027", ["notice"] = "国办发明电〔2026〕1号", ["off"] = "2027-01-01", ["reason"] = "国务院办公厅公布2027年节假日安排",
        }, "form[action='?handler=Holidays']");
        Assert.True(saved.Status == 302, saved.ToString());

        // the re-derivation of the open cases runs as a job: the page shows it, and that it finished
        var row = "";
        for (var i = 0; i < 400 && !row.Contains("已完成"); i++)
        {
            row = (await admin.GetAsync($"/console/{Agency}/settings")).Document.QuerySelector("[data-jobs] tr[data-job]")?.TextContent ?? "";
            if (!row.Contains("已完成")) await Task.Delay(25);
        }
        Assert.Contains("节假日安排变更后重算期限", row);
        Assert.Contains("已完成", row);
        Assert.Null((await Browser(Roles.Supervisor).GetAsync($"/console/{Agency}/settings")).Document.QuerySelector("[data-jobs] tr[data-job]"));
    }
}
