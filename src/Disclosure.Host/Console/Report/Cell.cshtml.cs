using Disclosure.Domain.Reporting;
using Disclosure.Host.Applications;
using Disclosure.Host.Reporting;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Report;

/// <summary>The cases behind one figure of table 三 or 四: the API's drill-down, counted by the code that keeps the tallies.</summary>
[Authorize(Roles = Roles.Reporting)]
public sealed class CellModel(IDocumentStore store) : ReportPage
{
    [FromRoute(Name = "row")] public string? Row { get; set; }
    [FromRoute(Name = "column")] public string? Column { get; set; }
    [FromRoute(Name = "index")] public int? Index { get; set; }

    public string Heading { get; private set; } = "";
    public IReadOnlyList<ApplicationSummary> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ReportRequest.Check(Year, null, Clock).Count > 0) return await NotFoundPageAsync();
        await using var session = store.QuerySession(AgencyId);
        if (Index is { } index)
        {
            if (index is < 0 or > 14) return await NotFoundPageAsync();
            var cell = await GetReportCellEndpoint.ReviewCasesAsync(session, Year, index, Today, ct);
            var group = ReportLayout.ReviewGroups[index / 5];
            Heading = $"表四 {(group.Parent is null ? group.Label : $"{group.Parent}（{group.Label}）")} · {cell.Column}：{cell.Count} 件";
            Cases = cell.Cases;
            return Page();
        }
        var layout = ReportRequest.Layout(Year, null);
        var column = ReportLayout.Columns.ToList().IndexOf(Column ?? "");
        if (Row is null || layout.Row(Row) is not { } def || column < 0) return await NotFoundPageAsync();
        var found = await GetReportCellEndpoint.CasesAsync(session, Year, layout, Row, Column!, Today, ct);
        Heading = $"表三 {(def.Subgroup is { } sg ? sg + " " : "")}{def.Label} · {ReportLayout.ColumnLabels[column]}：{found.Count} 件";
        Cases = found.Cases;
        return Page();
    }
}
