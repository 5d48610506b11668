using Microsoft.Playwright;

namespace Disclosure.Host.Notices;

/// <summary>
/// Prints a kept notice's HTML to an A4 PDF with headless Chromium (Debian's <c>chromium</c> with <c>fonts-noto-cjk</c>,
/// driven by Playwright; no browser is downloaded). One browser per host, started on first use; a page per print.
/// Configuration: <c>Notices:ChromiumPath</c> (default <c>/usr/bin/chromium</c>).
/// </summary>
public sealed class NoticePrinter(IConfiguration config) : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        var browser = await BrowserAsync(ct);
        var page = await browser.NewPageAsync();
        try
        {
            // the document is self-contained (fonts are the system's): nothing is fetched
            await page.SetContentAsync(html, new() { WaitUntil = WaitUntilState.Load });
            return await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

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
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = path, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
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
    }
}
