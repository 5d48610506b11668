using Disclosure.Domain.Applications;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>No correction by the date set: the application is not processed further (条例第三十条; report （六）1).</summary>
public sealed record LapseCorrection(DateOnly? On, long? Version);

public static class LapseCorrectionEndpoint
{
    public const string Rule = "条例第三十条：申请人无正当理由逾期不补正的，视为放弃申请";

    public static ProblemDetails Validate(LapseCorrection cmd) => new Problems.Required().Check(cmd.On is not null, "on").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/correction-lapse"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, LapseCorrection cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.LapseCorrection(app, cmd.On!.Value, steps.Today, Rule), ct);
    }
}
