using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Agencies;
using Disclosure.Host.Cases;
using Disclosure.Host.Cluster;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Agencies;

public sealed record ReminderSetting(int WorkingDaysBefore, int? UndeliveredNoticeWorkingDays = null);

/// <param name="UndeliveredNoticeWorkingDays">After how many working days an answer notice not yet delivered reminds the
/// handlers (0: never, the default); left out: unchanged.</param>
public sealed record SetReminderSetting([property: Range(0, AgencyRules.MaxReminderWorkingDays)] int? WorkingDaysBefore,
    [property: Range(0, AgencyRules.MaxUndeliveredNoticeWorkingDays), Label("答复书出具后未送达提醒（工作日，0 为不提醒）")] int? UndeliveredNoticeWorkingDays = null);

public static class SetReminderSettingEndpoint
{
    /// <summary>The Domain's rules (<see cref="AgencyRules.SetReminder"/>, <see cref="AgencyRules.SetUndeliveredNoticeReminder"/>) as a 400: for the endpoint and the console's settings page.</summary>
    public static ProblemDetails Validate(SetReminderSetting cmd) => new Problems.Required()
        .Ask(() => AgencyRules.SetReminder("", cmd.WorkingDaysBefore, default))
        .Ask(() => { if (cmd.UndeliveredNoticeWorkingDays is not null) AgencyRules.SetUndeliveredNoticeReminder("", cmd.UndeliveredNoticeWorkingDays, default); })
        .Result();

    /// <summary>How many working days before a due date the agency's handlers are reminded (default 3).</summary>
    [WolverinePut("/api/agencies/{agency}/settings/reminders", OperationId = "setReminderSetting", Summary = "提醒设置 · Set the reminder days")]
    [Authorize(Roles = Roles.Supervising), Tags("Agencies")]
    [ProducesResponseType<ReminderSetting>(200)]
    public static async Task<IResult> Put(string agency, SetReminderSetting cmd, ReferenceWrites writes, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        List<object> changes = [AgencyRules.SetReminder(agency, cmd.WorkingDaysBefore, clock.Now)];
        if (cmd.UndeliveredNoticeWorkingDays is not null)
            changes.Add(AgencyRules.SetUndeliveredNoticeReminder(agency, cmd.UndeliveredNoticeWorkingDays, clock.Now));
        await writes.RecordAsync(ReferenceStream.OfAgency(agency), Actor.Of(http.User), changes, ct);
        return Results.Ok(new ReminderSetting(cmd.WorkingDaysBefore!.Value, cmd.UndeliveredNoticeWorkingDays));
    }
}
