using Microsoft.Playwright;

namespace Disclosure.Host.Notices;

/// <summary>
/// Prints a kept notice's HTML to an A4 PDF with headless Chromium (Debian's <c>chromium</c> with <c>fonts-noto-cjk</c>,
/// driven by Playwright; no browser is downloaded). One browser per host, started on first use; a fresh context per print.
/// The printer loads nothing but the document it is given: JavaScript is off, the context is offline, and every request the
/// document would make (an image, a frame, a style sheet, a font, a CSS url()/@import) is refused by request interception
/// (<see cref="Refused"/> counts them), and no host name or address resolves for the browser at all. Templates cannot carry such markup in the first place (<c>TemplateSafety</c>); this
/// is the second wall, for whatever a template check misses. Configuration: <c>Notices:ChromiumPath</c> (default
/// <c>/usr/bin/chromium</c>).
/// </summary>
public class NoticePrinter(IConfiguration config, PrintFonts fonts, ILogger<NoticePrinter> log) : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private long _refused;

    /// <summary>How many requests of printed documents were refused since the host started.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public virtual async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        var browser = await BrowserAsync(ct);
        await using var context = await browser.NewContextAsync(new()
        {
            JavaScriptEnabled = false, Offline = true, ServiceWorkers = ServiceWorkerPolicy.Block, AcceptDownloads = false,
        });
        // every request is refused: the document is handed over whole (SetContent makes no request for it)
        await context.RouteAsync("**/*", async route =>
        {
            Interlocked.Increment(ref _refused);
            log.LogWarning("The notice printer refused a request of a printed document ({ResourceType})", route.Request.ResourceType);
            await route.AbortAsync("blockedbyclient");
        });
        var page = await context.NewPageAsync();
        await page.SetContentAsync(html, new() { WaitUntil = WaitUntilState.Load });
        return await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
    }

    /// <summary>
    /// The flags of every Chromium that prints (notices here, the report in ReportPrinter). No host resolves, IP literals
    /// included: a connection the interception does not see (a frame's navigation is preconnected before it is routed) has
    /// nowhere to go; nothing phones home. Chromium's own sandbox stays on when the host runs as an ordinary user. Chromium
    /// refuses to start as root with it ("Running as root without --no-sandbox is not supported"), and containers often run
    /// the host as root: there, and only there, it runs with <c>--no-sandbox</c>, the document being unable to run script or
    /// fetch anything (above).
    /// </summary>
    public static IReadOnlyList<string> Flags() =>
    [
        .. Environment.IsPrivilegedProcess ? ["--no-sandbox"] : Array.Empty<string>(), "--disable-gpu",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic",
    ];

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _start.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } started) return started;
            _playwright ??= await Playwright.CreateAsync();
            var path = config["Notices:ChromiumPath"] is { Length: > 0 } p ? p : "/usr/bin/chromium";
            if (!File.Exists(path))
                throw new InvalidOperationException($"No Chromium at {path}: install Debian's chromium and fonts-noto-cjk (ops/run and ops/test do), or set Notices:ChromiumPath.");
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = path, Headless = true,
                Env = fonts.Environment(), // Noto CJK SC without the radicals in its character map (PrintFonts)
                Args = [.. Flags()],
            });
            return _browser;
        }
        finally
        {
            _start.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        GC.SuppressFinalize(this);
    }
}
