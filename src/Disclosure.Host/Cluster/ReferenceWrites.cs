using Disclosure.Domain.Agencies;
using Disclosure.Host.Agencies;
using Disclosure.Host.Calendar;
using Disclosure.Host.Reporting;
using Marten;

namespace Disclosure.Host.Cluster;

/// <summary>What every node caches of a piece of reference data, and so what a change to it makes them forget.</summary>
public enum ReferenceCache
{
    /// <summary>The working-day calendar (CalendarStore): reloaded.</summary>
    Calendar,
    /// <summary>An agency's registration and settings (AgencyDirectory): read again.</summary>
    Agency,
    /// <summary>An agency-year's report file: of it a node caches only the years the agency closed (AgencyDirectory).</summary>
    ReportFile,
}

/// <summary>
/// One stream of reference data: where its events go (stream and tenant) and what the nodes cache of it. Reference data
/// is not a case: the agency (its registration, settings, notice settings, fee policy, templates) and the calendar live
/// in the default tenant, an agency-year's report file (narrative, table 二, publication, year close) in the agency's.
/// </summary>
public sealed record ReferenceStream(Guid Id, string? Tenant, ReferenceCache Cache, string? Agency)
{
    /// <summary>The agency's own stream, in the default tenant (not the route's).</summary>
    public static ReferenceStream OfAgency(string agency) => new(RegisterAgencyEndpoint.StreamId(agency), null, ReferenceCache.Agency, agency);

    /// <summary>The calendar's stream: the holiday notices loaded or corrected (the same for every agency).</summary>
    public static ReferenceStream OfCalendar() => new(CalendarStore.StreamId, null, ReferenceCache.Calendar, null);

    /// <summary>The agency-year's report file (年度报告), in the agency's tenant.</summary>
    public static ReferenceStream OfReportFile(string agency, int year) => new(ReportBuilder.FileId(agency, year), agency, ReferenceCache.ReportFile, agency);
}

/// <summary>
/// THE write path of reference data (#26): whatever the change — an agency registered or its settings set, a notice
/// setting, fee policy or template, a holiday notice, a report's chapters, table 二, publication, a year closed — its
/// command is decided by the Domain before it comes here; here its events are appended by the user who made it, with
/// the document it keeps beside them, and the cross-node change notice (<see cref="ReferenceChanges"/>) queued in the
/// same transaction; after the commit this node forgets (or reloads) what it cached at once, every other node when it
/// hears the notice. No reference change can therefore forget to tell the other nodes.
/// </summary>
public sealed class ReferenceWrites(IDocumentStore store, AgencyDirectory agencies, CalendarStore calendars)
{
    /// <summary>Appends <paramref name="events"/> to the stream (starting it when <paramref name="startsStream"/>: a duplicate
    /// stream or unique index fails the commit, and nothing is written), announces the change and forgets the local copy.</summary>
    public async Task RecordAsync(ReferenceStream stream, string user, IReadOnlyList<object> events, CancellationToken ct,
        object? document = null, bool startsStream = false)
    {
        if (events.Count == 0) return; // nothing decided, nothing to tell
        await using (var session = stream.Tenant is { } tenant ? store.LightweightSession(tenant) : store.LightweightSession())
        {
            session.LastModifiedBy = user;
            if (startsStream && stream.Cache != ReferenceCache.Agency) throw new InvalidOperationException("Only an agency's registration starts a reference stream.");
            if (startsStream)
            {
                session.Events.StartStream<Agency>(stream.Id, events.ToArray());
                ReferenceChanges.Announce(session, stream);
            }
            else Enlist(session, stream, user, events);
            if (document is not null) session.Store(document);
            await session.SaveChangesAsync(ct);
        }
        await ForgetAsync(stream, ct); // this node at once, not a few milliseconds later
    }

    /// <summary>
    /// The same change inside a transaction the caller commits — a job's last step, which marks the job finished in the
    /// same commit (#25): appended and announced in <paramref name="session"/>; after its commit the caller has this node
    /// forget its copy (the year close: <see cref="AgencyDirectory.ForgetClosedYears"/> in <c>YearEndWork.Finished</c>).
    /// </summary>
    public static void Enlist(IDocumentSession session, ReferenceStream stream, string user, IReadOnlyList<object> events)
    {
        if (events.Count == 0) return;
        session.LastModifiedBy = user;
        session.Events.Append(stream.Id, events.ToArray());
        ReferenceChanges.Announce(session, stream);
    }

    private async Task ForgetAsync(ReferenceStream stream, CancellationToken ct)
    {
        switch (stream.Cache)
        {
            case ReferenceCache.Calendar: await calendars.LoadAsync(store, ct); break;
            case ReferenceCache.Agency: agencies.Forget(stream.Agency!); break;
            case ReferenceCache.ReportFile: agencies.ForgetClosedYears(stream.Agency!); break;
        }
    }
}
