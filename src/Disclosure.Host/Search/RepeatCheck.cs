using System.Diagnostics;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Search.Repeats;
using Disclosure.Host.Applications;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Disclosure.Host.Search;

/// <summary>
/// Finds the earlier applications a request may repeat. The index chooses whom to compare — the applicant's latest cases in
/// the window (and how many there are in all) and the requests most like this one whoever filed them (those sharing the most
/// <see cref="SimilarityKeys"/>) — the cases themselves are read as they stand (the agency's own, through its session), and
/// <see cref="RepeatFinder"/> decides. Reads only; the index follows the write path within moments (async daemon).
/// </summary>
public sealed class RepeatCheck(NpgsqlDataSource db, SearchTables tables, ApplicantKeyProtector protector, SearchSettings settings, ILogger<RepeatCheck> log)
{
    /// <summary>A text filed thousands of times (a campaign) is ranked among at most this many of its copies.</summary>
    private const int MostAlike = 1000;
    /// <summary>Of a frequent filer's requests, the latest this many are compared (besides the most similar of anyone's).</summary>
    private const int LatestOfApplicant = 20;

    public int WindowMonths => settings.RepeatWindowMonths;

    /// <summary>
    /// For a request being logged (nothing of it is stored yet), by every intake front door before it sends the intake. It
    /// never stops an intake: when the check fails the answer goes without it (null), and a clerk can look again on the case.
    /// </summary>
    public async Task<(RepeatReport? Report, double Milliseconds)> AtIntakeAsync(IQuerySession session, ReceiveApplication intake, CancellationToken ct)
    {
        try
        {
            return await TimedAsync(session, new RepeatRequest(ApplicantKey.Of(intake.ApplicantAsGiven()), intake.Description!, intake.ReceivedOn!.Value), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("The repeat check failed ({Error}); the application is logged without it.", e.GetType().Name);
            return (null, 0);
        }
    }

    /// <summary>For a case on file: the cases before it.</summary>
    public async Task<RepeatReport> OfAsync(IQuerySession session, Application app, CancellationToken ct) =>
        (await TimedAsync(session, new RepeatRequest(ApplicantKey.Of(app.Applicant), app.Description, app.ReceivedOn, app.Id), ct)).Report;

    private async Task<(RepeatReport Report, double Milliseconds)> TimedAsync(IQuerySession session, RepeatRequest request, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var agency = session.TenantId;
        var from = request.ReceivedOn.AddMonths(-settings.RepeatWindowMonths);
        var keys = protector.Of(request.Applicant).Select(k => k.Hash).ToArray();
        var alike = SimilarityKeys.Of(request.Text, agency);
        var self = request.Id ?? Guid.Empty;

        await using var batch = db.CreateBatch();
        // the batch is one implicit transaction: for it alone, the similar requests are found through the keys' GIN index. The
        // planner's guess for "overlaps 64 keys" is about one row in eight, and with a LIMIT it then prefers reading the whole
        // agency (measured: 2 s at 100,000 cases, against 5–20 ms through the index)
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select set_config('enable_seqscan', 'off', true)"));
        batch.BatchCommands.Add(Command($"""
            select count(distinct case_id) from {tables.ApplicantKeys}
            where tenant_id = $1 and applicant_key = any($2) and received_on between $3 and $4 and case_id <> $5
            """, agency, keys, from, request.ReceivedOn, self));
        batch.BatchCommands.Add(Command($"""
            select case_id from {tables.ApplicantKeys}
            where tenant_id = $1 and applicant_key = any($2) and received_on between $3 and $4 and case_id <> $5
            order by received_on desc limit {LatestOfApplicant}
            """, agency, keys, from, request.ReceivedOn, self));
        // the keys already belong to the agency (SimilarityKeys' scope): its name is checked on the rows, not looked up in an
        // index; the rows are ranked here (shared keys, then newest), cheaper than counting per row in SQL
        batch.BatchCommands.Add(Command($"""
            select id, received_on, similarity_keys from {tables.Cases}
            where similarity_keys && $6 and (tenant_id || '') = $1 and kind = 'application' and received_on between $3 and $4 and id <> $5
            limit {MostAlike}
            """, agency, keys, from, request.ReceivedOn, self, alike));
        var ids = new HashSet<Guid>();
        var sameApplicant = 0;
        if (keys.Length > 0 || alike.Length > 0)
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            if (await reader.ReadAsync(ct)) sameApplicant = (int)reader.GetInt64(0);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
            await reader.NextResultAsync(ct);
            var wanted = alike.ToHashSet();
            var similar = new List<(Guid Id, DateOnly ReceivedOn, int Shared)>();
            while (await reader.ReadAsync(ct))
                similar.Add((reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<int[]>(2).Count(wanted.Contains)));
            foreach (var c in similar.OrderByDescending(c => c.Shared).ThenByDescending(c => c.ReceivedOn).Take(settings.SimilarCandidates)) ids.Add(c.Id);
        }
        var cases = ids.Count == 0 ? [] : await session.LoadManyAsync<Application>(ct, ids);
        var candidates = cases.Select(a => new RepeatCandidate(a.Id, a.TrackingNumber, ApplicantKey.Of(a.Applicant), a.Description, a.ReceivedOn,
            a.Status == ApplicationStatuses.Answered));
        var findings = RepeatFinder.Find(request, candidates, new RepeatSettings(WindowMonths: settings.RepeatWindowMonths), sameApplicant);
        return (RepeatReport.From(findings, settings.RepeatWindowMonths), watch.Elapsed.TotalMilliseconds);
    }

    private static NpgsqlBatchCommand Command(string sql, string agency, string[] keys, DateOnly from, DateOnly to, Guid self, int[]? alike = null)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = agency, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        command.Parameters.Add(new NpgsqlParameter { Value = self });
        if (alike is not null) command.Parameters.Add(new NpgsqlParameter { Value = alike, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        return command;
    }
}
