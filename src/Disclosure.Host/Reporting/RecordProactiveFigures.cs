using System.Text.Json;
using System.Text.Json.Serialization;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Cases;
using Disclosure.Host.Cluster;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disclosure.Host.Reporting;

public sealed record ProactiveFiguresView(int Year, string Layout, IReadOnlyList<ProactiveEntry> Rows);

/// <summary>One line of table 二: the item, its values in the layout's column order (money in the layout's unit), optional notes per cell.</summary>
public sealed record ProactiveRowInput(
    [property: Text(40)] string? Item,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] IReadOnlyList<decimal?>? Values,
    [property: Text(100)] IReadOnlyList<string?>? Notes);

/// <summary>Table 二 — figures that come from other systems — sent as the rows themselves or as <c>{layout, rows}</c>.</summary>
[JsonConverter(typeof(RecordProactiveFiguresConverter))]
public sealed record RecordProactiveFigures([property: Text(4)] string? Layout, IReadOnlyList<ProactiveRowInput>? Rows);

public static class RecordProactiveFiguresEndpoint
{
    /// <summary>The entered figures; a later PUT supersedes this one.</summary>
    [WolverinePut("/api/agencies/{agency}/reports/{year}/proactive", OperationId = "recordProactiveFigures", Summary = "主动公开情况（表二） · Enter table 二")]
    [Authorize(Roles = Roles.ReportEditing), Tags("Reports")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<ProactiveFiguresView>(200)]
    public static async Task<IResult> Put(string agency, int year, RecordProactiveFigures cmd, HttpContext http, ReferenceWrites writes, BusinessClock clock,
        CancellationToken ct, string? layout = null)
    {
        layout ??= cmd.Layout;
        var errors = ReportRequest.Check(year, layout, clock);
        if (cmd.Rows is null) errors["rows"] = ["Send the rows of table 二: [{\"item\": …, \"values\": […]}]."];
        var rows = (cmd.Rows ?? []).Select((r, i) => new ProactiveEntry(r.Item ?? "", r.Values ?? [], r.Notes)).ToList();
        var chosen = ReportRequest.Layout(year, layout);
        foreach (var (k, v) in ProactiveFigures.Validate(chosen, rows)) errors[k] = v;
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        await writes.RecordAsync(ReferenceStream.OfReportFile(agency, year), Actor.Of(http.User), [new ProactiveFiguresRecorded(year, chosen.Name, rows, clock.Now)], ct);
        return Results.Ok(new ProactiveFiguresView(year, chosen.Name, rows));
    }
}

/// <summary>Reads table 二 as a bare array of rows or as an object with <c>rows</c> (and <c>layout</c>).</summary>
public sealed class RecordProactiveFiguresConverter : JsonConverter<RecordProactiveFigures>
{
    public override RecordProactiveFigures? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
            return new RecordProactiveFigures(null, JsonSerializer.Deserialize<List<ProactiveRowInput>>(ref reader, options));
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Table 二 is an array of rows or an object with rows.");
        string? layout = null;
        List<ProactiveRowInput>? rows = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "layout", StringComparison.OrdinalIgnoreCase)) layout = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            else if (string.Equals(name, "rows", StringComparison.OrdinalIgnoreCase)) rows = JsonSerializer.Deserialize<List<ProactiveRowInput>>(ref reader, options);
            else reader.Skip();
        }
        return new RecordProactiveFigures(layout, rows);
    }

    public override void Write(Utf8JsonWriter writer, RecordProactiveFigures value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("layout", value.Layout);
        writer.WritePropertyName("rows");
        JsonSerializer.Serialize(writer, value.Rows, options);
        writer.WriteEndObject();
    }
}
