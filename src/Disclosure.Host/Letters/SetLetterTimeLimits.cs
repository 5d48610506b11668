using System.ComponentModel.DataAnnotations;
using Disclosure.Host.Cases;
using Disclosure.Domain.Agencies;
using Disclosure.Domain.Letters;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Cluster;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>The agency's own mailbox time limits (local rules differ by city); letters received or accepted afterwards use them.</summary>
public sealed record SetLetterTimeLimits([property: Required] int? AcceptWithinWorkingDays, [property: Required] int? ReplyWithinWorkingDays);

public static class SetLetterTimeLimitsEndpoint
{
    public static ProblemDetails Validate(SetLetterTimeLimits cmd) => new Problems.Required()
        
        .Add(new LetterTimeLimits(cmd.AcceptWithinWorkingDays ?? 3, cmd.ReplyWithinWorkingDays ?? 15).Validate()).Result();

    [WolverinePut("/api/agencies/{agency}/settings/letters", OperationId = "setLetterTimeLimits", Summary = "来信办理时限 · Set the mailbox time limits")]
    [Authorize(Roles = Roles.Supervising), Tags("Letters")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<Disclosure.Domain.Letters.LetterTimeLimits>(200)]
    public static async Task<IResult> Put(string agency, SetLetterTimeLimits cmd, ReferenceWrites writes, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        await writes.RecordAsync(ReferenceStream.OfAgency(agency), Actor.Of(http.User), [new LetterTimeLimitsSet(agency, cmd.AcceptWithinWorkingDays!.Value, cmd.ReplyWithinWorkingDays!.Value, clock.Now)], ct);
        return Results.Ok(new LetterTimeLimits(cmd.AcceptWithinWorkingDays.Value, cmd.ReplyWithinWorkingDays.Value));
    }

}

public static class GetLetterTimeLimitsEndpoint
{
    [WolverineGet("/api/agencies/{agency}/settings/letters", OperationId = "getLetterTimeLimits", Summary = "来信办理时限 · The mailbox time limits")]
    [Authorize(Roles = Roles.ReadingSettings), Tags("Letters")]
    public static async Task<LetterTimeLimits> Get(string agency, AgencyDirectory directory, CancellationToken ct) =>
        (await directory.FindAsync(agency, ct))!.EffectiveLetterLimits;
}
