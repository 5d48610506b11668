using System.Globalization;
using System.Net;
using System.Text;
using Disclosure.Domain.Reporting;

namespace Disclosure.Host.Reporting;

/// <summary>The report as CSV, Markdown and the printable HTML document in the official layout.</summary>
public static class ReportRenderer
{
    private static string Cell(ProactiveRow row, int c) => Num(row.Values[c], row.Notes.ElementAtOrDefault(c), row.Units?.ElementAtOrDefault(c));

    private static string Num(decimal? v, string? note = null, string? unit = null)
    {
        var text = v is { } n ? n.ToString(n == decimal.Truncate(n) ? "0" : "0.####", CultureInfo.InvariantCulture) + unit : "";
        return note is { Length: > 0 } ? $"{text}（{note}）" : text;
    }

    private static ReportLayout LayoutOf(ReportView r) => ReportLayout.Named(r.Layout)!;

    public static string Csv(ReportView r)
    {
        var sb = new StringBuilder();
        void Line(params string?[] cells) => sb.AppendLine(string.Join(",", cells.Select(Quote)));
        Line("table", "row", "label", "column", "value");
        foreach (var row in r.Tables.Proactive)
            for (var c = 0; c < row.Columns.Count; c++)
                Line("proactive", row.Item, $"{row.Block} {row.Label}", row.Columns[c], Cell(row, c));
        foreach (var row in r.Tables.Applications.Rows)
            for (var c = 0; c < row.Values.Count; c++)
                Line("applications", row.Code, row.Label, r.Tables.Applications.Columns[c], row.Values[c].ToString(CultureInfo.InvariantCulture));
        var i = 0;
        foreach (var (kind, label, parent) in ReportLayout.ReviewGroups)
            foreach (var col in ReportLayout.ReviewColumnLabels)
                Line("reviews", kind, parent is null ? label : $"{parent} {label}", col, r.Tables.Reviews.Values[i++].ToString(CultureInfo.InvariantCulture));
        if (r.Mailbox is { } m) Line("mailbox", "handled", "市长信箱信件处理数", "total", m.Handled.ToString(CultureInfo.InvariantCulture));
        if (r.Fees is { } f)
        {
            Line("fees", "notices", "信息处理费收费通知", "count", f.Notices.ToString(CultureInfo.InvariantCulture));
            Line("fees", "notices", "信息处理费收费通知", "yuan", Num(f.NoticedYuan));
            Line("fees", "paid", "实际收取信息处理费", "yuan", Num(f.PaidYuan));
        }
        return sb.ToString();

        static string Quote(string? s) => s is null ? "" : s.Contains(',') || s.Contains('"') || s.Contains('\n') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
    }

    public static string Markdown(ReportView r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# {r.Title}").AppendLine();
        sb.AppendLine($"格式：{r.Layout} 年版 · 数据截至 {r.AsOf:yyyy-MM-dd HH:mm}{(r.Stale ? "（统计尚未包含最新记录）" : "")}").AppendLine();
        sb.AppendLine("## 一、总体情况").AppendLine().AppendLine(r.Narrative?.Overview ?? "").AppendLine();
        if (r.Mailbox is { } mb) sb.AppendLine($"（系统统计：{r.Year}年共处理市长信箱信件{mb.Handled}件，收到{mb.Received}件，答复{mb.Replied}件。）").AppendLine();
        sb.AppendLine("## 二、主动公开政府信息情况").AppendLine();
        foreach (var block in r.Tables.Proactive.GroupBy(p => p.Block))
        {
            var cols = block.First().Columns;
            sb.AppendLine($"**{block.Key}**").AppendLine();
            sb.AppendLine("| 信息内容 | " + string.Join(" | ", cols) + " |");
            sb.AppendLine("|---|" + string.Concat(cols.Select(_ => "---:|")));
            foreach (var row in block)
                sb.AppendLine($"| {row.Label} | " + string.Join(" | ", row.Values.Select((_, c) => Cell(row, c))) + " |");
            sb.AppendLine();
        }
        sb.AppendLine("## 三、收到和处理政府信息公开申请情况").AppendLine();
        sb.AppendLine($"| {ReportLayout.CornerLabel} | " + string.Join(" | ", ReportLayout.ColumnLabels) + " |");
        sb.AppendLine("|---|" + string.Concat(ReportLayout.ColumnLabels.Select(_ => "---:|")));
        var layout = LayoutOf(r);
        foreach (var row in r.Tables.Applications.Rows)
        {
            var def = layout.Row(row.Code);
            var label = def?.Subgroup is { } sg ? $"{sg} {row.Label}" : row.Label;
            sb.AppendLine($"| {label} | " + string.Join(" | ", row.Values) + " |");
        }
        sb.AppendLine().AppendLine("## 四、政府信息公开行政复议、行政诉讼情况").AppendLine();
        var headers = ReportLayout.ReviewGroups.SelectMany(g => ReportLayout.ReviewColumnLabels.Select(c => $"{(g.Parent is null ? g.Label : g.Parent + "（" + g.Label + "）")} {c}")).ToList();
        sb.AppendLine("| " + string.Join(" | ", headers) + " |");
        sb.AppendLine("|" + string.Concat(headers.Select(_ => "---:|")));
        sb.AppendLine("| " + string.Join(" | ", r.Tables.Reviews.Values) + " |").AppendLine();
        sb.AppendLine("## 五、存在的主要问题及改进情况").AppendLine().AppendLine(r.Narrative?.Problems ?? "").AppendLine();
        sb.AppendLine("## 六、其他需要报告的事项").AppendLine();
        if (r.Fees is { } fees) sb.AppendLine(fees.Text).AppendLine();
        sb.AppendLine(r.Narrative?.Other ?? "").AppendLine();
        sb.AppendLine("## 数据校验").AppendLine();
        foreach (var check in r.Checks) sb.AppendLine($"- {(check.Ok ? "✓" : "✗")} {check.Rule}：{check.Detail}");
        return sb.ToString();
    }

    public static string Html(ReportView r)
    {
        var layout = LayoutOf(r);
        var sb = new StringBuilder();
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        sb.Append($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{{E(r.Title)}}</title>
            <style>
              @page { size: A4; margin: 25mm 20mm 22mm 20mm; }
              body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", serif; font-size: 12pt; line-height: 1.6; color: #000; max-width: 170mm; margin: 0 auto; }
              h1 { font-family: "SimHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; font-size: 18pt; text-align: center; margin: 0 0 8mm; font-weight: normal; }
              h2 { font-family: "SimHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; font-size: 14pt; font-weight: normal; margin: 6mm 0 3mm; page-break-after: avoid; }
              p { text-indent: 2em; margin: 0 0 2mm; white-space: pre-wrap; }
              table { border-collapse: collapse; width: 100%; margin: 2mm 0 5mm; page-break-inside: avoid; font-size: 10pt; }
              th, td { border: 1px solid #000; padding: 1.2mm 1.5mm; text-align: center; vertical-align: middle; }
              td.label { text-align: left; }
              .meta { text-align: center; font-size: 10pt; color: #333; margin-bottom: 6mm; }
              .checks { font-size: 9pt; color: #333; }
              .checks .bad { color: #b00; }
              @media print { .checks { display: none; } }
            </style></head><body>
            <h1>{{E(r.Title)}}</h1>
            <div class="meta">（{{E(r.Layout)}} 年版格式 · 数据截至 {{r.AsOf:yyyy-MM-dd HH:mm}}{{(r.Stale ? " · 统计尚未包含最新记录" : "")}}）</div>
            <h2>一、总体情况</h2>
            """);
        Paragraphs(r.Narrative?.Overview);
        if (r.Mailbox is { } mailbox)
            sb.Append($"<p class=\"mailbox\">（系统统计：{r.Year}年共处理市长信箱信件{mailbox.Handled}件，收到{mailbox.Received}件，答复{mailbox.Replied}件。）</p>");

        sb.Append("<h2>二、主动公开政府信息情况</h2>");
        foreach (var block in r.Tables.Proactive.GroupBy(p => p.Block))
        {
            var cols = block.First().Columns;
            var width = 1 + block.Max(b => b.Columns.Count);
            sb.Append($"<table><tr><th colspan=\"{width}\">{E(block.Key)}</th></tr><tr><th>信息内容</th>");
            foreach (var c in cols) sb.Append($"<th>{E(c)}</th>");
            sb.Append("</tr>");
            foreach (var row in block)
            {
                sb.Append($"<tr><td>{E(row.Label)}</td>");
                for (var c = 0; c < row.Values.Count; c++) sb.Append($"<td>{E(Cell(row, c))}</td>");
                sb.Append("</tr>");
            }
            sb.Append("</table>");
        }

        sb.Append("<h2>三、收到和处理政府信息公开申请情况</h2><table class=\"t3\"><colgroup><col style=\"width:10%\"><col style=\"width:10%\"><col style=\"width:26%\">");
        var columnWidth = (54m / ReportLayout.Columns.Count).ToString("0.#", CultureInfo.InvariantCulture); // the labels take 46 %
        for (var c = 0; c < ReportLayout.Columns.Count; c++) sb.Append($"<col style=\"width:{columnWidth}%\">");
        sb.Append("</colgroup>");
        sb.Append($"<tr><th colspan=\"3\" rowspan=\"3\">{E(ReportLayout.CornerLabel)}</th><th colspan=\"{ReportLayout.Columns.Count}\">申请人情况</th></tr><tr>");
        foreach (var (heading, categories) in ReportLayout.ColumnGroups)
            sb.Append(heading is null ? $"<th rowspan=\"2\">{E(categories[0].Label)}</th>" : $"<th colspan=\"{categories.Count}\">{E(heading)}</th>");
        sb.Append($"<th rowspan=\"2\">{E(ReportLayout.ColumnLabels[ReportLayout.TotalColumn])}</th></tr><tr>");
        foreach (var (_, categories) in ReportLayout.ColumnGroups.Where(g => g.Heading is not null))
            foreach (var category in categories) sb.Append($"<th>{E(category.Label)}</th>");
        sb.Append("</tr>");
        var rows = r.Tables.Applications.Rows;
        var groupSize = layout.Rows.Count(x => x.Group is not null);
        var startedGroup = false;
        string? openSubgroup = null;
        foreach (var row in rows)
        {
            var def = layout.Row(row.Code)!;
            sb.Append("<tr>");
            if (def.Group is null)
                sb.Append($"<td class=\"label\" colspan=\"3\">{E(row.Label)}</td>");
            else
            {
                if (!startedGroup) { sb.Append($"<td rowspan=\"{groupSize}\">{E(def.Group)}</td>"); startedGroup = true; }
                if (def.Subgroup is null) sb.Append($"<td class=\"label\" colspan=\"2\">{E(row.Label)}</td>");
                else
                {
                    if (def.Subgroup != openSubgroup)
                    {
                        var span = layout.Rows.Count(x => x.Subgroup == def.Subgroup);
                        sb.Append($"<td rowspan=\"{span}\">{E(def.Subgroup)}</td>");
                        openSubgroup = def.Subgroup;
                    }
                    sb.Append($"<td class=\"label\">{E(row.Label)}</td>");
                }
            }
            foreach (var v in row.Values) sb.Append($"<td>{v}</td>");
            sb.Append("</tr>");
        }
        sb.Append("</table>");

        sb.Append("<h2>四、政府信息公开行政复议、行政诉讼情况</h2><table>");
        sb.Append("<tr><th colspan=\"5\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr><tr>");
        foreach (var c in ReportLayout.ReviewColumnLabels) sb.Append($"<th rowspan=\"2\">{E(c)}</th>");
        sb.Append("<th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">复议后起诉</th></tr><tr>");
        for (var g = 0; g < 2; g++) foreach (var c in ReportLayout.ReviewColumnLabels) sb.Append($"<th>{E(c)}</th>");
        sb.Append("</tr><tr>");
        foreach (var v in r.Tables.Reviews.Values) sb.Append($"<td>{v}</td>");
        sb.Append("</tr></table>");

        sb.Append("<h2>五、存在的主要问题及改进情况</h2>");
        Paragraphs(r.Narrative?.Problems);
        sb.Append("<h2>六、其他需要报告的事项</h2>");
        if (r.Fees is { } fees) sb.Append($"<p class=\"fees\">{E(fees.Text)}</p>");
        Paragraphs(r.Narrative?.Other);

        sb.Append("<div class=\"checks\"><h2>数据校验（不打印）</h2><ul>");
        foreach (var check in r.Checks) sb.Append($"<li class=\"{(check.Ok ? "ok" : "bad")}\">{(check.Ok ? "✓" : "✗")} {E(check.Detail)}</li>");
        sb.Append("</ul></div></body></html>");
        return sb.ToString();

        void Paragraphs(string? text)
        {
            foreach (var para in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                sb.Append($"<p>{E(para)}</p>");
        }
    }
}
