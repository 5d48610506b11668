using Disclosure.Domain.Reporting;
using Disclosure.Host.Infrastructure;

namespace Disclosure.Host.Reporting;

/// <summary>The parts of a report request every report endpoint checks the same way.</summary>
public static class ReportRequest
{
    public const int FirstYear = 2008; // the first Regulation took effect on 2008-05-01

    public static Dictionary<string, string[]> Check(int year, string? layout, BusinessClock clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (year < FirstYear || year > clock.Today.Year)
            errors["year"] = [$"Reports cover {FirstYear} to {clock.Today.Year}."];
        if (layout is not null && ReportLayout.Named(layout) is null)
            errors["layout"] = ["The layout is '2019' (国办公开办函〔2019〕60号) or '2021' (国办公开办函〔2021〕30号)."];
        return errors;
    }

    public static ReportLayout Layout(int year, string? layout) => ReportLayout.Named(layout) ?? ReportLayout.ForYear(year);

    /// <summary>?format= wins; otherwise the Accept header picks CSV, Markdown, HTML or XLSX; JSON by default.</summary>
    public static IResult Render(ReportView report, string? format, HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        format ??= accept.Contains("text/csv") ? "csv" : accept.Contains("text/markdown") ? "md" : accept.Contains("text/html") ? "html"
            : accept.Contains(ReportWorkbook.ContentType) ? "xlsx" : "json";
        var name = $"{report.Agency}-{report.Year}-report";
        return format switch
        {
            "csv" => Results.Text(ReportRenderer.Csv(report), "text/csv; charset=utf-8"),
            "md" or "markdown" => Results.Text(ReportRenderer.Markdown(report), "text/markdown; charset=utf-8"),
            "html" => Results.Text(ReportRenderer.Html(report), "text/html; charset=utf-8"),
            "xlsx" => Results.File(ReportWorkbook.Xlsx(report), ReportWorkbook.ContentType, $"{name}.xlsx"),
            "json" => Results.Ok(report),
            _ => Problems.ValidationResult(new Dictionary<string, string[]> { ["format"] = ["The format is json, csv, md, html or xlsx."] }),
        };
    }
}
