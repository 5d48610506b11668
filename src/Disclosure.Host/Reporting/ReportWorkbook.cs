using Disclosure.Domain.Reporting;
using MiniExcelLibs;

namespace Disclosure.Host.Reporting;

/// <summary>The report as a workbook (MiniExcel): one sheet per table in the official order, and the checks.</summary>
public static class ReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Xlsx(ReportView r)
    {
        var layout = ReportLayout.Named(r.Layout)!;
        var proactive = r.Tables.Proactive.SelectMany(row => row.Columns.Select((column, c) => Row(
            ("条目", row.Block), ("信息内容", row.Label), ("指标", column), ("数值", (object?)row.Values[c]), ("说明", row.Notes.ElementAtOrDefault(c)))));
        var applications = r.Tables.Applications.Rows.Select(row =>
        {
            var def = layout.Row(row.Code);
            var cells = new List<(string, object?)> { ("项目", def?.Subgroup is { } sg ? $"{sg} {row.Label}" : row.Label) };
            cells.AddRange(ReportLayout.ColumnLabels.Select((label, c) => (label, (object?)row.Values[c])));
            return Row([.. cells]);
        });
        var reviews = ReportLayout.ReviewGroups.Select((g, i) =>
        {
            var cells = new List<(string, object?)> { ("类别", g.Parent is null ? g.Label : $"{g.Parent}（{g.Label}）") };
            cells.AddRange(ReportLayout.ReviewColumnLabels.Select((label, c) => (label, (object?)r.Tables.Reviews.Values[i * 5 + c])));
            return Row([.. cells]);
        });
        var checks = r.Checks.Select(c => Row(("校验", c.Rule), ("结果", c.Ok ? "通过" : "不通过"), ("说明", c.Detail)));
        var sheets = new Dictionary<string, object>
        {
            ["表二 主动公开"] = proactive.ToList(),
            ["表三 申请情况"] = applications.ToList(),
            ["表四 复议诉讼"] = reviews.ToList(),
            ["数据校验"] = checks.ToList(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(params (string Column, object? Value)[] cells) => cells.ToDictionary(c => c.Column, c => c.Value);
}
