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

/// <summary>登记为信访: a letter received as an ordinary one is a 信访事项; the 信访工作条例 calendar-day limits apply from now on.</summary>
[Step("petition", "登记为信访事项", 5)]
public sealed record RegisterLetterAsPetition([property: Required] DateOnly? On, [property: Required, Text(500, MultiLine = true)] string? Reason) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.RegisterAsPetition(current, On!.Value, Reason, context.Today)];
}

public static class RegisterLetterAsPetitionEndpoint
{
    [WolverinePost("/api/agencies/{agency}/letters/{id}/petition", OperationId = "registerLetterAsPetition", Summary = "登记为信访事项 · Register a letter as 信访")]
    [Authorize(Roles = Roles.LetterDesk), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, RegisterLetterAsPetition cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
