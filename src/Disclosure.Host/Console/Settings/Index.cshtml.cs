using Disclosure.Host.Infrastructure;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Calendar;
using Disclosure.Host.Agencies;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cluster;
using Disclosure.Host.Letters;
using Disclosure.Host.Notices;
using Disclosure.Domain.Notices;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;

namespace Disclosure.Host.StaffConsole.Settings;

/// <summary>
/// 设置: the agency's mailbox time limits and reminder days (supervisors, administrators); for administrators also the
/// agencies and the holiday notices (with the reason every moved due date records). Each form calls the API endpoint's
/// own code, as the signed-in user.
/// </summary>
[Authorize(Roles = Roles.Supervising)]
public sealed class IndexModel(IDocumentStore store, ReferenceWrites writes, CalendarStore calendars, IMessageBus bus, Wolverine.Marten.IMartenOutbox outbox,
    Jobs.JobSettings jobSettings, ILogger<CalendarStore> log, AgencyDirectory directory) : ConsolePage
{
    public FormState Limits { get; } = new();
    public FormState Reminders { get; } = new();
    public FormState NewAgency { get; } = new();
    public FormState Holidays { get; } = new();
    /// <summary>告知书设置 and 信息处理费设置 (PUT …/settings/notices, …/settings/fees), shown with what is in force.</summary>
    public FormState NoticeSettings { get; } = new();
    public FormState FeePolicy { get; } = new();
    public NoticeSetup Setup { get; private set; } = NoticeSetup.None;
    public IReadOnlyList<FormField> NoticeFields { get; } = CommandForm.Fields(typeof(SetNoticeSettings));
    public IReadOnlyList<FormField> FeeFields { get; } = CommandForm.Fields(typeof(SetFeePolicy));
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public IReadOnlyList<HolidayNotice> Notices => calendars.Current.Notices;
    /// <summary>后台作业: the agency's latest jobs and, for administrators, those over every agency (the sweep, re-derivations).</summary>
    public IReadOnlyList<Jobs.Job> Jobs { get; private set; } = [];
    [FromQuery(Name = "done")] public string? Done { get; set; }

    public IReadOnlyList<FormField> LimitFields { get; } = CommandForm.Fields(typeof(SetLetterTimeLimits));
    public IReadOnlyList<FormField> ReminderFields { get; } = CommandForm.Fields(typeof(SetReminderSetting));
    public IReadOnlyList<FormField> AgencyFields { get; } = CommandForm.Fields(typeof(RegisterAgency));
    public IReadOnlyList<FormField> HolidayFields { get; } = CommandForm.Fields(typeof(LoadHolidayNotice));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostLimitsAsync(CancellationToken ct)
    {
        if (CommandForm.Bind<SetLetterTimeLimits>(Request.Form, Today, Limits) is not { } cmd) return await ShowAsync(ct, 400);
        if (EndpointAnswer.Failed(SetLetterTimeLimitsEndpoint.Validate(cmd), Limits, out var invalid)) return await ShowAsync(ct, invalid);
        return Saved(await SetLetterTimeLimitsEndpoint.Put(AgencyId, cmd, writes, Clock, HttpContext, ct), Limits, "limits") ?? await ShowAsync(ct, 400);
    }

    public async Task<IActionResult> OnPostRemindersAsync(CancellationToken ct)
    {
        if (CommandForm.Bind<SetReminderSetting>(Request.Form, Today, Reminders) is not { } cmd) return await ShowAsync(ct, 400);
        if (EndpointAnswer.Failed(SetReminderSettingEndpoint.Validate(cmd), Reminders, out var invalid)) return await ShowAsync(ct, invalid);
        return Saved(await SetReminderSettingEndpoint.Put(AgencyId, cmd, writes, Clock, HttpContext, ct), Reminders, "reminders") ?? await ShowAsync(ct, 400);
    }

    public async Task<IActionResult> OnPostNoticesAsync(CancellationToken ct)
    {
        if (CommandForm.Bind<SetNoticeSettings>(Request.Form, Today, NoticeSettings) is not { } cmd) return await ShowAsync(ct, 400);
        return Saved(await SetNoticeSettingsEndpoint.Put(AgencyId, cmd, directory, writes, Clock, HttpContext, ct), NoticeSettings, "notices") ?? await ShowAsync(ct, 400);
    }

    public async Task<IActionResult> OnPostFeesAsync(CancellationToken ct)
    {
        if (CommandForm.Bind<SetFeePolicy>(Request.Form, Today, FeePolicy) is not { } cmd) return await ShowAsync(ct, 400);
        return Saved(await SetFeePolicyEndpoint.Put(AgencyId, cmd, writes, Clock, HttpContext, ct), FeePolicy, "fees") ?? await ShowAsync(ct, 400);
    }

    /// <summary>The notice settings in force as the form's values (the defaults an unset agency would get).</summary>
    public Dictionary<string, string?> NoticeValues()
    {
        var s = Setup.Settings;
        var patterns = s?.NumberPatterns ?? Domain.Notices.NoticeSettings.DefaultPatterns(Agency.Code);
        return new()
        {
            ["agencyName"] = s?.AgencyName ?? Agency.Name, ["reconsiderationBody"] = s?.ReconsiderationBody,
            ["numberPatterns"] = string.Join("\n", patterns.Select(p => $"{p.Key}={p.Value}")), ["contactLines"] = string.Join("\n", s?.ContactLines ?? []),
        };
    }

    public Dictionary<string, string?> FeeValues()
    {
        var p = Setup.FeePolicy ?? Domain.Fees.FeePolicy.None;
        string YesNo(bool b) => b ? "true" : "false";
        return new()
        {
            ["charges"] = YesNo(p.Charges), ["method"] = Setup.FeePolicy is null ? null : p.Method, ["waivedCategories"] = string.Join("\n", p.WaivedCategories),
            ["caseWaiverAllowed"] = YesNo(p.CaseWaiverAllowed), ["personsAreSameBy"] = p.PersonsAreSameBy, ["organisationsAreSameBy"] = p.OrganisationsAreSameBy,
            ["paymentInstructions"] = string.Join("\n", p.PaymentInstructions), ["unidentifiedCountAlone"] = YesNo(p.UnidentifiedCountAlone),
        };
    }

    public async Task<IActionResult> OnPostAgencyAsync(CancellationToken ct)
    {
        if (!May(Roles.Administering)) return await RefuseAsync();
        if (CommandForm.Bind<RegisterAgency>(Request.Form, Today, NewAgency) is not { } cmd) return await ShowAsync(ct, 400);
        if (EndpointAnswer.Failed(RegisterAgencyEndpoint.Validate(cmd), NewAgency, out var invalid)) return await ShowAsync(ct, invalid);
        await using var session = store.QuerySession();
        return Saved(await RegisterAgencyEndpoint.Post(cmd, session, writes, Clock, HttpContext,
            HttpContext.RequestServices.GetRequiredService<Disclosure.Host.Infrastructure.AgencyDatabases>(), ct), NewAgency, "agency") ?? await ShowAsync(ct, 409);
    }

    public async Task<IActionResult> OnPostHolidaysAsync([FromForm(Name = "year")] int? year, CancellationToken ct)
    {
        if (!May(Roles.Administering)) return await RefuseAsync();
        Holidays.Values["year"] = year?.ToString() ?? "";
        if (year is not (>= 2008 and <= 2100)) Holidays.Errors["year"] = "请填写年度（2008 至 2100）。";
        var cmd = CommandForm.Bind<LoadHolidayNotice>(Request.Form, Today, Holidays);
        if (cmd is null || !Holidays.Ok) return await ShowAsync(ct, 400);
        if (EndpointAnswer.Failed(LoadHolidayNoticeEndpoint.Validate(year!.Value, cmd), Holidays, out var invalid)) return await ShowAsync(ct, invalid);
        if (bus is IMessageContext context) context.UserName = User.Identity?.Name;
        await LoadHolidayNoticeEndpoint.Put(year.Value, cmd, store, writes, Clock, HttpContext, outbox, jobSettings, log, ct);
        return Redirect($"{Request.Path}?done=holidays");
    }

    private IActionResult? Saved(object answer, FormState form, string done) =>
        EndpointAnswer.Failed(answer, form, out _) ? null : Redirect($"{Request.Path}?done={done}");

    private async Task<IActionResult> ShowAsync(CancellationToken ct, int status = 200)
    {
        await using var session = store.QuerySession();
        await using (var agencySession = store.QuerySession(AgencyId))
            Setup = await agencySession.LoadReferenceAsync<NoticeSetup>(AgencyId, ct) ?? NoticeSetup.None;
        Agencies = May(Roles.Administering) ? await session.Query<Agency>().OrderBy(a => a.Id).ToListAsync(ct) : [];
        var jobs = await Disclosure.Host.Jobs.GetJobEndpoint.LatestAsync(store, AgencyId, ct);
        if (May(Roles.Administering)) jobs = [.. jobs, .. await Disclosure.Host.Jobs.GetJobEndpoint.LatestAsync(store, null, ct)];
        Jobs = [.. jobs.OrderByDescending(j => j.StartedAt)];
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult> RefuseAsync()
    {
        await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status403Forbidden);
        return new EmptyResult();
    }
}
