using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Marten;

namespace Disclosure.Host.Calendar;

/// <summary>
/// The working-day calendar in force: the shipped notices (2018–2026) overlaid with every notice an
/// administrator loaded (events on the calendar stream). Swapped atomically when a notice changes — on this node by the
/// request that loaded it, on every other node when it hears of it (Cluster/ReferenceListener).
/// </summary>
public sealed class CalendarStore(ClockSettings settings)
{
    /// <summary>The calendar's own stream, in the default tenant (it is the same for every agency).</summary>
    public static readonly Guid StreamId = new("c41e0da7-0000-4000-8000-000000000001");

    private volatile WorkingDayCalendar _current = WorkingDayCalendar.Official;
    private long _loadedAt = Environment.TickCount64;
    // one load at a time: a read that began before a change must not replace one that began after it
    private readonly SemaphoreSlim _loading = new(1, 1);

    public WorkingDayCalendar Current => _current;
    public ClockSettings Settings { get; } = settings;

    /// <summary>How long ago the calendar was read from the database.</summary>
    public TimeSpan Age => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _loadedAt));

    public void Use(WorkingDayCalendar calendar) => _current = calendar;

    /// <summary>The calendar the notices of the calendar's stream make (all of them, or those up to an instant: the case as it stood).</summary>
    public static WorkingDayCalendar From(IEnumerable<JasperFx.Events.IEvent> events)
    {
        var calendar = WorkingDayCalendar.Official;
        foreach (var e in events)
            if (e.Data is HolidayNoticeLoaded loaded) calendar = calendar.With(loaded.ToNotice());
        return calendar;
    }

    public async Task LoadAsync(IDocumentStore store, CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            await using var session = store.QuerySession();
            _current = From(await session.Events.FetchStreamAsync(StreamId, token: ct));
            Interlocked.Exchange(ref _loadedAt, Environment.TickCount64);
        }
        finally
        {
            _loading.Release();
        }
    }
}
