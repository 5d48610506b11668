using Disclosure.Host.Security;
using Marten;

namespace Disclosure.Host.Tests.Console;

/// <summary>The case page with <c>?asOf=</c>: the case as it stood, said plainly, with no step to record.</summary>
public class AsOfPageSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    [Fact]
    public async Task The_case_page_as_it_stood_says_so_shows_the_state_then_and_offers_no_step()
    {
        var number = await LogApplication();
        DateTimeOffset received;
        await using (var session = Store.QuerySession(Agency))
            received = (await session.Events.QueryAllRawEvents().Where(e => e.TenantId == Agency).OrderBy(e => e.Sequence).FirstAsync()).Timestamp;
        var handler = Browser(Roles.Handler);
        var now = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Equal(302, (await handler.SubmitAsync(now, new Dictionary<string, string> { ["decidedOn"] = Today, ["outcome"] = "disclosed" }, "form[data-step=decision]")).Status);

        var page = await handler.GetAsync($"/console/{Agency}/applications/{number}?asOf={Uri.EscapeDataString(received.ToString("O"))}");
        Assert.Equal(200, page.Status);
        Assert.Contains("截至", page.Text("[data-as-of]"));
        Assert.Contains("的案卷状态", page.Text("[data-as-of]"));
        Assert.Equal("办理中", page.Text("[data-status]"));
        Assert.Empty(page.Document.QuerySelectorAll("form[data-step]"));
        Assert.NotNull(page.Document.QuerySelector("[data-as-of-steps]"));
        Assert.Single(page.Document.QuerySelectorAll("[data-user]")); // the history then: the intake only

        var current = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Null(current.Document.QuerySelector("[data-as-of]"));
        Assert.Equal("已答复", current.Text("[data-status]"));

        Assert.Equal(400, (await handler.GetAsync($"/console/{Agency}/applications/{number}?asOf=whenever")).Status);
        Assert.Equal(404, (await handler.GetAsync($"/console/{Agency}/applications/{number}?asOf=2020-01-01")).Status);
    }
}
