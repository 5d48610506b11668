using System.Diagnostics;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Search.Repeats;
using Disclosure.Host.Applications;
using Disclosure.Host.Infrastructure;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Disclosure.Host.Search;

/// <summary>
/// Finds the earlier applications a request may repeat. The index chooses whom to compare — the applicant's latest cases in
/// the window (and how many there are in all) and the requests most like this one whoever filed them (those sharing the most
/// of its distinctive <see cref="SimilarityKeys"/>: keys common in the agency are left out, so the cost is bounded however
/// many lookalikes its history holds) — the cases themselves are read as they stand (the agency's own documents, in the same
/// batch as the index's rows when they are few, else through its session), and <see cref="RepeatFinder"/> decides. Reads
/// only; the index follows the write path within moments (async daemon).
/// </summary>
public sealed class RepeatCheck(AgencyDatabases databases, SearchTables tables, ApplicantKeyProtector protector, SearchSettings settings, ILogger<RepeatCheck> log)
{
    /// <summary>Of a frequent filer's requests, the latest this many are compared (besides the most similar of anyone's).</summary>
    private const int LatestOfApplicant = 20;

    public int WindowMonths => settings.RepeatWindowMonths;

    /// <summary>
    /// For a request being logged (nothing of it is stored yet), by the write path once the intake is accepted
    /// (<see cref="Cases.CaseWrites"/>). It never stops an intake: when the check fails the answer goes without it (null),
    /// and a clerk can look again on the case. <paramref name="numberSql"/>, the statement that takes the case's tracking
    /// number (<see cref="TrackingNumbers.NextSqlAsync"/>), goes in the check's own batch, ahead of its reads: one round trip
    /// and one transaction fewer per intake; its value is answered even when the reads after it fail (no gap in the numbers).
    /// </summary>
    public async Task<IntakeCheck> AtIntakeAsync(IQuerySession session, ReceiveApplication intake, string? numberSql, CancellationToken ct)
    {
        long? number = null;
        try
        {
            var done = await TimedAsync(session, new RepeatRequest(ApplicantKey.Of(intake.ApplicantAsGiven()), intake.Description!, intake.ReceivedOn!.Value), ct,
                numberSql, taken => number = taken);
            return new IntakeCheck(done.Report, done.Milliseconds, number);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("The repeat check failed ({Error}); the application is logged without it.", e.GetType().Name);
            return new IntakeCheck(null, 0, number);
        }
    }

    /// <summary>The database the check reads for the agency: a tracking number goes in its batch only if the sequences live there too.</summary>
    public Npgsql.NpgsqlDataSource DatabaseOf(string agency) => databases.For(agency);

    /// <summary>For a case on file: the cases before it.</summary>
    public async Task<RepeatReport> OfAsync(IQuerySession session, Application app, CancellationToken ct) =>
        (await MeasuredOfAsync(session, app, ct)).Report;

    /// <summary>For a case on file, with what the check read (<see cref="RepeatReads"/>).</summary>
    public Task<RepeatChecked> MeasuredOfAsync(IQuerySession session, Application app, CancellationToken ct) =>
        TimedAsync(session, new RepeatRequest(ApplicantKey.Of(app.Applicant), app.Description, app.ReceivedOn, app.Id), ct);

    /// <param name="first">A statement answering one number, sent first in the check's batch (the intake's tracking number): its value goes to <paramref name="taken"/>.</param>
    private async Task<RepeatChecked> TimedAsync(IQuerySession session, RepeatRequest request, CancellationToken ct, string? first = null, Action<long>? taken = null)
    {
        var watch = Stopwatch.StartNew();
        var agency = session.TenantId;
        var from = request.ReceivedOn.AddMonths(-settings.RepeatWindowMonths);
        var keys = protector.Of(request.Applicant).Select(k => k.Hash).ToArray();
        var alike = SimilarityKeys.Of(request.Text, agency);
        var self = request.Id ?? Guid.Empty;

        await using var batch = databases.For(agency).CreateBatch(); // the agency's database (one, unless there are several)
        // the batch is one implicit transaction: for it alone, the similar requests are found through the keys' GIN index. The
        // planner's guess for "overlaps 64 keys" is about one row in eight, and with a LIMIT it then prefers reading the whole
        // agency (measured: 2 s at 100,000 cases, against 5–20 ms through the index)
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select set_config('enable_seqscan', 'off', true)"));
        if (first is not null) batch.BatchCommands.Add(new NpgsqlBatchCommand(first));
        // the same applicant's applications come by identity alone, whatever their texts and however common their keys. They
        // are counted up to the cap: a case has at most one row per identity key, so reading cap × keys rows and finding one
        // more means more than cap cases — a 职业申请人's thousands are not all read on every case page (#27)
        var cap = settings.SameApplicantCountCap;
        var rows = (long)cap * Math.Max(keys.Length, 1);
        batch.BatchCommands.Add(Command($"""
            select count(distinct case_id), count(*) from (
              select case_id from {tables.ApplicantKeys}
              where tenant_id = $1 and applicant_key = any($2) and received_on between $3 and $4 and case_id <> $5
              limit {rows + 1}) r
            """, agency, keys, from, request.ReceivedOn, self));
        // the applicant's latest cases come with their documents (the agency's own rows, by primary key): no second round trip
        var documents = $"{tables.Schema}.mt_doc_application";
        batch.BatchCommands.Add(Command($"""
            select l.case_id, doc.data from (
              select case_id from {tables.ApplicantKeys}
              where tenant_id = $1 and applicant_key = any($2) and received_on between $3 and $4 and case_id <> $5
              order by received_on desc limit {LatestOfApplicant}) l
            left join {documents} doc on doc.tenant_id = $1 and doc.id = l.case_id
            """, agency, keys, from, request.ReceivedOn, self));
        // anyone's similar requests: only the keys fewer than FrequentKeyCases of the agency's applications carry choose them
        // (a campaign's model text, boilerplate: every earlier copy would share those), so the rows read are at most
        // Bands × FrequentKeyCases whatever the agency's history — the LIMIT holds the rows read to that bound even while the
        // counts lag a burst of copies (the index's bitmap then still spans them). The rows are ranked here, by the distinctive
        // keys they share, then newest, and only the best SimilarCandidates are loaded and compared: counting shared keys per
        // row in SQL (a sub-select per row) cost ~88 of 108 ms at the 2,048-row bound, a hash set here a fraction of a
        // millisecond. The keys already belong to the agency (SimilarityKeys' scope): its name is checked on the rows, not
        // looked up in an index.
        // The frequent keys are looked up by the request's own keys (at most Bands probes of the primary key; every key has its
        // count, and those under the mark are filtered out here): written as
        // "not exists" per key, a plan for the values at hand read all of the agency's counts and hashed them (3,770 rows in a
        // small agency, growing with it). The window's dates are kept out of the index (received_on + 0): once the statement
        // is prepared, PostgreSQL's generic plan (no values) guessed the window narrow and read the agency's cases in date
        // order through ix_search_cases_received, filtering each by its keys — every case of the last two years at every
        // intake (measured: 971 buffers against 349 through the keys' GIN index with 787 cases; README "Intake with the
        // repeat check"). When the rows are no more than SimilarCandidates they are all handed on whatever their rank, so
        // their documents come with them (by primary key): the usual case, a campaign's copy sharing its few distinctive keys
        // with a handful of others, needs no second round trip. The count decides between two branches, each gated once (a
        // one-time filter over the rows already read): as a condition of the documents' join it was a join filter, and with
        // 2,048 rows the documents' index was probed for every row and the documents dropped afterwards (~16 ms, EXPLAIN
        // ANALYZE; README "Intake with the repeat check")
        var frequent = settings.FrequentKeyCases;
        batch.BatchCommands.Add(Command($"""
            with d as (
              select coalesce(array_agg(k), array[]::integer[]) as keys from unnest($6::integer[]) as k
              where k <> all (array(select c.similarity_key from {tables.KeyCounts} c
                                    where c.tenant_id = $1 and c.similarity_key = any($6) and c.cases >= {frequent}))),
            alike as (
              select s.id, s.received_on, s.similarity_keys from {tables.Cases} s
              where s.distinctive_keys && (select keys from d) and (s.tenant_id || '') = $1 and s.kind = 'application'
                and s.received_on + 0 between $3 and $4 and s.id <> $5
              limit {MaxSimilarRows})
            select d.keys, a.id, a.received_on, a.similarity_keys, null::jsonb from d left join alike a on true
            where (select count(*) from alike) > {settings.SimilarCandidates}
            union all
            select d.keys, a.id, a.received_on, a.similarity_keys, doc.data from d left join alike a on true
            left join {documents} doc on doc.tenant_id = $1 and doc.id = a.id
            where (select count(*) from alike) <= {settings.SimilarCandidates}
            """, agency, keys, from, request.ReceivedOn, self, alike));
        var ids = new HashSet<Guid>();
        var read = new Dictionary<Guid, Application>(); // the documents that came with the batch
        var serializer = session.DocumentStore.Options.Serializer();
        var sameApplicant = 0;
        var capped = false;
        var (similarRows, distinctive, similar) = (0, 0, 0);
        if (first is not null || keys.Length > 0 || alike.Length > 0)
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            if (first is not null)
            {
                await reader.NextResultAsync(ct);
                if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The statement sent first with the repeat check answered no row.");
                taken!(reader.GetInt64(0));
            }
            await reader.NextResultAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                capped = reader.GetInt64(1) > rows;
                sameApplicant = capped ? cap : (int)reader.GetInt64(0);
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
                if (!reader.IsDBNull(1)) read[reader.GetGuid(0)] = serializer.FromJson<Application>(reader, 1);
            }
            await reader.NextResultAsync(ct);
            HashSet<int>? wanted = null;
            var alikeRows = new List<(Guid Id, DateOnly ReceivedOn, int Shared)>();
            while (await reader.ReadAsync(ct))
            {
                wanted ??= reader.GetFieldValue<int[]>(0).ToHashSet();
                if (reader.IsDBNull(1)) continue;
                alikeRows.Add((reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<int[]>(3).Count(wanted.Contains)));
                if (!reader.IsDBNull(4)) read[reader.GetGuid(1)] = serializer.FromJson<Application>(reader, 4);
            }
            (similarRows, distinctive) = (alikeRows.Count, wanted?.Count ?? 0);
            // ties ordered as PostgreSQL orders uuids (their bytes, as the lower-case hex text sorts)
            foreach (var c in alikeRows.OrderByDescending(c => c.Shared).ThenByDescending(c => c.ReceivedOn)
                         .ThenBy(c => c.Id.ToString("N"), StringComparer.Ordinal).Take(settings.SimilarCandidates))
            {
                similar++;
                ids.Add(c.Id);
            }
        }
        // only the candidates whose documents did not come with the batch are loaded (more similar rows than are handed on)
        List<Application> cases = [.. ids.Where(read.ContainsKey).Select(id => read[id])];
        var missing = ids.Where(id => !read.ContainsKey(id)).ToList();
        if (missing.Count > 0) cases.AddRange(await session.LoadManyAsync<Application>(ct, missing));
        var candidates = cases.Select(a => new RepeatCandidate(a.Id, a.TrackingNumber, ApplicantKey.Of(a.Applicant), a.Description, a.ReceivedOn,
            a.Status == ApplicationStatuses.Answered));
        var findings = RepeatFinder.Find(request, candidates, new RepeatSettings(WindowMonths: settings.RepeatWindowMonths), sameApplicant, capped);
        return new RepeatChecked(RepeatReport.From(findings, settings.RepeatWindowMonths), watch.Elapsed.TotalMilliseconds,
            new RepeatReads(similarRows, similar, distinctive, alike.Length - distinctive, ids.Count));
    }

    /// <summary>The most rows the similar-text query reads: every distinctive key carried by fewer than FrequentKeyCases.</summary>
    private int MaxSimilarRows => SimilarityKeys.Bands * settings.FrequentKeyCases;

    private static NpgsqlBatchCommand Command(string sql, string agency, string[] keys, DateOnly from, DateOnly to, Guid self, int[]? alike = null)
    {
        var command = TenantSql.BatchCommand(agency, sql, new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }, from, to, self);
        if (alike is not null) command.Parameters.Add(new NpgsqlParameter { Value = alike, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        return command;
    }
}

/// <summary>The check at intake: its report (null when it failed), its time, and the tracking number taken in its batch (null: none taken).</summary>
public sealed record IntakeCheck(RepeatReport? Report, double Milliseconds, long? Number);

/// <summary>A repeat check's answer, its time and what it read.</summary>
public sealed record RepeatChecked(RepeatReport Report, double Milliseconds, RepeatReads Reads);

/// <summary>
/// What one repeat check read: <see cref="SimilarRows"/> the rows of the similar-text query (ranked in the host, at most
/// Bands × <see cref="SearchSettings.FrequentKeyCases"/>), of which the best <see cref="SimilarCandidates"/> were handed on;
/// the request's keys that chose them (<see cref="DistinctiveKeys"/>) and those left out as too common in the agency
/// (<see cref="FrequentKeys"/>); <see cref="Candidates"/> the cases loaded and compared (with the applicant's latest).
/// </summary>
public sealed record RepeatReads(int SimilarRows, int SimilarCandidates, int DistinctiveKeys, int FrequentKeys, int Candidates);
