using Disclosure.Host.Privacy;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;
using Disclosure.Domain.Letters;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Disclosure.Host.StaffConsole.Worklist;

/// <summary>One line of the worklist: an application or a letter, the applicant or writer masked.</summary>
public sealed record WorkItem(string Kind, Guid Id, string TrackingNumber, DateOnly? DueOn, string Status, string StatusLabel, string Who,
    string? Department, DateOnly ReceivedOn, int? WorkingDaysLeft);

public sealed record WorklistFilter(string? Kind, string? Status, string? Department, int Page);

public sealed record WorklistPage(IReadOnlyList<WorkItem> Items, bool More, int Overdue, int DueSoon, DateOnly DueSoonUntil);

/// <summary>
/// The worklist of one agency: applications and letters in one list, soonest due first — so the overdue and those due
/// within the reminder window lead. One SQL statement over the two case tables (a UNION ALL that PostgreSQL merges from
/// two partial indexes of open cases by agency and due date, <see cref="Infrastructure.EventStore"/>), reading only the
/// columns the list shows; a page is 50 lines and "more" is known from a 51st. PostgreSQL cannot estimate how many
/// documents are open from the JSON alone: <see cref="WorklistStatistics"/> gives it statistics on that expression, without
/// which it sorts every open case instead of walking the index (measured: 490 ms against 2 ms with 100,000 open cases).
/// </summary>
public sealed class WorklistQuery(NpgsqlDataSource dataSource)
{
    public const int PageSize = 50;
    /// <summary>The counts of overdue and due-soon cases stop here ("1000+").</summary>
    public const int CountCap = 1000;

    // the expressions of the partial indexes mt_doc_application_idx_open_due / mt_doc_letter_idx_open_due
    private const string Applications = """
        select 'application' as kind, id, data ->> 'trackingNumber' as number, disclosure.mt_immutable_date(data ->> 'dueOn') as due,
               data ->> 'status' as status, data -> 'applicant' ->> 'name' as who, data -> 'applicant' ->> 'category' as category, null::text as department,
               data ->> 'receivedOn' as received
        from disclosure.mt_doc_application where tenant_id = $1
        """;
    private const string Letters = """
        select 'letter' as kind, id, data ->> 'trackingNumber' as number, disclosure.mt_immutable_date(data ->> 'dueOn') as due,
               data ->> 'status' as status, data -> 'writer' ->> 'name' as who, 'natural_person' as category, data ->> 'department' as department,
               data ->> 'receivedOn' as received
        from disclosure.mt_doc_letter where tenant_id = $1
        """;
    private const string OpenApplication = "data ->> 'isOpen' = 'true'";
    private const string OpenLetter = "data ->> 'awaitingAction' = 'true'";

    public async Task<WorklistPage> PageAsync(string agency, WorklistFilter filter, DateOnly today, WorkingDayCalendar calendar, int reminderDays, CancellationToken ct)
    {
        DateOnly until;
        try { until = calendar.AddWorkingDays(today, reminderDays); }
        catch (CalendarNotAvailable) { until = today.AddDays(reminderDays); }

        var parts = new List<string>();
        // a status filter finds closed cases too; without one, the open cases
        if (filter.Kind is null or "application" && filter.Department is null && (filter.Status is null || ApplicationStatuses.All.Find(filter.Status) is not null))
            parts.Add(Applications + " and " + (filter.Status is null ? OpenApplication : "data ->> 'status' = $4"));
        if (filter.Kind is null or "letter" && (filter.Status is null || LetterStatuses.All.Find(filter.Status) is not null))
            parts.Add(Letters + " and " + (filter.Status is null ? OpenLetter : "data ->> 'status' = $4") + (filter.Department is null ? "" : " and data ->> 'department' = $5"));
        if (parts.Count == 0) return new WorklistPage([], false, 0, 0, until);

        // each kind walks its index in due order up to the end of the page; the two short lists are merged
        var list = $"select * from ({string.Join(" union all ", parts.Select(p => $"({p} order by due nulls last, number limit $2 + $3)"))}) cases "
            + "order by due nulls last, number limit $2 offset $3";
        // how many are overdue and due soon, counted up to CountCap each (a count of every overdue case of a large backlog
        // would read them all; the list shows them anyway)
        string Count(string range) => $"(select count(*) from (select 1 from ({string.Join(" union all ", parts.Select(p => p + " and " + range))}) c limit {CountCap}) n)";
        var counts = $"select {Count("disclosure.mt_immutable_date(data ->> 'dueOn') < $6")}, {Count("disclosure.mt_immutable_date(data ->> 'dueOn') between $6 and $7")}";
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(list, agency, filter, today, until));
        batch.BatchCommands.Add(Command(counts, agency, filter, today, until));
        await using var reader = await batch.ExecuteReaderAsync(ct);

        var items = new List<WorkItem>();
        while (await reader.ReadAsync(ct))
        {
            var kind = reader.GetString(0);
            DateOnly? due = reader.IsDBNull(3) ? null : DateOnly.FromDateTime(reader.GetDateTime(3));
            var status = reader.GetString(4);
            items.Add(new WorkItem(kind, reader.GetGuid(1), reader.GetString(2), due, status,
                (kind == "application" ? ApplicationStatuses.All : LetterStatuses.All).Find(status)?.Label ?? status,
                Mask.Name(reader.IsDBNull(5) ? "" : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7), DateOnly.Parse(reader.GetString(8)), Left(calendar, today, due)));
        }
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var overdue = (int)reader.GetInt64(0);
        var dueSoon = (int)reader.GetInt64(1);
        var more = items.Count > PageSize;
        return new WorklistPage(more ? items[..PageSize] : items, more, overdue, dueSoon, until);
    }

    private static NpgsqlBatchCommand Command(string sql, string agency, WorklistFilter filter, DateOnly today, DateOnly until)
    {
        return TenantSql.BatchCommand(agency, sql,
            PageSize + 1,
            (Math.Max(filter.Page, 1) - 1) * PageSize,
            new NpgsqlParameter { Value = filter.Status ?? "", NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = filter.Department ?? "", NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = today.ToDateTime(TimeOnly.MinValue), NpgsqlDbType = NpgsqlDbType.Date },
            new NpgsqlParameter { Value = until.ToDateTime(TimeOnly.MinValue), NpgsqlDbType = NpgsqlDbType.Date });
    }

    /// <summary>Working days from today to the due date; negative when overdue; null where the calendar has no notice yet.</summary>
    public static int? Left(WorkingDayCalendar calendar, DateOnly today, DateOnly? due)
    {
        if (due is not { } d) return null;
        try { return d >= today ? calendar.CountWorkingDays(today, d) : -calendar.CountWorkingDays(d, today); }
        catch (CalendarNotAvailable) { return null; }
    }
}

public static class WorklistView
{
    /// <summary>A capped count as shown: "1000+" when it reached the cap.</summary>
    public static string Count(int n) => n >= WorklistQuery.CountCap ? $"{WorklistQuery.CountCap}+" : n.ToString();
}

/// <summary>Extended statistics on the "open" expressions of the case tables (see <see cref="WorklistQuery"/>), created at start if missing.</summary>
public sealed class WorklistStatistics(NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        // created once; the tables are analysed then so the statistics exist at once (autovacuum keeps them after)
        await using var cmd = dataSource.CreateCommand("""
            do $$ begin
              if not exists (select from pg_statistic_ext where stxname = 'mt_doc_application_open_stat') then
                create statistics disclosure.mt_doc_application_open_stat on (data ->> 'isOpen') from disclosure.mt_doc_application;
                analyze disclosure.mt_doc_application;
              end if;
              if not exists (select from pg_statistic_ext where stxname = 'mt_doc_letter_open_stat') then
                create statistics disclosure.mt_doc_letter_open_stat on (data ->> 'awaitingAction') from disclosure.mt_doc_letter;
                analyze disclosure.mt_doc_letter;
              end if;
            end $$;
            """);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
