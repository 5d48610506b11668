using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Notices;

/// <summary>
/// A delivery failed (the applicant refused to sign, no such address, the e-mail could not be sent after every retry):
/// the case is flagged until the notice is delivered again. Recorded by a handler, or by the e-mail delivery itself.
/// </summary>
[Step("delivery-failure", "送达未成功", 145, Secondary = true)]
public sealed record RecordDeliveryFailure([property: Required] DateOnly? On, [property: Required, Text(500)] string? Reason) : ApplicationCommand
{
    // the console's step (Step): a failed delivery of a notice already issued, chosen by its 文号 (the mailer records its own)
    public static IEnumerable<StepTarget> Targets(Application current) => current.Notices.Select(StepTarget.Of);
    public RecordDeliveryFailure ForTarget(string? key) => this with { Number = key ?? "" };

    [JsonIgnore]
    public string Number { get; init; } = "";

    [JsonIgnore]
    public bool ByMailer { get; init; }

    public override bool BySystem => ByMailer;

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [NoticeDecider.FailDelivery(current, Number, On!.Value, Reason, context.Today)];
}

public static class RecordDeliveryFailureEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/notices/{number}/delivery-failure", OperationId = "recordDeliveryFailure", Summary = "送达未成功 · Record a failed delivery")]
    [Authorize(Roles = Roles.Handling), Tags("Notices")]
    public static async Task<IResult> Post(string agency, string id, string number, RecordDeliveryFailure cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id, Number = number }, ct)).ToResult();
}
