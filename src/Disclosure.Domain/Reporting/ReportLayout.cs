using Disclosure.Domain.Applications;

namespace Disclosure.Domain.Reporting;

/// <summary>One row of report table 三. <see cref="Outcomes"/> are the answer codes it counts (none for 一、二、四 and 总计).</summary>
public sealed record ReportRow(string Code, string Label, IReadOnlyList<string> Outcomes, string? Group = null, string? Subgroup = null);

/// <summary>A line of table 二: an item of 条例第二十条 with its columns in the layout.</summary>
/// <param name="Money">Per column: an amount of money rather than a count.</param>
/// <param name="Unit">Per column: the unit printed after the figure (the 2019 layout writes "478822元"), if any.</param>
public sealed record ProactiveItem(string Code, string Label, string Block, IReadOnlyList<string> Columns, IReadOnlyList<bool> Money, IReadOnlyList<string?>? Unit = null);

/// <summary>
/// The State Council's layouts of the annual report (政府信息公开工作年度报告): 2019 (国办公开办函〔2019〕60号)
/// for report years 2019–2020, 2021 (国办公开办函〔2021〕30号) from 2021. Labels are the official ones.
/// </summary>
public sealed class ReportLayout
{
    public const string Received = "received";
    public const string CarriedOver = "carried_over";
    public const string TotalHandled = "total_handled";
    public const string CarriedForward = "carried_forward";
    public const string Other2019 = "other";

    public const string CornerLabel = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    // The applicant columns of table 三 come from one definition, the applicant categories (their order is the report's):
    // a category added there is a column of the tallies, the table, its checks, the renderers, the workbook and the console.
    /// <summary>
    /// Whether a row of table 三 counts answered applications only: 三、本年度办理结果 (an outcome, or their （七）总计). Every answer
    /// closes its case (<see cref="Applications.Application.IsOpen"/> turns false then and never back), so an open case counts
    /// in none of these rows: the drill-down behind such a figure need not read the open ones.
    /// </summary>
    public static bool CountsClosedCasesOnly(ReportRow row) => row.Outcomes.Count > 0 || row.Code == TotalHandled;

    /// <summary>How many applicant categories table 三 counts; 总计 follows them.</summary>
    public static int CategoryCount => ApplicantCategories.All.Count;
    /// <summary>The index of the 总计 column.</summary>
    public static int TotalColumn => CategoryCount;
    public static readonly IReadOnlyList<string> Columns = [.. ApplicantCategories.All.Select(c => c.Code), "total"];
    public static readonly IReadOnlyList<string> ColumnLabels = [.. ApplicantCategories.All.Select(c => c.Label), "总计"];

    /// <summary>
    /// The header of table 三 over the category columns: a category standing alone (自然人, spanning both header rows) or
    /// a heading (法人或其他组织) over the categories under it, in column order.
    /// </summary>
    public static readonly IReadOnlyList<(string? Heading, IReadOnlyList<Term> Categories)> ColumnGroups =
        ApplicantCategories.All.Aggregate(new List<(string? Heading, IReadOnlyList<Term> Categories)>(), (groups, c) =>
        {
            var heading = ApplicantCategories.GroupOf(c.Code);
            if (heading is not null && groups.Count > 0 && groups[^1].Heading == heading) groups[^1] = (heading, [.. groups[^1].Categories, c]);
            else groups.Add((heading, [c]));
            return groups;
        });

    public static readonly IReadOnlyList<string> ReviewColumnLabels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    public static readonly IReadOnlyList<(string Kind, string Label, string? Parent)> ReviewGroups =
    [
        ("reconsideration", "行政复议", null),
        ("lawsuit_direct", "未经复议直接起诉", "行政诉讼"),
        ("lawsuit_after_reconsideration", "复议后起诉", "行政诉讼"),
    ];

    public string Name { get; }
    public IReadOnlyList<ReportRow> Rows { get; }
    public IReadOnlyList<ProactiveItem> Proactive { get; }

    private ReportLayout(string name, IReadOnlyList<ReportRow> rows, IReadOnlyList<ProactiveItem> proactive)
    {
        Name = name; Rows = rows; Proactive = proactive;
    }

    public static readonly ReportLayout Layout2019 = new("2019", BuildRows(merged: true), Proactive2019());
    public static readonly ReportLayout Layout2021 = new("2021", BuildRows(merged: false), Proactive2021());

    public static ReportLayout ForYear(int year) => year >= 2021 ? Layout2021 : Layout2019;

    public static ReportLayout? Named(string? name) => name switch { "2019" => Layout2019, "2021" => Layout2021, _ => null };

    public IEnumerable<ReportRow> OutcomeRows => Rows.Where(r => r.Outcomes.Count > 0);

    public ReportRow? Row(string code) => Rows.FirstOrDefault(r => r.Code == code);

    private static List<ReportRow> BuildRows(bool merged)
    {
        var o = Outcomes.All;
        const string g3 = "三、本年度办理结果";
        var rows = new List<ReportRow>
        {
            new(Received, "一、本年新收政府信息公开申请数量", []),
            new(CarriedOver, "二、上年结转政府信息公开申请数量", []),
        };
        rows.Add(new(o[0].Code, o[0].Label, [o[0].Code], g3));
        rows.Add(new(o[1].Code, o[1].Label, [o[1].Code], g3));
        rows.AddRange(o.Skip(2).Take(8).Select(t => new ReportRow(t.Code, t.Label, [t.Code], g3, "（三）不予公开")));
        rows.AddRange(o.Skip(10).Take(3).Select(t => new ReportRow(t.Code, t.Label, [t.Code], g3, "（四）无法提供")));
        rows.AddRange(o.Skip(13).Take(5).Select(t => new ReportRow(t.Code, t.Label, [t.Code], g3, "（五）不予处理")));
        if (merged)
            rows.Add(new(Other2019, "（六）其他处理", o.Skip(18).Select(t => t.Code).ToList(), g3));
        else
            rows.AddRange(o.Skip(18).Select(t => new ReportRow(t.Code, t.Label, [t.Code], g3, "（六）其他处理")));
        rows.Add(new(TotalHandled, "（七）总计", [], g3));
        rows.Add(new(CarriedForward, "四、结转下年度继续办理", []));
        return rows;
    }

    private static List<ProactiveItem> Proactive2019()
    {
        string[] made = ["本年新制作数量", "本年新公开数量", "对外公开总数量"];
        string[] items = ["上一年项目数量", "本年增/减", "处理决定数量"];
        return
        [
            new("regulation", "规章", "第二十条第（一）项", made, [false, false, false]),
            new("normative_document", "规范性文件", "第二十条第（一）项", made, [false, false, false]),
            new("administrative_license", "行政许可", "第二十条第（五）项", items, [false, false, false]),
            new("other_service", "其他对外管理服务事项", "第二十条第（五）项", items, [false, false, false]),
            new("administrative_penalty", "行政处罚", "第二十条第（六）项", items, [false, false, false]),
            new("administrative_enforcement", "行政强制", "第二十条第（六）项", items, [false, false, false]),
            new("administrative_fee", "行政事业性收费", "第二十条第（八）项", ["上一年项目数量", "本年增/减"], [false, false]),
            new("government_procurement", "政府集中采购", "第二十条第（九）项", ["采购项目数量", "采购总金额"], [false, true], [null, "元"]),
        ];
    }

    private static List<ProactiveItem> Proactive2021()
    {
        string[] docs = ["本年制发件数", "本年废止件数", "现行有效件数"];
        return
        [
            new("regulation", "规章", "第二十条第（一）项", docs, [false, false, false]),
            new("normative_document", "行政规范性文件", "第二十条第（一）项", docs, [false, false, false]),
            new("administrative_license", "行政许可", "第二十条第（五）项", ["本年处理决定数量"], [false]),
            new("administrative_penalty", "行政处罚", "第二十条第（六）项", ["本年处理决定数量"], [false]),
            new("administrative_enforcement", "行政强制", "第二十条第（六）项", ["本年处理决定数量"], [false]),
            new("administrative_fee", "行政事业性收费", "第二十条第（八）项", ["本年收费金额（单位：万元）"], [true]),
        ];
    }
}
