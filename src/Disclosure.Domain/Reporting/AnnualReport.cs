namespace Disclosure.Domain.Reporting;

public sealed record TableRow(string Code, string Label, IReadOnlyList<int> Values);

public sealed record ApplicationsTable(IReadOnlyList<string> Columns, IReadOnlyList<TableRow> Rows)
{
    public TableRow Row(string code) => Rows.First(r => r.Code == code);
}

/// <summary>Table 四: 15 numbers — 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉 — each 维持/纠正/其他/尚未审结/总计.</summary>
public sealed record ReviewsTable(IReadOnlyList<int> Values);

/// <summary>One line of table 二 as the statistician entered it; <see cref="Notes"/> annotate cells ("建设工程规划许可证").</summary>
public sealed record ProactiveRow(string Item, string Label, string Block, IReadOnlyList<string> Columns, IReadOnlyList<decimal?> Values, IReadOnlyList<string?> Notes, IReadOnlyList<string?>? Units = null);

public sealed record ReportTables(IReadOnlyList<ProactiveRow> Proactive, ApplicationsTable Applications, ReviewsTable Reviews);

public sealed record ReportCheck(string Rule, bool Ok, string Detail);

/// <summary>
/// 政府信息公开工作年度报告 — the tables of one agency (or a sum of agencies) for one year, computed from the yearly
/// tallies, with the arithmetic checks the statistician must see pass before filing.
/// </summary>
public static class AnnualReport
{
    /// <param name="tallies">Tallies of every year up to and including <paramref name="year"/> (older years make the carry-over).</param>
    public static ApplicationsTable Applications(ReportLayout layout, int year, IEnumerable<YearTally> tallies)
    {
        var byYear = tallies.Where(t => t.Year <= year).GroupBy(t => t.Year).ToDictionary(g => g.Key, g => g.ToList());
        var current = byYear.GetValueOrDefault(year) ?? [];
        var received = Cols(c => current.Sum(t => t.Received[c]));
        var carriedOver = Cols(c => byYear.Where(kv => kv.Key < year).Sum(kv => kv.Value.Sum(t => t.Received[c] - t.TotalAnswered(c))));
        var handled = Cols(c => current.Sum(t => t.TotalAnswered(c)));
        var carriedForward = Cols(c => carriedOver[c] + received[c] - handled[c]);

        var rows = new List<TableRow>();
        foreach (var row in layout.Rows)
        {
            var values = row.Code switch
            {
                ReportLayout.Received => received,
                ReportLayout.CarriedOver => carriedOver,
                ReportLayout.TotalHandled => handled,
                ReportLayout.CarriedForward => carriedForward,
                _ => Cols(c => current.Sum(t => row.Outcomes.Sum(o => t.AnsweredCount(o, c)))),
            };
            rows.Add(new TableRow(row.Code, row.Label, [.. values, values.Sum()]));
        }
        return new ApplicationsTable(ReportLayout.Columns, rows);

        static int[] Cols(Func<int, int> f) => Enumerable.Range(0, ReportLayout.CategoryCount).Select(f).ToArray();
    }

    public static ReviewsTable Reviews(int year, IEnumerable<YearTally> tallies)
    {
        var current = tallies.Where(t => t.Year == year).ToList();
        var values = new List<int>();
        foreach (var (kind, _, _) in ReportLayout.ReviewGroups)
        {
            var group = Enumerable.Range(0, 4).Select(i => current.Sum(t => t.Reviews.TryGetValue(kind, out var r) ? r[i] : 0)).ToList();
            values.AddRange(group);
            values.Add(group.Sum());
        }
        return new ReviewsTable(values);
    }

    /// <summary>The 勾稽关系 and sums; <paramref name="previous"/> is last year's table (for carry-over continuity), if any.</summary>
    /// <summary>
    /// For a closed year: row 四 per column equals the carry-forward events recorded on the cases at the close.
    /// For a year not closed yet the check passes and says so.
    /// </summary>
    public static ReportCheck CarryForwardCheck(ApplicationsTable table, int year, bool closed, IEnumerable<YearTally> tallies)
    {
        if (!closed) return new("carried_forward_recorded", true, $"{year} 年尚未执行年末结转（年度未结束或尚未结转），结转数为计算值");
        var recorded = Enumerable.Range(0, ReportLayout.CategoryCount).Select(c => tallies.Where(t => t.Year == year).Sum(t => t.CarriedForwardRecorded[c])).ToList();
        recorded.Add(recorded.Sum());
        var computed = table.Row(ReportLayout.CarriedForward).Values;
        var same = computed.SequenceEqual(recorded);
        return new("carried_forward_recorded", same, same
            ? $"“四、结转下年度继续办理”与案件上的结转记录逐列一致（{string.Join("、", recorded)}）"
            : $"“四、结转下年度继续办理”（{string.Join("、", computed)}）与案件上的结转记录（{string.Join("、", recorded)}）不一致");
    }

    public static IReadOnlyList<ReportCheck> Check(ReportLayout layout, ApplicationsTable table, ApplicationsTable? previous, ReviewsTable reviews)
    {
        var checks = new List<ReportCheck>();
        var received = table.Row(ReportLayout.Received).Values;
        var over = table.Row(ReportLayout.CarriedOver).Values;
        var handled = table.Row(ReportLayout.TotalHandled).Values;
        var forward = table.Row(ReportLayout.CarriedForward).Values;
        var outcomeRows = layout.OutcomeRows.Select(r => table.Row(r.Code).Values).ToList();

        for (var c = 0; c < table.Columns.Count; c++)
        {
            var label = ReportLayout.ColumnLabels[c];
            checks.Add(new("balance", received[c] + over[c] == handled[c] + forward[c],
                $"{label}：一（{received[c]}）+ 二（{over[c]}）= {received[c] + over[c]}，三（七）（{handled[c]}）+ 四（{forward[c]}）= {handled[c] + forward[c]}"));
            var sum = outcomeRows.Sum(v => v[c]);
            checks.Add(new("outcome_sum", sum == handled[c], $"{label}：三（七）总计 {handled[c]}，各项办理结果之和 {sum}"));
        }
        foreach (var row in table.Rows)
        {
            var categories = row.Values.Take(ReportLayout.CategoryCount).Sum();
            var total = row.Values[ReportLayout.TotalColumn];
            checks.Add(new("column_sum", categories == total, $"{Short(row.Label)}：总计 {total}，各类申请人之和 {categories}"));
        }
        if (previous is not null)
        {
            var last = previous.Row(ReportLayout.CarriedForward).Values;
            var same = last.SequenceEqual(over);
            checks.Add(new("carry_over", same, same
                ? $"本年“二、上年结转”与上年“四、结转下年度继续办理”逐格一致（{string.Join("、", over)}）"
                : $"本年“二、上年结转”（{string.Join("、", over)}）与上年“四、结转下年度继续办理”（{string.Join("、", last)}）不一致"));
        }
        for (var g = 0; g < 3; g++)
        {
            var part = reviews.Values.Skip(g * 5).Take(4).Sum();
            var total = reviews.Values[g * 5 + 4];
            checks.Add(new("review_sum", part == total, $"{ReportLayout.ReviewGroups[g].Label}：总计 {total}，各项结果之和 {part}"));
        }
        var negatives = table.Rows.Where(r => r.Values.Any(v => v < 0)).Select(r => Short(r.Label)).ToList();
        checks.Add(new("non_negative", negatives.Count == 0, negatives.Count == 0 ? "没有负数" : $"出现负数：{string.Join("、", negatives)}"));
        return checks;
    }

    private static string Short(string label) => label.Length > 14 ? label[..14] + "…" : label;
}
