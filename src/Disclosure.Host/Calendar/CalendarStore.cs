using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Marten;

namespace Disclosure.Host.Calendar;

/// <summary>
/// The working-day calendar in force: the shipped notices (2018–2026) overlaid with every notice an
/// administrator loaded (events on the calendar stream). Swapped atomically when a notice changes.
/// </summary>
public sealed class CalendarStore(ClockSettings settings)
{
    /// <summary>The calendar's own stream, in the default tenant (it is the same for every agency).</summary>
    public static readonly Guid StreamId = new("c41e0da7-0000-4000-8000-000000000001");

    private volatile WorkingDayCalendar _current = WorkingDayCalendar.Official;

    public WorkingDayCalendar Current => _current;
    public ClockSettings Settings { get; } = settings;

    public void Use(WorkingDayCalendar calendar) => _current = calendar;

    public async Task LoadAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamId, token: ct);
        var calendar = WorkingDayCalendar.Official;
        foreach (var e in events)
            if (e.Data is HolidayNoticeLoaded loaded) calendar = calendar.With(loaded.ToNotice());
        _current = calendar;
    }
}

/// <summary>Loads the persisted notices before the host serves its first request.</summary>
public sealed class CalendarLoader(CalendarStore calendars, IDocumentStore store) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => calendars.LoadAsync(store, ct);
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
