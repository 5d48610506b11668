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

/// <summary>补正告知 (条例第三十条): once, within 7 working days of receipt — later notices are recorded and flagged.</summary>
public sealed record RequestCorrection(DateOnly? SentOn, IReadOnlyList<string>? Items, DateOnly? CorrectBy, long? Version);

public static class RequestCorrectionEndpoint
{
    public static ProblemDetails Validate(RequestCorrection cmd) => new Problems.Required()
        .Check(cmd.SentOn is not null, "sentOn").Check(cmd.Items is { Count: > 0 }, "items", "List what the applicant must correct.")
        .Check(cmd.CorrectBy is not null, "correctBy").Result();

    [NonTransactional] // commits itself, so a refused or lost write can answer 409 and leave nothing behind
    [WolverinePost("/api/agencies/{agency}/applications/{id}/correction-request"), Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static Task<IResult> Post(string id, RequestCorrection cmd, IDocumentSession session, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var steps = new ApplicationSteps(session, http, bus);
        return steps.Run(id, cmd.Version, app => ApplicationDecider.RequestCorrection(app, cmd.SentOn!.Value, cmd.Items, cmd.CorrectBy!.Value, steps.Today), ct);
    }
}
