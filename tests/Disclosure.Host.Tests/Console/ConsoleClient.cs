using System.Net;
using System.Security.Claims;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Disclosure.Host.StaffConsole.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Disclosure.Host.Tests.Console;

/// <summary>A page as a browser got it: the status, where it redirects, and the HTML read with AngleSharp.</summary>
public sealed record Page(int Status, string? Location, string Html, string? ContentType)
{
    /// <summary>The path the page was requested at (forms post to it).</summary>
    public string Url { get; set; } = "";
    public byte[] Bytes { get; init; } = [];
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public IDocument Document { get; } = new HtmlParser().ParseDocument(Html);

    public string H1 => Assert.Single(Document.QuerySelectorAll("h1")).TextContent.Trim();

    /// <summary>The message shown next to a field (its form field name).</summary>
    public string? ErrorOf(string field) => Document.QuerySelector($"[name='{field}']")?.ParentElement?.QuerySelector(".error")?.TextContent.Trim();

    public string? Problem => Document.QuerySelector(".problem")?.TextContent.Trim();

    public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim() ?? "";

    public override string ToString() => $"{Status} {Location} {(Html.Length > 3000 ? Html[..3000] : Html)}";
}

/// <summary>
/// A browser for page tests: keeps cookies, follows no redirect by itself, posts forms with the antiforgery token of the
/// page they are on. Signing in as someone writes the console's session cookie with the host's own protection (the demo
/// sign-in page does not exist outside Development, and the tests' host runs as "Testing").
/// </summary>
public sealed class ConsoleClient
{
    private readonly TestServer _server;
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;
    private static readonly Uri Base = new("http://localhost/");

    /// <param name="address">the client's address for a request (null: none, as the in-process server has), where a spec must not
    /// share the per-address rate limits of the public pages with the specs before it</param>
    public ConsoleClient(TestServer server, Func<HttpContext, IPAddress?>? address = null)
    {
        _server = server;
        var handler = address is null ? server.CreateHandler() : server.CreateHandler(c => c.Connection.RemoteIpAddress = address(c));
        _http = new HttpClient(new CookieHandler(_cookies) { InnerHandler = handler }) { BaseAddress = Base };
    }

    public void SignInAs(string user, string role, params string[] agencies) => SignInAs(user, [role], agencies);

    public void SignInAs(string user, string[] roles, string[] agencies, DateTimeOffset? at = null, string? department = null)
    {
        var options = _server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ConsoleAuthentication.Cookie);
        var now = at ?? _server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var properties = ConsoleAuthentication.Session(now, null);
        properties.IssuedUtc = now;
        properties.ExpiresUtc = now + options.ExpireTimeSpan;
        var ticket = new AuthenticationTicket(ConsoleAuthentication.Principal(user, roles, agencies, "test", department), properties, ConsoleAuthentication.Cookie);
        _cookies.Add(Base, new Cookie(ConsoleAuthentication.CookieName, options.TicketDataFormat.Protect(ticket), "/console"));
    }

    public async Task<Page> GetAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        return await PageOf(response);
    }

    /// <summary>Submits the form of <paramref name="page"/> that posts to <paramref name="action"/> (or its only form), with these fields.</summary>
    public async Task<Page> SubmitAsync(Page page, IDictionary<string, string> fields, string? formSelector = null, string? url = null)
    {
        var form = formSelector is null ? page.Document.QuerySelectorAll("main form[method=post]").First() : page.Document.QuerySelector(formSelector)!;
        var values = new List<KeyValuePair<string, string>>();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
            if (hidden.GetAttribute("name") is { } name && !fields.ContainsKey(name)) values.Add(new(name, hidden.GetAttribute("value") ?? ""));
        values.AddRange(fields);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : "";
        var target = url ?? (action.StartsWith('?') ? page.Url + action : action.Length > 0 ? action : page.Url);
        return await PostAsync(target, values);
    }

    public async Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> values)
    {
        using var response = await _http.PostAsync(url, new FormUrlEncodedContent(values));
        return await PageOf(response);
    }

    /// <summary>
    /// Submits a form of <paramref name="page"/> as <c>multipart/form-data</c> (its hidden fields, these fields and files), as a
    /// browser posts a form with file inputs. <paramref name="files"/>: the input's name, the file name sent, the bytes.
    /// </summary>
    public async Task<Page> SubmitWithFilesAsync(Page page, IDictionary<string, string> fields, IEnumerable<(string Field, string Name, byte[] Content)> files,
        string? formSelector = null)
    {
        var form = formSelector is null ? page.Document.QuerySelectorAll("main form[method=post]").First() : page.Document.QuerySelector(formSelector)!;
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
            if (hidden.GetAttribute("name") is { } name && !fields.ContainsKey(name)) content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), name);
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var (field, fileName, bytes) in files) content.Add(new ByteArrayContent(bytes), field, fileName);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : "";
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, action.StartsWith('?') ? page.Url + action : action.Length > 0 ? action : page.Url) { Content = content });
    }

    /// <summary>Any request, with this browser's cookies; the answer read as a page (its bytes in <see cref="Page.Bytes"/>, headers in <see cref="Page.Headers"/>).</summary>
    public async Task<Page> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var page = new Page((int)response.StatusCode, response.Headers.Location?.ToString(), System.Text.Encoding.UTF8.GetString(bytes), response.Content.Headers.ContentType?.MediaType)
        {
            Bytes = bytes,
            Headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase),
        };
        page.Url = response.RequestMessage!.RequestUri!.PathAndQuery.Split('?')[0];
        return page;
    }

    private static async Task<Page> PageOf(HttpResponseMessage response)
    {
        var page = new Page((int)response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        page.Url = response.RequestMessage!.RequestUri!.PathAndQuery.Split('?')[0];
        return page;
    }

    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var cookie in set) cookies.SetCookies(request.RequestUri!, cookie);
            return response;
        }
    }
}
