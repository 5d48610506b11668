using System.ComponentModel.DataAnnotations;
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

public sealed record ReminderSetting(int WorkingDaysBefore);

public sealed record SetReminderSetting([property: Range(0, AgencyRules.MaxReminderWorkingDays)] int? WorkingDaysBefore);

public static class SetReminderSettingEndpoint
{
    /// <summary>The Domain's rule (<see cref="AgencyRules.SetReminder"/>) as a 400: for the endpoint and the console's settings page.</summary>
    public static ProblemDetails Validate(SetReminderSetting cmd) =>
        new Problems.Required().Ask(() => AgencyRules.SetReminder("", cmd.WorkingDaysBefore, default)).Result();

    /// <summary>How many working days before a due date the agency's handlers are reminded (default 3).</summary>
    [WolverinePut("/api/agencies/{agency}/settings/reminders", OperationId = "setReminderSetting", Summary = "提醒设置 · Set the reminder days")]
    [Authorize(Roles = Roles.Supervising), Tags("Agencies")]
    [ProducesResponseType<ReminderSetting>(200)]
    public static async Task<IResult> Put(string agency, SetReminderSetting cmd, ReferenceWrites writes, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        var set = AgencyRules.SetReminder(agency, cmd.WorkingDaysBefore, clock.Now);
        await writes.RecordAsync(ReferenceStream.OfAgency(agency), Actor.Of(http.User), [set], ct);
        return Results.Ok(new ReminderSetting(set.WorkingDaysBefore));
    }
}
