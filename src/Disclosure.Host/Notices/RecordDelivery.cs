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
/// 送达 of a notice (国办公开办函〔2016〕235号), by method: <c>direct</c> or <c>delegated</c> with <c>signedOn</c> (and who
/// signed), <c>post</c> with <c>postedOn</c> (交邮之日) and the <c>postalTrackingNumber</c> (邮政企业 only), <c>electronic</c>
/// with the applicant's recorded <c>consent</c> and <c>arrivedAt</c>. The date that counts for the deadline follows the
/// method; an answer decided in time but delivered late is flagged on the case (<c>delivered_late</c>). A posted notice may
/// add <c>receiptSignedOn</c>, the day on the postal return receipt (回执): the day the applicant received it, from which
/// the applicant's 缴费期限 runs when it is the 收费通知书 (recorded again with the receipt when that comes back).
/// The same delivery recorded again (a retried e-mail) is not recorded twice.
/// </summary>
[Step("delivery", "记录送达", 140)]
public sealed record RecordDelivery(
    [property: Required, Codes(typeof(DeliveryMethods))] string? Method,
    DateOnly? SignedOn = null,
    [property: Text(100)] string? SignedBy = null,
    DateOnly? PostedOn = null,
    [property: Text(40)] string? PostalTrackingNumber = null,
    [property: Text(500)] string? Consent = null,
    DateTimeOffset? ArrivedAt = null,
    DateOnly? ReceiptSignedOn = null) : ApplicationCommand
{
    // the console's step (Step): 送达 of a notice already issued, chosen by its 文号
    public static RecordDelivery Sample(DateOnly today) => new(DeliveryMethods.Direct, SignedOn: today);
    public static IEnumerable<StepTarget> Targets(Application current) => current.Notices.Select(StepTarget.Of);
    public RecordDelivery ForTarget(string? key) => this with { Number = key ?? "" };
    /// <summary>The notice's 文号 (from the route).</summary>
    [JsonIgnore]
    public string Number { get; init; } = "";

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        NoticeDecider.Deliver(current, Number, Method, context.Today, SignedOn, SignedBy, PostedOn, PostalTrackingNumber, Consent, ArrivedAt, ReceiptSignedOn);
}

public static class RecordDeliveryEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/notices/{number}/delivery", OperationId = "recordDelivery", Summary = "送达 · Record the delivery of a notice")]
    [Authorize(Roles = Roles.Handling), Tags("Notices")]
    public static async Task<IResult> Post(string agency, string id, string number, RecordDelivery cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id, Number = number }, ct)).ToResult();
}
