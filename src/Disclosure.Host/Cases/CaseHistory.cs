using System.Reflection;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using JasperFx.Events;

namespace Disclosure.Host.Cases;

/// <summary>One fact of a case's history as a clerk reads it: what (with its label), the business date, when it was recorded and by whom.</summary>
public sealed record HistoryEntry(long Version, string Type, string? Label, DateOnly? BusinessDate, DateTimeOffset RecordedAt, string? User, string? CorrelationId, object Data);

public static class CaseHistory
{
    // recorded time at PostgreSQL's precision (microseconds): a step answers from the events it just appended, a read
    // from the stored ones, and both must say the same
    public static HistoryEntry Entry(IEvent e) => new(
        e.Version, e.EventTypeName, EventLabels.GetValueOrDefault(e.EventTypeName), (e.Data as ICaseEvent)?.BusinessDate,
        e.Timestamp.AddTicks(-(e.Timestamp.Ticks % TimeSpan.TicksPerMicrosecond)), e.UserName, e.CorrelationId, e.Data);

    /// <summary>What a clerk reads for each kind of step: the <see cref="LabelAttribute"/> of each event type, by its stored name.</summary>
    public static readonly IReadOnlyDictionary<string, string> EventLabels = StoredNameAttribute.All
        .Where(e => e.Value.GetCustomAttribute<LabelAttribute>() is not null)
        .ToDictionary(e => e.Key, e => e.Value.GetCustomAttribute<LabelAttribute>()!.Text);
}
