using System.Diagnostics;

namespace Disclosure.Host.StaffConsole.Report;

/// <summary>
/// Prints the report's printable HTML to an A4 PDF with headless Chromium (Debian <c>chromium</c>, fonts-noto-cjk: the
/// fonts are embedded). One process per document, a throwaway profile, no network (the document has no external parts).
/// </summary>
public sealed class ReportPrinter(IConfiguration config, Notices.PrintFonts fonts, ILogger<ReportPrinter> log)
{
    /// <summary>
    /// The flags of ops/render-report: headless, nothing that phones home, no host resolvable (the document has no external
    /// parts; should it ever name one, nothing is fetched). <c>--no-sandbox</c> only as root, where Chromium refuses to start
    /// with its sandbox (<see cref="Notices.NoticePrinter.Flags"/>).
    /// </summary>
    public static readonly string[] Flags =
    [
        "--headless", .. Notices.NoticePrinter.Flags(), "--hide-scrollbars", "--no-pdf-header-footer",
    ];

    public string Chromium => config["Console:Chromium"] is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public bool Available => File.Exists(Chromium);

    public async Task<byte[]?> PdfAsync(string html, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("disclosure-print-");
        try
        {
            var input = Path.Combine(folder.FullName, "report.html");
            var output = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(input, html, ct);
            var start = new ProcessStartInfo(Chromium) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var flag in Flags) start.ArgumentList.Add(flag);
            // Noto CJK SC without the radicals in its character map, so that the text layer reads 人民, not ⼈⺠ (PrintFonts)
            if (fonts.FontconfigFile is { } fontconfig) start.Environment["FONTCONFIG_FILE"] = fontconfig;
            start.ArgumentList.Add($"--user-data-dir={Path.Combine(folder.FullName, "profile")}");
            start.ArgumentList.Add($"--print-to-pdf={output}");
            start.ArgumentList.Add(new Uri(input).AbsoluteUri);
            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
            _ = process.StandardError.ReadToEndAsync(timeout.Token);
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
            if (File.Exists(output)) return await File.ReadAllBytesAsync(output, ct);
            log.LogWarning("Chromium printed no PDF (exit code {ExitCode})", process.ExitCode);
            return null;
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { /* the profile may still be closing; the temp folder is cleaned later */ }
        }
    }
}
