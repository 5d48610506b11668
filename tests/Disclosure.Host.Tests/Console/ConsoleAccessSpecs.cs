using Disclosure.Host.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Every console page × every role × own / other agency, as the API's access matrix does for endpoints: a page the
/// host maps that is not listed here fails. Each page that renders has exactly one &lt;h1&gt;, and every visible input a label.
/// </summary>
public class ConsoleAccessSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private static readonly string[] Reading = [Roles.Intake, Roles.Handler, Roles.Supervisor, Roles.Admin];
    private static readonly string[] Reporting = [Roles.Statistician, Roles.Supervisor, Roles.Admin];

    /// <summary>Page route → who may open it (null: anyone, signed in or not; empty: any signed-in user).</summary>
    public static readonly Dictionary<string, string[]?> Pages = new()
    {
        ["/console"] = [],
        ["/console/sign-in"] = null,
        ["/console/sign-out"] = null,
        ["/public/status"] = null,
        ["/apply"] = null,
        ["/apply/{agency}"] = null,
        ["/letters/new"] = null,
        ["/letters/new/{agency}"] = null,
        ["/letters/replies"] = null,
        ["/letters/replies/{agency}"] = null,
        ["/console/{agency}"] = Reading,
        ["/console/{agency}/applications/new"] = [Roles.Intake, Roles.Admin],
        ["/console/{agency}/letters/new"] = [Roles.Intake, Roles.Admin],
        ["/console/{agency}/applications/{id}"] = Reading,
        ["/console/{agency}/letters/{id}"] = Reading,
        ["/console/{agency}/letters"] = Reading,
        ["/console/{agency}/reviews"] = Reading,
        ["/console/{agency}/reviews/{id}"] = Reading,
        ["/console/{agency}/search"] = Reading,
        ["/console/{agency}/workload"] = [Roles.Supervisor, Roles.Admin],
        ["/console/{agency}/reports/{year:int}"] = Reporting,
        ["/console/{agency}/reports/{year:int}/cells/{row}/{column}"] = Reporting,
        ["/console/{agency}/reports/{year:int}/reviews/{index:int}"] = Reporting,
        ["/console/{agency}/reports/{year:int}/download/{format}"] = Reporting,
        ["/console/{agency}/settings"] = [Roles.Supervisor, Roles.Admin],
        ["/console/{agency}/settings/templates/{key?}"] = [Roles.Supervisor, Roles.Admin],
        // the case here has no notice: the roles that may read are answered 404 (NoticesPageSpecs opens real ones)
        ["/console/{agency}/applications/{id}/notices/{number}"] = Reading,
        // a file the applicant attached: only the roles that work cases (个人信息保护法第六条); the case here has none (404),
        // AttachmentSpecs serves real ones
        ["/console/{agency}/applications/{id}/files/{file}"] = [Roles.Intake, Roles.Handler, Roles.Supervisor],
    };

    /// <summary>Console routes are specified here, not in the API's matrix.</summary>
    public static bool Covers(string endpoint) => endpoint.Contains(" /console") || endpoint.Contains(" /public/status") || endpoint.Contains(" /apply") || endpoint.Contains(" /letters");

    [Fact]
    public void Every_console_page_is_in_the_matrix()
    {
        var routes = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null).Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().ToList();
        Assert.NotEmpty(routes);
        var missing = routes.Where(r => !Pages.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Not in the console matrix: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Each_page_opens_for_the_roles_it_allows_and_refuses_the_others_in_this_agency_and_every_other()
    {
        var tracking = await LogApplication();
        var letter = await LogLetter();
        (await Post($"/api/agencies/{Agency}/applications/{tracking}/decision", new { decidedOn = Today, outcome = "withheld_state_secret" })).ShouldBe(200);
        var review = (await Post($"/api/agencies/{Agency}/applications/{tracking}/reviews", new { kind = "reconsideration", filedOn = Today })).ShouldBe(201).Str("reviewNumber");
        var failures = new List<string>();
        foreach (var (route, allowed) in Pages)
        {
            if (route is "/console/sign-in" or "/console/sign-out" || !route.Contains("{agency}") || allowed is null) continue;
            var url = route.Replace("{agency}", Agency).Replace("{year:int}", "2025").Replace("{row}", "received").Replace("{column}", "total")
                .Replace("{index:int}", "0").Replace("{format}", "csv").Replace("{key?}", "answer").Replace("{number}", "none").Replace("{file}", Guid.Empty.ToString()).Replace("{id}", route.Contains("letters") ? letter : route.Contains("reviews") ? review : tracking);
            var anonymous = await new ConsoleClient(Host.Server).GetAsync(url);
            if (anonymous.Status != 302 || anonymous.Location?.Contains("/console/sign-in") != true) failures.Add($"{route} anonymous → {anonymous.Status} {anonymous.Location}");
            foreach (var role in Roles.All)
            {
                var page = await Browser(role).GetAsync(url);
                var may = allowed!.Contains(role);
                var opens = route.Contains("{number}") || route.Contains("{file}") ? 404 : 200;
                if (may && page.Status != opens) failures.Add($"{route} as {role} → {page.Status}, expected {opens}");
                if (!may && page.Status != 403) failures.Add($"{route} as {role} → {page.Status}, expected 403");
                if (may && page.ContentType == "text/html" && !route.Contains("download"))
                {
                    var h1 = page.Document.QuerySelectorAll("h1").Length;
                    if (h1 != 1) failures.Add($"{route} as {role}: {h1} <h1>");
                    failures.AddRange(Unlabelled(page).Select(i => $"{route} as {role}: input '{i}' has no label"));
                }
                // another agency's pages: refused by the agency gate for everyone but admin
                var other = await Browser(role, OtherAgency).GetAsync(url);
                if (role != Roles.Admin && other.Status != 403) failures.Add($"{route} as {role} of another agency → {other.Status}, expected 403");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Another_agencys_cases_are_never_shown()
    {
        var theirs = await LogApplication(OtherAgency);
        var mine = await LogApplication();
        var handler = Browser(Roles.Handler);
        var worklist = await handler.GetAsync($"/console/{Agency}");
        Assert.Contains(mine, worklist.Html);
        Assert.DoesNotContain(theirs, worklist.Html);
        // their tracking number through my agency's route does not exist here
        Assert.Equal(404, (await handler.GetAsync($"/console/{Agency}/applications/{theirs}")).Status);
        Assert.Equal(403, (await handler.GetAsync($"/console/{OtherAgency}/applications/{theirs}")).Status);
    }

    [Fact]
    public async Task Pages_for_the_public_and_the_sign_in_need_no_session()
    {
        var anonymous = new ConsoleClient(Host.Server);
        var status = await anonymous.GetAsync("/public/status");
        Assert.Equal(200, status.Status);
        Assert.Equal("办理进度查询", status.H1);
        Assert.Empty(Unlabelled(status));
        Assert.Equal(302, (await anonymous.GetAsync("/console")).Status);
    }

    /// <summary>Visible inputs without a &lt;label for&gt;.</summary>
    public static IEnumerable<string> Unlabelled(Page page) => page.Document.QuerySelectorAll("input:not([type=hidden]), select, textarea")
        .Where(i => i.Id is not { Length: > 0 } id || page.Document.QuerySelector($"label[for='{id}']") is null)
        .Select(i => i.GetAttribute("name") ?? i.OuterHtml);

    private async Task<string> LogLetter()
    {
        var clerk = Browser(Roles.Intake);
        var form = await clerk.GetAsync($"/console/{Agency}/letters/new");
        var saved = await clerk.SubmitAsync(form, new Dictionary<string, string>
        {
            ["channel"] = "online", ["category"] = "complaint", ["receivedOn"] = Today, ["subject"] = "小区噪音", ["body"] = "夜间施工噪音扰民",
            ["writer.name"] = "李四", ["writer.phone"] = "13900001111",
        });
        Assert.True(saved.Status == 201, saved.ToString());
        return saved.Text("[data-tracking-number]");
    }
}
