using Disclosure.Domain.Applications;
using Disclosure.Host.Infrastructure;
using Marten;

namespace Disclosure.Host.Applications;

/// <summary>Steps on a disclosure application; answers with <see cref="ApplicationView"/>.</summary>
public sealed class ApplicationSteps(IDocumentSession session, HttpContext http, Wolverine.IMessageBus bus)
    : CaseSteps<Application>(session, http, bus, "application")
{
    protected override object View(Application state, IReadOnlyList<JasperFx.Events.IEvent> events) => ApplicationView.From(state, Today, events);

    protected override Application Fold(IEnumerable<object> events, long version)
    {
        var app = Application.From(events, Calendar, Calendars.Settings);
        app.Version = version;
        return app;
    }

    protected override IReadOnlyList<object> Complete(Application state, IReadOnlyList<object> events) => Domain.Applications.YearEnd.Reconcile(state, events);

    public override Task ScheduleDeadlinesAsync(Application state, CancellationToken ct) => Alarms.ScheduleAsync(Bus, state, ct);

    public Task<IResult> Run(string id, long? expectedVersion, Func<Application, object> decide, CancellationToken ct, Func<ApplicationView, IResult> respond) =>
        base.Run(id, expectedVersion, decide, ct, (object view) => respond((ApplicationView)view));

    public async Task<ApplicationView?> ViewAsync(Guid id, CancellationToken ct) => (ApplicationView?)await ReadViewAsync(id, ct);
}

public static class Actor
{
    public const string System = "system";

    public static string Of(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "anonymous";
}
