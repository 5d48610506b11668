using System.Text.Json;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Reporting;

public sealed record ProactiveFiguresView(int Year, string Layout, IReadOnlyList<ProactiveEntry> Rows);

public static class RecordProactiveFiguresEndpoint
{
    /// <summary>
    /// Table 二 — figures that come from other systems — as rows of <c>{item, values, notes?}</c>, either as the body
    /// itself or under <c>rows</c>; values in the layout's column order. A later PUT supersedes this one.
    /// </summary>
    [NonTransactional] // commits itself
    [WolverinePut("/api/agencies/{agency}/reports/{year}/proactive"), Authorize(Roles = Roles.Statistician + "," + Roles.Admin), Tags("Reports")]
    public static async Task<IResult> Put(string agency, int year, HttpContext http, IDocumentSession session, BusinessClock clock, CancellationToken ct, string? layout = null)
    {
        var errors = ReportRequest.Check(year, layout, clock);
        List<ProactiveEntry> rows;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            var root = body.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("layout", out var l) && l.ValueKind == JsonValueKind.String) layout ??= l.GetString();
            var array = root.ValueKind == JsonValueKind.Array ? root : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rows", out var r) ? r : default;
            if (array.ValueKind != JsonValueKind.Array) return Problems.ValidationResult(new Dictionary<string, string[]> { ["rows"] = ["Send the rows of table 二: [{\"item\": …, \"values\": […]}]."] });
            rows = array.EnumerateArray().Select(Entry).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return Problems.ValidationResult(new Dictionary<string, string[]> { ["rows"] = [$"Not a table 二 entry: {e.Message}"] });
        }
        var chosen = ReportRequest.Layout(year, layout);
        foreach (var (k, v) in ProactiveFigures.Validate(chosen, rows)) errors[k] = v;
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        session.LastModifiedBy = Actor.Of(http.User);
        session.Events.Append(ReportBuilder.FileId(agency, year), new ProactiveFiguresRecorded(year, chosen.Name, rows, clock.Now));
        await session.SaveChangesAsync(ct);
        return Results.Ok(new ProactiveFiguresView(year, chosen.Name, rows));
    }

    private static ProactiveEntry Entry(JsonElement row)
    {
        var item = row.GetProperty("item").GetString() ?? "";
        var values = row.GetProperty("values").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? (decimal?)null : v.ValueKind == JsonValueKind.String ? decimal.Parse(v.GetString()!) : v.GetDecimal()).ToList();
        var notes = row.TryGetProperty("notes", out var n) && n.ValueKind == JsonValueKind.Array
            ? n.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : null).ToList() : null;
        return new ProactiveEntry(item, values, notes);
    }
}
