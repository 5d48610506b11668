using System.Text.Json;
using System.Xml.Linq;
using Disclosure.Host.Infrastructure;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Disclosure.Host.Cases;

/// <summary>
/// The first answer to an intake with an <c>Idempotency-Key</c>; a retry gets it back instead of a second case. The answer
/// holds the applicant's query code (查询码) and the repeat report (other applicants' tracking numbers, shared phrases), and
/// the fingerprint is a hash of the request: both are kept only sealed with ASP.NET Core Data Protection
/// (<see cref="Sealed"/>), for <see cref="IdempotencyRecords.Expiry"/> (then purged), and blanked when the case is erased.
/// </summary>
public sealed class IdempotencyRecord
{
    public string Id { get; set; } = "";
    public Guid CaseId { get; set; }
    /// <summary>The fingerprint and the answer's JSON text (a retry gets it byte for byte), protected; null once the case was erased.</summary>
    public string? Sealed { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateOnly? ErasedOn { get; set; }
}

/// <summary>
/// Idempotency records: sealed at rest, expired after <c>Idempotency:ExpiryHours</c> (default 24) — a retry after that is a
/// new request — and purged by <see cref="PurgeIdempotencyRecords"/>, a durable recurring job that runs on one node of the cluster.
/// </summary>
public sealed class IdempotencyRecords(IDataProtectionProvider protection, IConfiguration config)
{
    public const int DefaultExpiryHours = 24;
    private readonly IDataProtector _protector = protection.CreateProtector("Disclosure.IdempotencyRecord.v1");

    public TimeSpan Expiry { get; } = TimeSpan.FromHours(Math.Max(1, config.GetValue("Idempotency:ExpiryHours", DefaultExpiryHours)));

    private sealed record Contents(string Fingerprint, string Response);

    public bool Expired(IdempotencyRecord record, DateTimeOffset now) => record.RecordedAt + Expiry <= now;

    public IdempotencyRecord Record(string key, Guid caseId, string fingerprint, string response, DateTimeOffset now) => new()
    {
        Id = key, CaseId = caseId, RecordedAt = now,
        Sealed = _protector.Protect(JsonSerializer.Serialize(new Contents(fingerprint, response))),
    };

    /// <summary>The fingerprint and answer of a record; null when the case was erased (or the record predates sealing).</summary>
    public (string Fingerprint, string Response)? Open(IdempotencyRecord record)
    {
        if (record.Sealed is null) return null;
        var contents = JsonSerializer.Deserialize<Contents>(_protector.Unprotect(record.Sealed))!;
        return (contents.Fingerprint, contents.Response);
    }

    /// <summary>Erasure: the records of the case keep nothing but that they existed (a retry is told so, and learns nothing).</summary>
    public static async Task EraseAsync(IDocumentSession session, Guid caseId, DateOnly today, CancellationToken ct)
    {
        foreach (var record in await session.Query<IdempotencyRecord>().Where(r => r.CaseId == caseId).ToListAsync(ct))
        {
            record.Sealed = null;
            record.ErasedOn = today;
            session.Store(record);
        }
    }
}

/// <summary>Deletes the idempotency records of every agency older than the expiry (scheduled hourly, once per cluster).</summary>
public sealed record PurgeIdempotencyRecords;

public sealed record PurgeResult(int Purged);

public static class PurgeIdempotencyRecordsHandler
{
    public static async Task<PurgeResult> Handle(PurgeIdempotencyRecords _, IDocumentStore store, IdempotencyRecords records, BusinessClock clock, CancellationToken ct)
    {
        var before = clock.Now - records.Expiry;
        var purged = 0;
        // the records are kept with the agencies' cases: in each database that holds agencies (one, unless there are several)
        var databases = store.Options.Tenancy.Cardinality == JasperFx.Descriptors.DatabaseCardinality.Single
            ? [null] : (await store.Storage.AllDatabases()).OfType<Marten.Storage.IMartenDatabase>().ToList<Marten.Storage.IMartenDatabase?>();
        foreach (var database in databases)
        {
            await using var session = database is null ? store.LightweightSession() : store.LightweightSession(Marten.Services.SessionOptions.ForDatabase(database));
            var expired = await session.Query<IdempotencyRecord>().Where(r => r.AnyTenant() && r.RecordedAt < before).CountAsync(ct);
            if (expired == 0) continue;
            session.DeleteWhere<IdempotencyRecord>(r => r.AnyTenant() && r.RecordedAt < before);
            await session.SaveChangesAsync(ct);
            purged += expired;
        }
        return new PurgeResult(purged);
    }
}

/// <summary>A Data Protection key, as its XML, in the database: every node reads the same key ring.</summary>
public sealed class DataProtectionKey
{
    public string Id { get; set; } = "";
    public string Xml { get; set; } = "";
}

/// <summary>
/// The Data Protection key ring in PostgreSQL (a Marten document of the default tenant), so a record sealed on one node
/// opens on every other (no package persists keys to Marten; EF Core's would bring EF Core for one table).
/// </summary>
public sealed class DataProtectionKeys(IDocumentStore store) : IXmlRepository
{
    // Data Protection's repository is synchronous; it is called when the key ring is read (at first use, then about daily)
    // and when a key is made (every 90 days), never on a request's own path of sealing and opening
    public IReadOnlyCollection<XElement> GetAllElements() => ReadAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => StoreAsync(element, friendlyName).GetAwaiter().GetResult();

    private async Task<IReadOnlyCollection<XElement>> ReadAsync()
    {
        await using var session = store.QuerySession();
        return (await session.Query<DataProtectionKey>().ToListAsync()).Select(k => XElement.Parse(k.Xml)).ToList();
    }

    private async Task StoreAsync(XElement element, string friendlyName)
    {
        await using var session = store.LightweightSession();
        session.Store(new DataProtectionKey { Id = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        await session.SaveChangesAsync();
    }
}
