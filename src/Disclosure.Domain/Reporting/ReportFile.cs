namespace Disclosure.Domain.Reporting;

/// <summary>An event of an agency-year's report file; its projection folds every type that implements it.</summary>
public interface IReportFileEvent;

/// <summary>A line of table 二 as entered: the item code, its values in the layout's column order, optional notes per cell.</summary>
public sealed record ProactiveEntry(string Item, IReadOnlyList<decimal?> Values, IReadOnlyList<string?>? Notes);

/// <summary>The statistician entered table 二 (figures that come from other systems); a later entry supersedes it.</summary>
[StoredName(EventNames.ProactiveFiguresRecorded)]
public sealed record ProactiveFiguresRecorded(int Year, string Layout, IReadOnlyList<ProactiveEntry> Rows, DateTimeOffset RecordedAt) : IReportFileEvent;

/// <summary>The text chapters: 一、总体情况 (overview), 五、存在的主要问题及改进情况 (problems), 六、其他需要报告的事项 (other).</summary>
[StoredName(EventNames.NarrativeRecorded)]
public sealed record NarrativeRecorded(int Year, string? Overview, string? Problems, string? Other, DateTimeOffset RecordedAt) : IReportFileEvent;

/// <summary>The report was published (filed) with these figures; later events show as amendments against them.</summary>
[StoredName(EventNames.ReportPublished)]
public sealed record ReportPublished(int Year, string Layout, DateOnly PublishedOn, ReportTables Tables, int? MailboxHandled, DateTimeOffset RecordedAt) : IReportFileEvent;

/// <summary>The year-end close ran for this agency and year; <c>Carried</c> cases got a carry-forward.</summary>
[StoredName(EventNames.YearClosed)]
public sealed record YearClosed(int Year, int Carried, DateTimeOffset ClosedAt) : IReportFileEvent;

/// <summary>What the statistician keeps for one agency-year besides the counted tables.</summary>
public sealed class ReportFile
{
    public Guid Id { get; set; }
    public string Agency { get; set; } = "";
    public int Year { get; set; }
    public ProactiveFiguresRecorded? Proactive { get; set; }
    public NarrativeRecorded? Narrative { get; set; }
    public List<ReportPublished> Publications { get; set; } = [];
    public DateTimeOffset? ClosedAt { get; set; }

    public void Fold(object @event)
    {
        switch (@event)
        {
            case ProactiveFiguresRecorded e: Year = e.Year; Proactive = e; break;
            case NarrativeRecorded e: Year = e.Year; Narrative = e; break;
            case ReportPublished e: Year = e.Year; Publications.Add(e); break;
            case YearClosed e: Year = e.Year; ClosedAt ??= e.ClosedAt; break;
        }
    }

}

public static class ProactiveFigures
{
    /// <summary>No figure of table 二 comes near this (money is in yuan or 万元).</summary>
    public const decimal MaxValue = 1_000_000_000_000m;

    /// <summary>Field errors of a table 二 entry for a layout; empty when it fits.</summary>
    public static Dictionary<string, string[]> Validate(ReportLayout layout, IReadOnlyList<ProactiveEntry> rows)
    {
        var errors = new Dictionary<string, string[]>();
        var allowed = string.Join(", ", layout.Proactive.Select(p => p.Code));
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var item = layout.Proactive.FirstOrDefault(p => p.Code == row.Item);
            if (item is null) { errors[$"rows[{i}].item"] = [$"'{row.Item}' is not an item of table 二 in the {layout.Name} layout. Allowed: {allowed}."]; continue; }
            if (row.Values.Count != item.Columns.Count)
                errors[$"rows[{i}].values"] = [$"{item.Label} has {item.Columns.Count} columns in the {layout.Name} layout ({string.Join(" · ", item.Columns)}); {row.Values.Count} values given."];
            else
                for (var c = 0; c < item.Columns.Count; c++)
                {
                    var v = row.Values[c];
                    if (v is { } big && Math.Abs(big) > MaxValue) { errors[$"rows[{i}].values[{c}]"] = [$"{item.Label} · {item.Columns[c]}: at most {MaxValue:N0}."]; continue; }
                    var signed = item.Columns[c] == "本年增/减";
                    if (v is < 0 && !signed) errors[$"rows[{i}].values[{c}]"] = [$"{item.Label} · {item.Columns[c]} cannot be negative."];
                    if (v is { } n && !item.Money[c] && n != decimal.Truncate(n)) errors[$"rows[{i}].values[{c}]"] = [$"{item.Label} · {item.Columns[c]} is a count."];
                }
            if (row.Notes is { } notes && notes.Count > item.Columns.Count) errors[$"rows[{i}].notes"] = ["At most one note per column."];
            if (rows.Take(i).Any(r => r.Item == row.Item)) errors[$"rows[{i}].item"] = [$"{item.Label} is given twice."];
        }
        return errors;
    }
}

/// <summary>
/// Filing the annual report (条例第五十条: 每年1月31日前 published): the figures are kept as filed, and later events for
/// the year show as amendments against them (<see cref="ReportFile"/>).
/// </summary>
public static class ReportPublication
{
    /// <summary>What is wrong with the day a <paramref name="year"/> report is said to be published on; null when it can be.</summary>
    public static Refusal? DateProblem(int year, DateOnly publishedOn, DateOnly today) =>
        publishedOn.Year <= year ? Refusal.Invalid("publishedOn", $"A {year} report is published after the year ends.")
        : publishedOn > today ? Refusal.Invalid("publishedOn", "A report cannot be published in the future.")
        : null;

    /// <summary>
    /// The report as filed on <paramref name="publishedOn"/>, with the figures counted; refused when the day cannot be
    /// (<see cref="DateProblem"/>), or when the counted tables are <paramref name="stale"/> (behind the latest records:
    /// filed so, figures already recorded would be missing from the report as published).
    /// </summary>
    public static ReportPublished Publish(int year, DateOnly publishedOn, DateOnly today, string layout, ReportTables tables, int? mailboxHandled,
        bool stale, DateTimeOffset recordedAt)
    {
        if (DateProblem(year, publishedOn, today) is { } problem) throw problem;
        if (stale)
            throw Refusal.Conflict("The statistics are still catching up with the latest records; publish again in a moment so the filed figures are complete.");
        return new ReportPublished(year, layout, publishedOn, tables, mailboxHandled, recordedAt);
    }
}
