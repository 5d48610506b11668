using System.Collections.Concurrent;
using Disclosure.Host.Agencies;
using Disclosure.Host.Calendar;
using Marten;
using Npgsql;

namespace Disclosure.Host.Cluster;

/// <summary>
/// Keeps this node's cached reference data in step with every other node: before the node serves its first request
/// it reads the calendar in force; then it listens on <see cref="ReferenceChanges.Channel"/> and reloads the calendar
/// or forgets an agency when any node (this one included) committed a change. Whenever it (re)connects it forgets
/// everything it cached — a notification sent while nobody listened is lost — and the calendar is read again once it
/// is older than the cache lifetime, notification or not (agency entries expire by themselves, see AgencyDirectory).
/// </summary>
public sealed class ReferenceListener(NpgsqlDataSource dataSource, Infrastructure.AgencyDatabases databases, IDocumentStore store, CalendarStore calendars, AgencyDirectory agencies,
    ReferenceCacheSettings cache, ILogger<ReferenceListener> log) : BackgroundService
{
    /// <summary>How often a quiet connection is checked; a dead one is replaced at the latest then.</summary>
    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(5);

    public override async Task StartAsync(CancellationToken ct)
    {
        await calendars.LoadAsync(store, ct);
        await base.StartAsync(ct);
    }

    // several databases (README, "Several databases"): the registry's changes are announced in the master, a report file's
    // (closed years) in its agency's database, where it is written; one listening connection to each
    protected override Task ExecuteAsync(CancellationToken stop) =>
        Task.WhenAll(new[] { dataSource }.Concat(databases.Several ? databases.All.Skip(1) : []).Select(source => KeepListeningAsync(source, stop)));

    private async Task KeepListeningAsync(NpgsqlDataSource source, CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(source, () => failures = 0, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // every second: one connection attempt is cheap, and a change made meanwhile is only read on reconnecting
                if (failures++ == 0) log.LogWarning(e, "Lost the connection that hears of reference data changes; reconnecting");
                try { await Task.Delay(TimeSpan.FromSeconds(1), stop); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task ListenAsync(NpgsqlDataSource source, Action connected, CancellationToken stop)
    {
        await using var connection = await source.OpenConnectionAsync(stop);
        var changes = new ConcurrentQueue<string>();
        connection.Notification += (_, e) => changes.Enqueue(e.Payload);
        await using (var listen = new NpgsqlCommand($"listen {ReferenceChanges.Channel}", connection))
            await listen.ExecuteNonQueryAsync(stop);

        // whatever changed while this node was not listening: its notification is lost
        agencies.Clear();
        await calendars.LoadAsync(store, stop);
        connected();
        log.LogInformation("Listening for reference data changes");

        while (true)
        {
            if (!await connection.WaitAsync(Ping, stop))
            {
                await using var ping = new NpgsqlCommand("select 1", connection);
                await ping.ExecuteScalarAsync(stop);
            }
            while (changes.TryDequeue(out var payload)) await ApplyAsync(payload, stop);
            if (calendars.Age > cache.MaxAge) await calendars.LoadAsync(store, stop);
        }
    }

    private async Task ApplyAsync(string payload, CancellationToken stop)
    {
        var (calendar, agency, closedYears) = ReferenceChanges.Read(payload);
        if (calendar) await calendars.LoadAsync(store, stop);
        if (agency is not null) agencies.Forget(agency);
        if (closedYears is not null) agencies.ForgetClosedYears(closedYears);
    }
}
