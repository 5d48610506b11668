using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>No correction by the date set: the application is not processed further (条例第三十条; report （六）1).</summary>
[Step("correction-lapse", "逾期未补正，不再处理", 30)]
public sealed record LapseCorrection([property: Required] DateOnly? On) : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.LapseCorrection(current, On!.Value, context.Today)];
}

public static class LapseCorrectionEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/correction-lapse", OperationId = "lapseCorrection", Summary = "逾期未补正，不再处理 · Record that no correction came")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, LapseCorrection cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
