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

public sealed record SetReminderSetting([property: Range(0, 20)] int? WorkingDaysBefore);

public static class SetReminderSettingEndpoint
{
    public static ProblemDetails Validate(SetReminderSetting cmd) => new Problems.Required()
        .Check(cmd.WorkingDaysBefore is >= 0 and <= 20, "workingDaysBefore", "0 to 20 working days.").Result();

    /// <summary>How many working days before a due date the agency's handlers are reminded (default 3).</summary>
    [WolverinePut("/api/agencies/{agency}/settings/reminders", OperationId = "setReminderSetting", Summary = "提醒设置 · Set the reminder days")]
    [Authorize(Roles = Roles.Supervising), Tags("Agencies")]
    [ProducesResponseType<ReminderSetting>(200)]
    public static async Task<IResult> Put(string agency, SetReminderSetting cmd, ReferenceWrites writes, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        await writes.RecordAsync(ReferenceStream.OfAgency(agency), Actor.Of(http.User), [new ReminderSettingSet(agency, cmd.WorkingDaysBefore!.Value, clock.Now)], ct);
        return Results.Ok(new ReminderSetting(cmd.WorkingDaysBefore.Value));
    }
}
