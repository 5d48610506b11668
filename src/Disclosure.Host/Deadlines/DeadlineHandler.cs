using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using Marten;
using Wolverine;

namespace Disclosure.Host.Deadlines;

/// <summary>
/// Acts on deadlines: records the lapses the law defines (as events by the system, naming the rule) and the
/// reminders that are due. It always looks at the case as it is now, so a check for a case that moved on does nothing.
/// </summary>
public sealed class DeadlineWork(IDocumentStore store, BusinessClock clock, CalendarStore calendars, AgencyDirectory agencies,
    INotificationSender sender, ILogger<DeadlineWork> log)
{
    public async Task<int> CheckApplicationAsync(string agency, Guid id, CancellationToken ct)
    {
        await using var session = store.LightweightSession(agency);
        var stream = await session.Events.FetchForWriting<Application>(id, ct);
        if (stream.Aggregate is not { } app) return 0;
        var reminderDays = await agencies.ReminderDaysAsync(agency, ct);
        var outcome = Domain.Deadlines.ForApplication(app, clock.Today, calendars.Current, reminderDays);
        if (outcome.Events.Count > 0)
        {
            session.LastModifiedBy = Actor.System;
            stream.AppendMany(Domain.Applications.YearEnd.Reconcile(app, outcome.Events));
            log.LogInformation("Deadline rule fired on application {ApplicationId} of {Agency}: {Events}", id, agency,
                string.Join(", ", outcome.Events.Select(e => e.GetType().Name)));
        }
        var recorded = await RecordAsync(session, agency, "application", app.Id, app.TrackingNumber, outcome.Notices, ct);
        await session.SaveChangesAsync(ct);
        return outcome.Events.Count + recorded;
    }

    public async Task<int> CheckLetterAsync(string agency, Guid id, CancellationToken ct)
    {
        await using var session = store.LightweightSession(agency);
        var letter = await session.LoadAsync<Letter>(id, ct);
        if (letter is null) return 0;
        var outcome = Domain.Deadlines.ForLetter(letter, clock.Today, calendars.Current, await agencies.ReminderDaysAsync(agency, ct));
        var recorded = await RecordAsync(session, agency, "letter", letter.Id, letter.TrackingNumber, outcome.Notices, ct);
        await session.SaveChangesAsync(ct);
        return recorded;
    }


    private async Task<int> RecordAsync(IDocumentSession session, string agency, string kind, Guid caseId, string number,
        IReadOnlyList<DeadlineNotice> notices, CancellationToken ct)
    {
        var recorded = 0;
        foreach (var notice in notices)
        {
            var id = Notification.IdFor(caseId, notice);
            if (await session.LoadAsync<Notification>(id, ct) is not null) continue;
            var users = (await session.Events.FetchStreamAsync(caseId, token: ct))
                .Select(e => e.UserName).Where(u => u is not null and not Actor.System).Distinct().ToList();
            var notification = new Notification
            {
                Id = id, Agency = agency, CaseKind = kind, CaseId = caseId, TrackingNumber = number, Kind = notice.Kind,
                DueOn = notice.DueOn, On = clock.Today, CreatedAt = clock.Now, Text = notice.Text, Recipients = users!,
            };
            await sender.SendAsync(notification, ct);
            session.Store(notification);
            recorded++;
        }
        return recorded;
    }

    /// <summary>Every open case of every agency, checked now.</summary>
    public async Task<(int Cases, int Actions)> SweepAsync(CancellationToken ct)
    {
        List<(string Agency, Guid Id)> applications, letters;
        await using (var query = store.QuerySession())
        {
            applications = (await query.Query<Application>().Where(a => a.AnyTenant() && a.IsOpen).Select(a => new { a.Agency, a.Id }).ToListAsync(ct))
                .Select(x => (x.Agency, x.Id)).ToList();
            letters = (await query.Query<Letter>().Where(l => l.AnyTenant() && l.AwaitingAction).Select(l => new { l.Agency, l.Id }).ToListAsync(ct))
                .Select(x => (x.Agency, x.Id)).ToList();
        }
        var actions = 0;
        foreach (var (agency, id) in applications) actions += await CheckApplicationAsync(agency, id, ct);
        foreach (var (agency, id) in letters) actions += await CheckLetterAsync(agency, id, ct);
        return (applications.Count + letters.Count, actions);
    }
}

/// <summary>Wolverine handlers for the scheduled checks and the nightly sweep.</summary>
public static class DeadlineHandler
{
    public static async Task Handle(CheckApplicationDeadlines message, DeadlineWork work, DeadlineAlarms alarms, IDocumentStore store, IMessageBus bus, CancellationToken ct)
    {
        await work.CheckApplicationAsync(message.Agency, message.ApplicationId, ct);
        await using var session = store.QuerySession(message.Agency);
        if (await session.LoadAsync<Application>(message.ApplicationId, ct) is { } app) await alarms.ScheduleNextAsync(bus, app, ct);
    }

    public static async Task Handle(CheckLetterDeadlines message, DeadlineWork work, DeadlineAlarms alarms, IDocumentStore store, IMessageBus bus, CancellationToken ct)
    {
        await work.CheckLetterAsync(message.Agency, message.LetterId, ct);
        await using var session = store.QuerySession(message.Agency);
        if (await session.LoadAsync<Letter>(message.LetterId, ct) is { } letter) await alarms.ScheduleNextAsync(bus, letter, ct);
    }

    public static Task Handle(SweepDeadlines _, DeadlineWork work, CancellationToken ct) => work.SweepAsync(ct);
}

/// <summary>
/// After a case changes, schedules a durable check (a row in Wolverine's PostgreSQL inbox, surviving restarts) for
/// every day on which something may fall due, at 00:05 China time. Days already past are checked at the next 00:05,
/// never at once: clerks record steps after the fact, and a case must not lapse between two of their entries.
/// Endpoints schedule through the bus enlisted in their session, so the check is stored in the transaction of the
/// step's events. A check that schedules the next one does so after its own commit; a crash in between loses
/// nothing: the nightly sweep finds the case.
/// </summary>
public sealed class DeadlineAlarms(CalendarStore calendars, AgencyDirectory agencies, BusinessClock clock)
{
    public static readonly TimeOnly CheckTime = new(0, 5);

    public async Task ScheduleAsync(IMessageBus bus, Application app, CancellationToken ct)
    {
        var days = Domain.Deadlines.AlarmsFor(app, calendars.Current, await agencies.ReminderDaysAsync(app.Agency, ct));
        await ScheduleAsync(bus, days, () => new CheckApplicationDeadlines(app.Agency, app.Id));
    }

    public async Task ScheduleAsync(IMessageBus bus, Letter letter, CancellationToken ct)
    {
        var days = Domain.Deadlines.AlarmsFor(letter, calendars.Current, await agencies.ReminderDaysAsync(letter.Agency, ct));
        await ScheduleAsync(bus, days, () => new CheckLetterDeadlines(letter.Agency, letter.Id));
    }

    /// <summary>After a check ran: the next alarm still ahead, if any.</summary>
    public async Task ScheduleNextAsync(IMessageBus bus, Application app, CancellationToken ct)
    {
        var days = Domain.Deadlines.AlarmsFor(app, calendars.Current, await agencies.ReminderDaysAsync(app.Agency, ct)).Where(d => At(d) > clock.Now).ToList();
        await ScheduleAsync(bus, days, () => new CheckApplicationDeadlines(app.Agency, app.Id));
    }

    public async Task ScheduleNextAsync(IMessageBus bus, Letter letter, CancellationToken ct)
    {
        var days = Domain.Deadlines.AlarmsFor(letter, calendars.Current, await agencies.ReminderDaysAsync(letter.Agency, ct)).Where(d => At(d) > clock.Now).ToList();
        await ScheduleAsync(bus, days, () => new CheckLetterDeadlines(letter.Agency, letter.Id));
    }

    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(CheckTime), BusinessClock.ChinaOffset);

    /// <summary>Only the earliest alarm is scheduled; the check that runs then schedules the next one.</summary>
    private async Task ScheduleAsync(IMessageBus bus, IReadOnlyList<DateOnly> days, Func<object> message)
    {
        if (days.Count == 0) return;
        var now = clock.Now;
        var when = days.Select(d => At(d) > now ? At(d) : At(clock.Today.AddDays(1))).Min();
        // scheduled as a delay from the business clock's now, which is the wall clock except in tests
        await bus.ScheduleAsync(message(), when - now);
    }

}
