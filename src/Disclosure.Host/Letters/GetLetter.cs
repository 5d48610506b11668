using Disclosure.Domain;
using Disclosure.Domain.Letters;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Disclosure.Host.Cases;
using Wolverine.Http;

namespace Disclosure.Host.Letters;

public sealed record LetterWorklist(DateOnly Today, DateOnly DueSoonUntil, IReadOnlyList<LetterSummary> Overdue, IReadOnlyList<LetterSummary> DueSoon);

public static class GetLetterEndpoints
{
    /// <summary>The letter with its time limits explained and its history; <c>{id}</c> may be the tracking number.</summary>
    [WolverineGet("/api/agencies/{agency}/letters/{id}", OperationId = "getLetter", Summary = "查看来信 · Get a letter with its history")]
    [Authorize(Roles = Roles.Reading), Tags("Letters")]
    [ProducesResponseType<LetterView>(200)]
    public static Task<IResult> Get(string id, IQuerySession session, BusinessClock clock, CancellationToken ct) =>
        CaseReads.GetAsync(LetterKind.Instance, session, id, clock.Today, ct);

    /// <summary>A page of letters, soonest due first; the writer's phone is masked.</summary>
    [WolverineGet("/api/agencies/{agency}/letters", OperationId = "listLetters", Summary = "来信列表 · List letters")]
    [Authorize(Roles = Roles.Reading), Tags("Letters")]
    [ProducesResponseType<Paged<LetterSummary>>(200)]
    public static async Task<IResult> List(IQuerySession session, BusinessClock clock, CancellationToken ct,
        string? status = null, bool? overdue = null, string? department = null, int? receivedYear = null, int page = 1, int pageSize = 50)
    {
        var errors = CaseLists.Check(page, pageSize, status, LetterStatuses.All, receivedYear);
        if (errors.Count > 0) return Problems.ValidationResult(errors);

        var today = clock.Today;
        var q = CaseLists.Filter(LetterKind.Instance, session.Query<Letter>(), today, status, overdue, receivedYear);
        if (department is not null) q = q.Where(l => l.Department == department);
        return await CaseLists.PageAsync(q, o => o.OrderBy(l => l.DueOn).ThenBy(l => l.TrackingNumber), page, pageSize, l => LetterSummary.From(l, today), ct);
    }

    /// <summary>Overdue and due-soon letters, optionally of one department.</summary>
    [WolverineGet("/api/agencies/{agency}/letters/worklist", OperationId = "letterWorklist", Summary = "到期提醒（来信） · Letters overdue or due soon")]
    [Authorize(Roles = Roles.Reading), Tags("Letters")]
    [ProducesResponseType<LetterWorklist>(200)]
    public static async Task<IResult> Worklist(IQuerySession session, BusinessClock clock, CalendarStore calendars, CancellationToken ct,
        string? department = null, int days = 3)
    {
        var today = clock.Today;
        var letters = department is null ? session.Query<Letter>() : session.Query<Letter>().Where(l => l.Department == department);
        return await CaseLists.WorklistAsync(calendars.Current, today, days, LetterKind.Instance, letters,
            q => q.OrderBy(l => l.DueOn).Take(2000), l => LetterSummary.From(l, today), (until, overdue, soon) => new LetterWorklist(today, until, overdue, soon), ct);
    }
}
