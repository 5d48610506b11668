using System.Diagnostics;
using System.Net.Http.Headers;
using Disclosure.Host.Security;
using Microsoft.Playwright;
using Npgsql;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// The real host as a person meets it: the built host started as its own process in Development (so the demo sign-in
/// exists) on a loopback port, with a database of its own (the test database's name + <c>_journeys</c>, made fresh), and
/// one headless Debian Chromium driven by Playwright, reused by every journey. No browser is downloaded: the journeys
/// need <c>/usr/bin/chromium</c> (ops/test installs it with fonts-noto-cjk).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars"];

    private Process? _host;
    public string BaseUrl { get; private set; } = "";
    public string Root { get; } = RepositoryRoot();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Output => Path.Combine(Root, ".data");
    private readonly System.Text.StringBuilder _log = new();
    public string HostLog { get { lock (_log) return _log.ToString(); } }

    public async Task InitializeAsync()
    {
        try { await StartAsync(); }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Assert.True(File.Exists(Chromium), $"The browser journeys need Debian chromium at {Chromium} (ops/test installs it).");
        var connection = new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString);
        var database = connection.Database + "_journeys";
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AppFixture.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        connection.Database = database;

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var bin = Path.Combine(Root, "src", "Disclosure.Host", "bin", "Debug", "net10.0");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(bin, "Disclosure.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Marten"] = connection.ConnectionString;
        start.Environment.Remove("DISCLOSURE_URLS");
        _host = Process.Start(start)!;
        _host.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _host.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var ready = Stopwatch.StartNew();
        while (true)
        {
            try { if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Assert.False(_host.HasExited, "The host exited at start:\n" + HostLog);
            Assert.True(ready.Elapsed < TimeSpan.FromSeconds(90), "The host did not become ready:\n" + HostLog);
            await Task.Delay(250);
        }
        using var api = AdminApi();
        var created = await api.PostAsync("/api/agencies", new StringContent("""{"id":"sanchang-park","name":"三厂园区管委会"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>The host's API as an administrator (a development-key token): what the specs set up around the pages they drive.</summary>
    public HttpClient AdminApi()
    {
        var api = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            new AuthSettings { SigningKey = AuthSettings.DevelopmentKey }.IssueToken("journey-admin", [Roles.Admin], [], TimeSpan.FromHours(1)));
        return api;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }
        _host?.Dispose();
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// The demo sign-in as <paramref name="user"/> with one role in <paramref name="agency"/> (and a department for 本部门),
    /// waiting for the agency's start page: the URL is polled, not a load event awaited — a redirect that lands before the
    /// wait begins is no time-out.
    /// </summary>
    public async Task SignInAsync(IPage page, string user, string role, string agency, string? department = null)
    {
        await page.GotoAsync($"{BaseUrl}/console/sign-in");
        await page.Locator("[name=user]").FillAsync(user);
        foreach (var box in await page.Locator("[name=role]").AllAsync()) await box.UncheckAsync();
        await page.Locator($"#role-{role}").CheckAsync();
        await page.Locator("[name=agency]").SelectOptionAsync(agency);
        if (department is not null) await page.Locator("[name=department]").FillAsync(department);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/" + agency));
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
    }

    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("已退出");
    }

    /// <summary>A full-page screenshot in <c>.data/screenshots/</c>, to be looked at.</summary>
    public async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(Output, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Disclosure.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Disclosure.sln) was not found above the test binaries.");
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
