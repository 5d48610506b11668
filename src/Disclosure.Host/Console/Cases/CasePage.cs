using Disclosure.Host.Infrastructure;
using Disclosure.Domain;
using Disclosure.Domain.Notices;
using Disclosure.Host.Agencies;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cases;
using Disclosure.Host.StaffConsole.Shared;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Cases;

/// <summary>A step as the case page shows it: its form, its target, whether it is the one just refused (shown open with the messages).</summary>
public sealed record StepForm(string Code, string Title, string? TargetKey, string? Caption, IReadOnlyList<FieldView> Fields, FormState State, bool Open)
{
    /// <summary>What the clerk should know before filling the form in (fields left out and why, a date that falls on a day off).</summary>
    public IReadOnlyList<StepRemark> Remarks { get; init; } = [];
    /// <summary>Values the target fixes, sent with the form unseen (the kind of a notice issued later, its consultation).</summary>
    public IReadOnlyDictionary<string, string> Fixed { get; init; } = new Dictionary<string, string>();
    /// <summary>Folded under 其他操作 (<see cref="StepAttribute.Secondary"/>).</summary>
    public bool Secondary { get; init; }
}

/// <summary>A remark on a step's form, with a link where the clerk can act on it.</summary>
public sealed record StepRemark(string Text, string? Link = null, string? LinkText = null, string? Key = null);

/// <summary>
/// 案件: the facts, the due date with the clock's explanation, the warnings, the history (who, when, what), and a small
/// form for each step the case allows now and the user's role may record. A form carries the case version it was made
/// from: if someone else changed the case since, the write path refuses it and the page says so.
/// </summary>
public abstract class CasePage<TCase>(IReadOnlyList<CaseStep<TCase>> steps, IDocumentStore store, CalendarStore calendars,
    AgencyDirectory agencies) : ConsolePage where TCase : class, ITrackedCase
{
    protected IDocumentStore Store => store;

    [FromRoute(Name = "id")] public string Id { get; set; } = "";
    [FromQuery(Name = "done")] public string? Done { get; set; }
    /// <summary><c>?asOf=</c>: the case file as it stood then (an instant with its offset, or a date), read from the events; no step forms.</summary>
    [FromQuery(Name = "asOf")] public string? AsOf { get; set; }

    /// <summary>The instant the page shows the case as it stood; null: as it stands now.</summary>
    public DateTimeOffset? AsOfInstant { get; private set; }
    /// <summary>The day the clock is read on: today, or the day of <see cref="AsOfInstant"/> (overdue then, not now).</summary>
    public DateOnly Day => AsOfInstant is { } at ? Disclosure.Host.Cases.AsOf.DayOf(at) : Today;

    public TCase Current { get; private set; } = null!;
    public IReadOnlyList<IEvent> History { get; private set; } = [];
    public IReadOnlyList<StepForm> Steps { get; private set; } = [];
    public long Version { get; private set; }
    public string? Problem { get; private set; }
    public string? DoneTitle => Done is null ? null : steps.FirstOrDefault(s => s.Code == Done)?.Title;

    protected abstract long VersionOf(TCase current);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (AsOf is not null) return await ShowAsItStoodAsync(ct);
        return await LoadAsync(ct) ? await ShowAsync(null, null, null, ct) : await NotFoundPageAsync();
    }

    /// <summary>The case as it stood at <see cref="AsOf"/>: its facts, clock, notices and history then, and no step (the past is not edited).</summary>
    private async Task<IActionResult> ShowAsItStoodAsync(CancellationToken ct)
    {
        if (Disclosure.Host.Cases.AsOf.Parse(AsOf) is not { } at)
        {
            await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status400BadRequest);
            return new EmptyResult();
        }
        await using var session = store.QuerySession(AgencyId);
        if (await CaseAsOf.LoadAsync(CaseAsOf.KindOf<TCase>(), store, session, calendars.Settings, Id, at, ct) is not ({ } stood, _))
            return await NotFoundPageAsync();
        (Current, History, Version, AsOfInstant) = (stood.State, stood.History, VersionOf(stood.State), at);
        await ShowingAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStepAsync(string? step, string? target, CancellationToken ct)
    {
        var chosen = steps.FirstOrDefault(s => s.Code == step);
        if (chosen is null) return await NotFoundPageAsync();
        if (!May(chosen.Roles))
        {
            await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status403Forbidden);
            return new EmptyResult();
        }
        if (!await LoadAsync(ct)) return await NotFoundPageAsync();

        var state = new FormState();
        if (CommandForm.Bind(chosen.Command, Request.Form, Today, state) is not CaseCommand<TCase> command)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(chosen.Code, target, state, ct);
        }
        long? version = long.TryParse(Request.Form["version"], out var v) ? v : null;
        // sent as the API sends it: what the command needs of other cases the write path reads (CaseCompletion)
        var answer = await SendAsync(chosen.For(command, target) with { Case = Current.Id.ToString(), Version = version });
        if (answer.Succeeded)
            return Redirect($"{Request.Path}?done={chosen.Code}#history");
        Show(answer, state);
        await LoadAsync(ct); // the case as it stands now (someone else may have changed it)
        return await ShowAsync(chosen.Code, target, state, ct);
    }

    /// <summary>The page again with <paramref name="status"/>, after one of its own forms that is no step (e-mailing a notice) was refused.</summary>
    protected async Task<IActionResult> ShowAgainAsync(int status, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return await NotFoundPageAsync();
        Response.StatusCode = status;
        return await ShowAsync(null, null, null, ct);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AgencyId);
        if (await CaseReads.LoadAsync<TCase>(session, Id, ct) is not var (state, history)) return false;
        (Current, History, Version) = (state, history, VersionOf(state));
        return true;
    }

    private async Task<IActionResult> ShowAsync(string? refusedStep, string? refusedTarget, FormState? refused, CancellationToken ct)
    {
        await using var session = store.QuerySession(AgencyId);
        // the context the write path decides with, the agency's notice settings and fee policy included
        var context = new CaseContext(Today, calendars.Current, calendars.Settings, Agency, await agencies.ClosedYearsAsync(AgencyId, ct))
        {
            Notices = await session.LoadReferenceAsync<NoticeSetup>(AgencyId, ct) ?? NoticeSetup.None,
        };
        var forms = new List<StepForm>();
        // 转办/分办 picks a handler and a department from those the console knows (StaffRegister: there is no user directory)
        (IReadOnlyList<Disclosure.Host.StaffConsole.SignIn.StaffMember> Handlers, IReadOnlyList<string> Departments) staff = steps.Any(s => May(s.Roles) && s.Fields.Any(f => f.Pick is not null))
            ? await Disclosure.Host.StaffConsole.SignIn.StaffRegister.OfAsync(session, ct) : ([], []);
        IReadOnlyList<Term>? Options(FormField f) => f.Pick switch
        {
            StaffList.Handlers => [.. staff.Handlers.Select(h => new Term(h.Id, h.Department is null ? h.Id : $"{h.Id}（{h.Department}）"))],
            StaffList.Departments => [.. staff.Departments.Select(d => new Term(d, d))],
            _ => null,
        };
        foreach (var step in steps.Where(s => May(s.Roles)))
            foreach (var target in step.TargetsOf(Current))
            {
                var isRefused = step.Code == refusedStep && target.Key == refusedTarget;
                if (!isRefused && !await step.AllowedNowAsync(Current, context, target.Key, session, ct)) continue;
                var state = isRefused ? refused! : new FormState();
                var (fields, remarks) = Shown(step.FieldsFor(target.Key), context);
                forms.Add(new StepForm(step.Code, step.Title, target.Key, target.Caption,
                    FieldView.Of(fields, state, Today, $"{step.Code}-{target.Key}-", Options).ToList(), state, isRefused)
                    { Remarks = remarks, Fixed = step.FixedFor(target.Key), Secondary = step.Secondary });
            }
        Steps = forms;
        Problem = refused?.Problem;
        await ShowingAsync(ct);
        return Page();
    }

    /// <summary>
    /// The fields a step's form shows, and the remarks it carries: an agency that issues no written notice is not asked
    /// for what only the notice would print (the write path would refuse it: typed text is never dropped silently), and
    /// a date defaulting to today says so when today is no working day on the calendar the agency's clock uses.
    /// </summary>
    private (IReadOnlyList<FormField> Fields, IReadOnlyList<StepRemark> Remarks) Shown(IReadOnlyList<FormField> fields, CaseContext context)
    {
        var remarks = new List<StepRemark>();
        if (!context.Notices.IssuesNotices && fields.Any(f => f.NoticeOnly))
        {
            fields = [.. fields.Where(f => !f.NoticeOnly)];
            remarks.Add(new StepRemark("本机关尚未完成告知书设置，登记此步骤时不出具书面告知书，告知书的内容（如获取信息的方式、理由和依据）在此不填写。",
                May(Security.Roles.Supervising) ? $"{ConsoleSetup.Prefix}/{AgencyId}/settings#notices-heading" : null, "前往“设置”填写告知书设置", "no-notice"));
        }
        if (fields.Any(f => f.Kind == FieldKind.Date && f.Required) && NonWorkingDay(context) is { } why)
            remarks.Add(new StepRemark($"日期默认为今天（{Today:yyyy-MM-dd}），{why}，请核对日期是否正确。", Key: "day-off"));
        return (fields, remarks);
    }

    private string? NonWorkingDay(CaseContext context)
    {
        try
        {
            if (context.Calendar.IsWorkingDay(Today)) return null;
            return Today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? $"按本机关使用的节假日安排为休息日（{(Today.DayOfWeek == DayOfWeek.Saturday ? "星期六" : "星期日")}）" : "按本机关使用的节假日安排为法定节假日";
        }
        catch (Domain.Calendar.CalendarNotAvailable)
        {
            return null; // the year's notice is not loaded: the clock says so on the page
        }
    }

    /// <summary>What else the page shows of <see cref="Current"/>, read once the case is loaded.</summary>
    protected virtual Task ShowingAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task<IActionResult> NotFoundPageAsync()
    {
        await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status404NotFound);
        return new EmptyResult();
    }
}

/// <summary>A line of a case's history: what (its label), on which business date.</summary>
public static class HistoryLine
{
    public static string Label(IEvent e) => global::Disclosure.Host.Cases.CaseHistory.EventLabels.GetValueOrDefault(e.EventTypeName) ?? e.EventTypeName;

    public static DateOnly? BusinessDate(IEvent e) => (e.Data as Domain.Applications.ICaseEvent)?.BusinessDate;
}

/// <summary>The step forms of a case page and the version they were made from.</summary>
public sealed record StepsView(IReadOnlyList<StepForm> Steps, long Version);

/// <summary>The as-it-stood banner of a case page: the instant (none: the case as it stands) and the day overdue is judged on.</summary>
public sealed record AsOfView(DateTimeOffset? At, DateOnly Day);

/// <summary>One step's form on the case page and the case version it is made from.</summary>
public sealed record StepView(StepForm Step, long Version);
