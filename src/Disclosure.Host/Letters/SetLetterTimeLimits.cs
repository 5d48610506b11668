using Disclosure.Domain.Agencies;
using Disclosure.Domain.Letters;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>The agency's own mailbox time limits (local rules differ by city); letters received or accepted afterwards use them.</summary>
public sealed record SetLetterTimeLimits(int? AcceptWithinWorkingDays, int? ReplyWithinWorkingDays);

public static class SetLetterTimeLimitsEndpoint
{
    public static ProblemDetails Validate(SetLetterTimeLimits cmd) => new Problems.Required()
        .Check(cmd.AcceptWithinWorkingDays is not null, "acceptWithinWorkingDays").Check(cmd.ReplyWithinWorkingDays is not null, "replyWithinWorkingDays")
        .Add(new LetterTimeLimits(cmd.AcceptWithinWorkingDays ?? 3, cmd.ReplyWithinWorkingDays ?? 15).Validate()).Result();

    [NonTransactional] // commits itself
    [WolverinePut("/api/agencies/{agency}/settings/letters"), Authorize(Roles = Roles.Supervisor + "," + Roles.Admin), Tags("Letters")]
    public static async Task<IResult> Put(string agency, SetLetterTimeLimits cmd, IDocumentStore store, AgencyDirectory directory, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        // agencies live in the default tenant, not in the route's
        await using var session = store.LightweightSession();
        session.LastModifiedBy = Actor.Of(http.User);
        session.Events.Append(RegisterAgencyEndpoint.StreamId(agency),
            new LetterTimeLimitsSet(agency, cmd.AcceptWithinWorkingDays!.Value, cmd.ReplyWithinWorkingDays!.Value, clock.Now));
        await session.SaveChangesAsync(ct);
        directory.Forget(agency);
        return Results.Ok(new LetterTimeLimits(cmd.AcceptWithinWorkingDays.Value, cmd.ReplyWithinWorkingDays.Value));
    }

}

public static class GetLetterTimeLimitsEndpoint
{
    [WolverineGet("/api/agencies/{agency}/settings/letters"), Authorize(Roles = Roles.Reading + "," + Roles.Statistician), Tags("Letters")]
    public static async Task<LetterTimeLimits> Get(string agency, AgencyDirectory directory, CancellationToken ct) =>
        (await directory.FindAsync(agency, ct))!.EffectiveLetterLimits;
}
