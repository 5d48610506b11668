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

/// <summary>The consulted party answered; the excluded period ends on this day (条例第三十二条、第三十三条).</summary>
[Step("consultation-reply", "收到征求意见答复", 50)]
public sealed record ReceiveConsultationReply([property: Required] DateOnly? ReceivedOn, bool? Consents) : ApplicationCommand
{
    public static IEnumerable<StepTarget> Targets(Application current) => current.Consultations.Where(c => c.IsOpen).Select(c => new StepTarget(c.Id.ToString(), c.Party));
    public ReceiveConsultationReply ForTarget(string? key) => this with { ConsultationId = Guid.TryParse(key, out var id) ? id : Guid.Empty };
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid ConsultationId { get; init; }

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.ReceiveConsultationReply(current, ConsultationId, ReceivedOn!.Value, Consents, context.Today)];
}

public static class ReceiveConsultationReplyEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/consultations/{consultationId}/reply", OperationId = "receiveConsultationReply", Summary = "收到征求意见答复 · Record a consultation reply")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, string consultationId, ReceiveConsultationReply cmd, IMessageBus bus, CancellationToken ct) =>
        Guid.TryParse(consultationId, out var consultation)
            ? (await bus.SendAsync(agency, cmd with { Case = id, ConsultationId = consultation }, ct)).ToResult()
            : Problems.NotFound("There is no such consultation on this application.");
}
