using Disclosure.Host.Reporting;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Report;

/// <summary>The report's downloads: the printable HTML, the PDF printed from it by headless Chromium, CSV and XLSX.</summary>
[Authorize(Roles = Roles.Reporting)]
public sealed class DownloadModel(ReportPrinter printer) : ReportPage
{
    [FromRoute(Name = "format")] public string Format { get; set; } = "";
    /// <summary><c>?asOf=</c>: the report as it stood then (a date: the end of that day in Beijing).</summary>
    [FromQuery(Name = "asOf")] public string? AsOf { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var at = global::Disclosure.Host.Cases.AsOf.Parse(AsOf);
        if (AsOf is not null && at is null)
        {
            await Shared.ErrorPage.WriteAsync(HttpContext, StatusCodes.Status400BadRequest);
            return new EmptyResult();
        }
        if (Format is not ("html" or "pdf" or "csv" or "xlsx") || await (at is { } asOf ? BuildAsOfAsync(asOf, ct) : BuildAsync(ct)) is not { } report)
            return await NotFoundPageAsync();
        var name = $"{AgencyId}-{Year}-report";
        switch (Format)
        {
            case "html":
                return Content(ReportRenderer.Html(report), "text/html; charset=utf-8");
            case "csv":
                return File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(ReportRenderer.Csv(report))).ToArray(), "text/csv; charset=utf-8", $"{name}.csv");
            case "xlsx":
                return File(ReportWorkbook.Xlsx(report), ReportWorkbook.ContentType, $"{name}.xlsx");
            default:
                if (!printer.Available || await printer.PdfAsync(ReportRenderer.Html(report), ct) is not { } pdf)
                    return StatusCode(StatusCodes.Status503ServiceUnavailable, "PDF 打印需要 Chromium（Debian 软件包 chromium 与 fonts-noto-cjk）。请下载打印版 HTML 后用浏览器打印。");
                return File(pdf, "application/pdf", $"{name}.pdf");
        }
    }
}
