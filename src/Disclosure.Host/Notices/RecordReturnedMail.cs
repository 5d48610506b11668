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

/// <summary>A posted notice came back (退件): the case is flagged until it is delivered again.</summary>
[Step("returned-mail", "邮件退回", 150, Secondary = true)]
public sealed record RecordReturnedMail([property: Required] DateOnly? ReturnedOn, [property: Text(500)] string? Reason) : ApplicationCommand
{
    // the console's step (Step): a notice that was posted, chosen by its 文号
    public static IEnumerable<StepTarget> Targets(Application current) => current.Notices.Where(n => Delivery.LastPosting(n) is not null).Select(StepTarget.Of);
    public RecordReturnedMail ForTarget(string? key) => this with { Number = key ?? "" };
    [JsonIgnore]
    public string Number { get; init; } = "";

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [NoticeDecider.ReturnMail(current, Number, ReturnedOn!.Value, Reason, context.Today)];
}

public static class RecordReturnedMailEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/notices/{number}/returned-mail", OperationId = "recordReturnedMail", Summary = "邮件退回 · Record returned mail")]
    [Authorize(Roles = Roles.Handling), Tags("Notices")]
    public static async Task<IResult> Post(string agency, string id, string number, RecordReturnedMail cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id, Number = number }, ct)).ToResult();
}
