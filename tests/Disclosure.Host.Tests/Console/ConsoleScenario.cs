using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Console;

/// <summary>Page scenarios: two agencies, a browser per user, and a way to log an application through its form.</summary>
public abstract class ConsoleScenario(AppFixture fixture) : HostScenario(fixture)
{
    protected const string Agency = "sanchang-park";
    protected const string OtherAgency = "haimen";
    protected const string Today = "2025-06-30";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateAgency(Agency);
        await CreateAgency(OtherAgency);
    }

    protected ConsoleClient Browser(string role, string agency = Agency, string? user = null)
    {
        var browser = new ConsoleClient(Host.Server);
        browser.SignInAs(user ?? "user-" + role, role, role == Roles.Admin ? [] : [agency]);
        return browser;
    }

    protected static Dictionary<string, string> ApplicationForm(string name = "张三", string receivedOn = "2025-06-27") => new()
    {
        ["channel"] = "online",
        ["receivedOn"] = receivedOn,
        ["applicant.category"] = "natural_person",
        ["applicant.name"] = name,
        ["applicant.idType"] = "resident_id_card",
        ["applicant.idNumber"] = "110101199003071234",
        ["applicant.phone"] = "13812345678",
        ["description"] = "2024年园区建设工程规划许可证发放情况",
        ["informationForm"] = "electronic_email",
        ["obtainBy"] = "email",
        ["otherWayAcceptable"] = "true",
        ["electronicConsent"] = "true",
    };

    /// <summary>Logs an application through the intake form as a clerk; returns its tracking number.</summary>
    protected async Task<string> LogApplication(string agency = Agency)
    {
        var clerk = Browser(Roles.Intake, agency);
        var form = await clerk.GetAsync($"/console/{agency}/applications/new");
        var saved = await clerk.SubmitAsync(form, ApplicationForm());
        Assert.True(saved.Status == 201, saved.ToString());
        return saved.Text("[data-tracking-number]");
    }
}
