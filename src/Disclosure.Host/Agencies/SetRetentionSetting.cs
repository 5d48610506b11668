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

/// <summary>How many years the agency keeps a closed case's personal data; <c>isDefault</c> when the agency never set it.</summary>
public sealed record RetentionSetting(int Years, bool IsDefault);

public sealed record SetRetentionSetting(int? Years);

public static class SetRetentionSettingEndpoint
{
    /// <summary>The Domain's rule (<see cref="AgencyRules.SetRetention"/>) as a 400.</summary>
    public static ProblemDetails Validate(SetRetentionSetting cmd) =>
        new Problems.Required().Ask(() => AgencyRules.SetRetention("", cmd.Years, default)).Result();

    /// <summary>
    /// The agency's retention period for personal data (its archive rules decide: 10 年, 30 年, 永久 …); erasure never touches a
    /// case closed less than this many years ago. Administrators only, as erasure itself.
    /// </summary>
    [WolverinePut("/api/agencies/{agency}/settings/retention", OperationId = "setRetentionSetting", Summary = "个人信息保存期限 · Set the retention period")]
    [Authorize(Roles = Roles.Administering), Tags("Privacy")]
    [ProducesResponseType<RetentionSetting>(200)]
    public static async Task<IResult> Put(string agency, SetRetentionSetting cmd, ReferenceWrites writes, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        var set = AgencyRules.SetRetention(agency, cmd.Years, clock.Now);
        await writes.RecordAsync(ReferenceStream.OfAgency(agency), Actor.Of(http.User), [set], ct);
        return Results.Ok(new RetentionSetting(set.Years, false));
    }
}

public static class GetRetentionSettingEndpoint
{
    [WolverineGet("/api/agencies/{agency}/settings/retention", OperationId = "getRetentionSetting", Summary = "个人信息保存期限 · The retention period")]
    [Authorize(Roles = Roles.ReadingSettings), Tags("Privacy")]
    public static async Task<RetentionSetting> Get(string agency, AgencyDirectory directory, CancellationToken ct)
    {
        var found = (await directory.FindAsync(agency, ct))!;
        return new RetentionSetting(found.EffectiveRetentionYears, found.RetentionYears is null);
    }
}
