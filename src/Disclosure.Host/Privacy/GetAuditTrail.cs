using Microsoft.AspNetCore.Mvc;
using Disclosure.Domain.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disclosure.Host.Privacy;

/// <summary>One recorded fact: who, when, what kind, on which case — never the case's content.</summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset RecordedAt, string? User, string Type, Guid StreamId, long Version, DateOnly? BusinessDate, string? CorrelationId);

public sealed record AuditTrail(string Agency, DateOnly From, DateOnly To, int Count, bool Truncated, IReadOnlyList<AuditEntry> Entries);

public static class GetAuditTrailEndpoint
{
    public const int MaxEntries = 5000;

    /// <summary>Who did what in this agency between two dates (China time, both included), optionally for one user.</summary>
    [WolverineGet("/api/agencies/{agency}/audit", OperationId = "getAuditTrail", Summary = "操作记录 · Who did what, when")]
    [Authorize(Roles = Roles.Supervising), Tags("Privacy")]
    [ProducesResponseType<AuditTrail>(200)]
    public static async Task<IResult> Get(string agency, IDocumentStore store, BusinessClock clock, CancellationToken ct,
        DateOnly? from = null, DateOnly? to = null, string? user = null)
    {
        var errors = RequestRules.CheckDates(("from", from), ("to", to));
        var first = from ?? clock.Today.AddDays(-30);
        var last = to ?? clock.Today;
        if (last < first) errors["to"] = ["'to' is on or after 'from'."];
        if (user is { Length: > 100 }) errors["user"] = ["At most 100 characters."];
        if (errors.Count > 0) return Problems.ValidationResult(errors);
        // PostgreSQL takes UTC instants; the period is whole China days
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), BusinessClock.ChinaOffset).ToUniversalTime();
        var end = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), BusinessClock.ChinaOffset).ToUniversalTime();

        await using var session = store.QuerySession(agency);
        var query = session.Events.QueryAllRawEvents().Where(e => e.TenantId == agency && e.Timestamp >= start && e.Timestamp < end);
        if (user is not null) query = query.Where(e => e.UserName == user);
        var events = await query.OrderBy(e => e.Sequence).Take(MaxEntries + 1).ToListAsync(ct);
        var entries = events.Take(MaxEntries).Where(e => e.EventTypeName != "tombstone").Select(e => new AuditEntry(e.Sequence, e.Timestamp.ToOffset(BusinessClock.ChinaOffset),
            e.UserName, e.EventTypeName, e.StreamId, e.Version, (e.Data as ICaseEvent)?.BusinessDate, e.CorrelationId)).ToList();
        return Results.Ok(new AuditTrail(agency, first, last, entries.Count, events.Count > MaxEntries, entries));
    }
}
