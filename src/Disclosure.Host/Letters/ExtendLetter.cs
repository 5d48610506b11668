using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>More time to reply, approved once: in working days, or for a 信访 letter in calendar days (at most 30, 信访工作条例第三十四条).</summary>
[Step("extension", "延期", 50)]
public sealed record ExtendLetter([property: Required] DateOnly? ApprovedOn, [property: Range(1, 30)] int? WorkingDays, [property: Required, Text(2000, MultiLine = true)] string? Reason,
    [property: Range(1, 30)] int? CalendarDays = null) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.Extend(current, ApprovedOn!.Value, WorkingDays, CalendarDays, Reason, context.Today)];
}

public static class ExtendLetterEndpoint
{

    [WolverinePost("/api/agencies/{agency}/letters/{id}/extension", OperationId = "extendLetter", Summary = "延期 · Extend the reply limit")]
    [Authorize(Roles = Roles.Handling), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, ExtendLetter cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
