using Disclosure.Domain;
using Disclosure.Domain.Calendar;
using Disclosure.Host.Infrastructure;
using Marten;
using Marten.Linq;

namespace Disclosure.Host.Cases;

/// <summary>
/// The lists of a kind of case, read alike for applications and letters: a page of summaries soonest due first, and the
/// worklist of the running cases overdue or due soon. The filters and the order are the kind's (its endpoint's); the
/// rules of a page, the horizon of a worklist and the split are these.
/// </summary>
public static class CaseLists
{
    /// <summary>The paging rules, a known status and a plausible year of receipt (<c>receivedYear</c>).</summary>
    public static Dictionary<string, string[]> Check(int page, int pageSize, string? status, IReadOnlyList<Term> statuses, int? receivedYear)
    {
        var errors = Paging.Check(page, pageSize, status, statuses);
        if (receivedYear is < 2008 or > 2100) errors["receivedYear"] = ["2008 to 2100."];
        return errors;
    }

    /// <summary>The filters every list of cases has: a status, overdue today (or not), the year of receipt.</summary>
    public static IQueryable<TCase> Filter<TCase>(CaseKind<TCase> kind, IQueryable<TCase> query, DateOnly today, string? status, bool? overdue, int? receivedYear)
        where TCase : class, ITrackedCase
    {
        if (status is not null) query = query.Where(c => c.Status == status);
        if (overdue is { } late) query = query.Where(kind.OverdueOn(today, late));
        if (receivedYear is { } year) query = query.Where(c => c.ReceivedYear == year);
        return query;
    }

    /// <summary>The page of <paramref name="ordered"/> (filtered and ordered by the kind) as summaries, with the count of all.</summary>
    public static async Task<IResult> PageAsync<TCase, TSummary>(IQueryable<TCase> filtered, Func<IQueryable<TCase>, IQueryable<TCase>> order,
        int page, int pageSize, Func<TCase, TSummary> summary, CancellationToken ct) where TCase : notnull
    {
        var items = await order(((IMartenQueryable<TCase>)filtered).Stats(out var stats)).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return Results.Ok(new Paged<TSummary>(items.Select(summary).ToList(), page, pageSize, stats.TotalResults));
    }

    /// <summary>
    /// The running cases of <paramref name="cases"/> due by the horizon (<see cref="WorklistHorizon"/>, the reminder rule), read in
    /// the kind's <paramref name="order"/>, told apart as overdue (due before today) and due soon.
    /// </summary>
    public static async Task<IResult> WorklistAsync<TCase, TSummary>(WorkingDayCalendar calendar, DateOnly today, int days,
        CaseKind<TCase> kind, IQueryable<TCase> cases, Func<IQueryable<TCase>, IQueryable<TCase>> order, Func<TCase, TSummary> summary,
        Func<DateOnly, List<TSummary>, List<TSummary>, object> worklist, CancellationToken ct) where TCase : class, ITrackedCase
    {
        var (until, problem) = WorklistHorizon.From(calendar, today, days);
        if (problem is not null) return problem;
        var open = await order(cases.Where(kind.Running).Where(c => c.DueOn != null && c.DueOn <= until)).ToListAsync(ct);
        return Results.Ok(worklist(until, open.Where(c => c.DueOn < today).Select(summary).ToList(), open.Where(c => c.DueOn >= today).Select(summary).ToList()));
    }
}
