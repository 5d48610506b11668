using Disclosure.Domain.Letters;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>受理: the letter is accepted for handling; the reply limit starts.</summary>
public sealed record AcceptLetter(DateOnly? On, long? Version);

public static class AcceptLetterEndpoint
{
    public static ProblemDetails Validate(AcceptLetter cmd) => new Problems.Required().Check(cmd.On is not null, "on").Result();

    [NonTransactional] // commits itself
    [WolverinePost("/api/agencies/{agency}/letters/{id}/acceptance"), Authorize(Roles = Roles.Handling + "," + Roles.Intake), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, AcceptLetter cmd, IDocumentSession session, HttpContext http, IMessageBus bus,
        Agencies.AgencyDirectory directory, CancellationToken ct)
    {
        // the agency's reply limit as it stands on acceptance (PUT …/settings/letters)
        var limits = (await directory.FindAsync(agency, ct))!.EffectiveLetterLimits;
        var steps = new LetterSteps(session, http, bus);
        return await steps.Run(id, cmd.Version, letter => LetterDecider.Accept(letter, cmd.On!.Value, limits, steps.Today), ct);
    }
}
