using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Console;

public class SignInSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    [Fact]
    public async Task The_demo_sign_in_does_not_exist_outside_Development()
    {
        var anonymous = new ConsoleClient(Host.Server);
        Assert.Equal(404, (await anonymous.GetAsync("/console/sign-in")).Status);
        var post = await anonymous.PostAsync("/console/sign-in", [new("user", "x"), new("role", Roles.Admin)]);
        Assert.True(post.Status is 404 or 400, post.ToString()); // no page to sign in with, whatever is posted
        Assert.Equal(302, (await anonymous.GetAsync($"/console/{Agency}")).Status);
    }

    [Fact]
    public async Task A_session_ends_after_a_quiet_half_hour_and_a_busy_working_day()
    {
        var handler = Browser(Roles.Handler);
        Assert.Equal(200, (await handler.GetAsync($"/console/{Agency}")).Status);
        Clock.Now = Clock.Now.AddMinutes(25);
        Assert.Equal(200, (await handler.GetAsync($"/console/{Agency}")).Status); // sliding: still in
        Clock.Now = Clock.Now.AddMinutes(31);
        var expired = await handler.GetAsync($"/console/{Agency}");
        Assert.Equal(302, expired.Status);
        Assert.Contains("/console/sign-in", expired.Location);

        var busy = Browser(Roles.Handler);
        for (var i = 0; i < 20; i++) { Clock.Now = Clock.Now.AddMinutes(29); Assert.Equal(200, (await busy.GetAsync($"/console/{Agency}")).Status); }
        Clock.Now = Clock.Now.AddMinutes(29);
        Assert.Equal(302, (await busy.GetAsync($"/console/{Agency}")).Status);
    }

    [Fact]
    public async Task Signing_out_is_a_form_with_the_antiforgery_token()
    {
        var handler = Browser(Roles.Handler);
        var page = await handler.GetAsync($"/console/{Agency}");
        Assert.Equal(400, (await handler.PostAsync("/console/sign-out", [])).Status);
        Assert.Equal(200, (await handler.GetAsync($"/console/{Agency}")).Status);
        var signedOut = await handler.SubmitAsync(page, new Dictionary<string, string>(), "header form");
        Assert.Equal(302, signedOut.Status);
        Assert.Equal(302, (await handler.GetAsync($"/console/{Agency}")).Status);
    }

    [Fact]
    public async Task Every_form_refuses_a_post_without_its_antiforgery_token()
    {
        var number = await LogApplication();
        var handler = Browser(Roles.Handler);
        var before = await EventCount();
        var forged = await handler.PostAsync($"/console/{Agency}/applications/{number}?handler=Step&step=decision",
            [new("decidedOn", Today), new("outcome", "disclosed")]);
        Assert.Equal(400, forged.Status);
        Assert.Equal(before, await EventCount());
    }
}
