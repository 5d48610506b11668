using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

/// <summary>督办: a supervisor flags a letter still waiting for an answer, with the day it must be answered by.</summary>
[Step("supervision", "督办", 55)]
public sealed record SuperviseLetter([property: Required] DateOnly? On, [property: Required] DateOnly? ReplyBy,
    [property: Required, Text(500, MultiLine = true)] string? Note) : LetterCommand
{
    public override IEnumerable<object> Decide(Letter current, CaseContext context) =>
        [LetterDecider.Supervise(current, On!.Value, ReplyBy!.Value, Note, context.Today)];

    public static SuperviseLetter Sample(DateOnly today) => new(today, today.AddDays(7), "-");
}

/// <summary>A letter on the 督办 list.</summary>
public sealed record SupervisedLetter(Guid Id, string TrackingNumber, string Subject, [property: Codes(typeof(LetterStatuses))] string Status,
    string? Department, DateOnly SupervisedOn, DateOnly ReplyBy, string Note, bool Overdue);

/// <summary>The supervisor's 督办 list: the letters flagged and still waiting for an answer, the overdue ones first, and the counts.</summary>
public sealed record SupervisionList(DateOnly Today, int Open, int Overdue, IReadOnlyList<SupervisedLetter> Letters);

public static class SuperviseLetterEndpoint
{
    [WolverinePost("/api/agencies/{agency}/letters/{id}/supervision", OperationId = "superviseLetter", Summary = "督办 · Flag a letter with a day to answer by")]
    [Authorize(Roles = Roles.Supervising), Tags("Letters")]
    public static async Task<IResult> Post(string agency, string id, SuperviseLetter cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();

    [WolverineGet("/api/agencies/{agency}/letters/supervised", OperationId = "listSupervisedLetters", Summary = "督办清单 · Letters under 督办, with overdue counts")]
    [Authorize(Roles = Roles.Reading), Tags("Letters")]
    [ProducesResponseType<SupervisionList>(200)]
    public static async Task<IResult> List(IQuerySession session, BusinessClock clock, CancellationToken ct)
    {
        var today = clock.Today;
        var open = await session.Query<Letter>().Where(l => l.SuperviseBy != null && l.AwaitingAction).OrderBy(l => l.SuperviseBy).Take(1000).ToListAsync(ct);
        var letters = open.Select(l => new SupervisedLetter(l.Id, l.TrackingNumber, l.Subject, l.Status, l.Department, l.SupervisedOn!.Value,
                l.SuperviseBy!.Value, l.SupervisionNote ?? "", l.IsSupervisionOverdue(today)))
            .OrderByDescending(l => l.Overdue).ThenBy(l => l.ReplyBy).ToList();
        return Results.Ok(new SupervisionList(today, letters.Count, letters.Count(l => l.Overdue), letters));
    }
}
