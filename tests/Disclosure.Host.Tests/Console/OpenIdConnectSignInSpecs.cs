using System.Net;
using System.Security.Claims;
using Alba;
using AngleSharp.Html.Parser;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using Wolverine;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Production sign-in against a real OpenID Connect provider: an OpenIddict server started in this process (code flow
/// with PKCE, form_post, signed id_token with <c>role</c> and <c>agency</c>), the host started as Production with
/// <c>Auth:Authority</c> pointing at it. Nothing of the handshake is mocked: the host discovers the provider, redeems the
/// code at its token endpoint and validates the id_token with its published keys (over the in-memory transport).
/// </summary>
public class OpenIdConnectSignInSpecs(AppFixture fixture) : ConsoleScenario(fixture)
{
    private static readonly Uri Provider = new("https://idp.test/");
    private const string ClientId = "disclosure-console";
    private const string ClientSecret = "console-secret-for-the-test-provider";

    [Fact]
    public async Task A_handler_signs_in_at_the_identity_provider_and_acts_as_the_user_it_names()
    {
        await using var provider = await StartProviderAsync();
        await using var host = await AlbaHost.For<Program>(x =>
        {
            x.UseEnvironment("Production");
            x.UseSetting("Auth:Authority", Provider.ToString());
            x.UseSetting("Console:ClientSecret", ClientSecret);
            x.UseSetting("Search:ApplicantKeySecret", "oidc-spec-applicant-key-secret-0123456789abcdef"); // Production: no default
            x.ConfigureServices(s =>
            {
                s.RunWolverineInSoloMode();
                s.DisableAllExternalWolverineTransports();
                // the provider is reached over the in-memory transport; everything else is the real handshake
                s.Configure<OpenIdConnectOptions>(ConsoleAuthentication.OpenIdConnect, o => o.BackchannelHttpHandler = provider.GetTestServer().CreateHandler());
            });
        });
        var console = new SiteBrowser(host.Server.CreateHandler(), new Uri("https://localhost/"));
        var idp = new SiteBrowser(provider.GetTestServer().CreateHandler(), Provider);

        // the demo sign-in does not exist here: the sign-in page sends the user on to the provider
        var start = await console.Get($"/console/{Agency}");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var challenge = await console.Get(start.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(Provider + "connect/authorize", authorize.ToString());
        Assert.Contains("code_challenge=", authorize.Query);

        // the provider answers with a form that posts the code back to the console (response_mode=form_post)
        var answer = await idp.Get(authorize.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var form = new HtmlParser().ParseDocument(await answer.Content.ReadAsStringAsync()).QuerySelector("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        Assert.Contains(fields, f => f.Key == "code");
        var callback = await console.Post(new Uri(form.GetAttribute("action")!).PathAndQuery, fields);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);

        var worklist = await console.Get(callback.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, worklist.StatusCode);
        var html = await worklist.Content.ReadAsStringAsync();
        Assert.Contains("oidc.wang（承办人）", html);
        // the provider's agency claim is the agency gate's: another agency is refused
        var other = await console.Get($"/console/{OtherAgency}");
        Assert.True(other.StatusCode == HttpStatusCode.Forbidden, $"{other.StatusCode} {other.Headers.Location} {await other.Content.ReadAsStringAsync()}");
        // and the demo sign-in form is not there to be posted to
        Assert.NotEqual(HttpStatusCode.OK, (await console.Post("/console/sign-in", [new("user", "x"), new("role", Roles.Admin)])).StatusCode);
    }

    /// <summary>An OpenIddict server in degraded mode (no stores): one client, one user who is signed in on arrival.</summary>
    private static async Task<WebApplication> StartProviderAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer(o => o.BaseAddress = Provider);
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetIssuer(Provider);
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.DisableAccessTokenEncryption();
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough();
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (context.RedirectUri != "https://localhost/console/signin-oidc") context.Reject(Errors.InvalidRequest, "Unknown redirect_uri.");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret) context.Reject(Errors.InvalidClient, "Bad client credentials.");
                return default;
            }));
        });
        var app = builder.Build();
        app.MapGet("/connect/authorize", (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Subject, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, "oidc.wang"));
            identity.AddClaim(new Claim(Claims.Role, Roles.Handler));
            identity.AddClaim(new Claim(Roles.AgencyClaim, Agency));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(code.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>A browser of its own for each site: cookies kept, redirects not followed.</summary>
    private sealed class SiteBrowser(HttpMessageHandler handler, Uri site)
    {
        private readonly CookieContainer _cookies = new();
        private readonly HttpMessageInvoker _http = new(handler);

        public Task<HttpResponseMessage> Get(string url) => Send(new HttpRequestMessage(HttpMethod.Get, new Uri(site, url)));

        public Task<HttpResponseMessage> Post(string url, IEnumerable<KeyValuePair<string, string>> form) =>
            Send(new HttpRequestMessage(HttpMethod.Post, new Uri(site, url)) { Content = new FormUrlEncodedContent(form) });

        private async Task<HttpResponseMessage> Send(HttpRequestMessage request)
        {
            var cookies = _cookies.GetCookieHeader(request.RequestUri!);
            if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
            var response = await _http.SendAsync(request, CancellationToken.None);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var c in set) _cookies.SetCookies(request.RequestUri!, c);
            return response;
        }
    }
}
