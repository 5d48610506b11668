using System.Diagnostics;
using System.Text;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Search;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NpgsqlTypes;
using Wolverine.Http;

namespace Disclosure.Host.Search;

/// <summary>A search as asked (the API's query string, the console's search form); <see cref="Check"/> names each problem by its parameter.</summary>
public sealed record SearchRequest(string? Q, string? Kind = null, string? Status = null, int? Year = null, string? Channel = null,
    string? ApplicantCategory = null, string? Outcome = null, int Page = 1, int PageSize = SearchCasesEndpoint.DefaultPageSize)
{
    /// <summary>The problems, by parameter (empty when none), and the parsed query when <c>q</c> is one.</summary>
    public Dictionary<string, string[]> Check(out SearchQuery? query)
    {
        var errors = Paging.Check(Page, PageSize);
        if (PageSize > SearchCasesEndpoint.MaxPageSize) errors["pageSize"] = [$"1 to {SearchCasesEndpoint.MaxPageSize}."];
        query = null;
        try { query = SearchQuery.Parse(Q); }
        catch (Refusal refusal) { errors[refusal.Field] = [refusal.Message]; }
        Code("kind", Kind, SearchKinds.All);
        Code("status", Status, Kind == SearchEntry.LetterKind ? LetterStatuses.All : Kind == SearchEntry.ApplicationKind ? ApplicationStatuses.All : [.. ApplicationStatuses.All, .. LetterStatuses.All]);
        Code("channel", Channel, Kind == SearchEntry.LetterKind ? LetterChannels.All : Kind == SearchEntry.ApplicationKind ? Channels.All : [.. Channels.All, .. LetterChannels.All]);
        Code("applicantCategory", ApplicantCategory, ApplicantCategories.All);
        Code("outcome", Outcome, Outcomes.All);
        if (Year is < 2008 or > 2100) errors["year"] = ["2008 to 2100."];
        return errors;

        void Code(string name, string? value, IReadOnlyList<Term> allowed)
        {
            if (value is not null && allowed.Find(value) is null) errors[name] = [$"Not a known code. Allowed: {string.Join(", ", allowed.Select(t => t.Code).Distinct())}."];
        }
    }
}

/// <summary>
/// A page of a search's answer. <see cref="Total"/> is the number of matches, counted up to the configured cap
/// (<see cref="SearchSettings.RankedMatches"/>, 5,000 by default); <see cref="TotalCapped"/> says more match than that: only
/// the newest <see cref="Total"/> of them by receipt date are ranked and paged (the console says 超过 5,000 件，请缩小检索范围).
/// </summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Items, int Page, int PageSize, long Total, bool TotalCapped);

/// <summary>
/// Where a search's time went, in milliseconds (the API answers it as <c>Server-Timing: statement, hits</c>; #25's search
/// ratio is measured by ops/bench-province with it): the statement (sent, run, its rows read) and the hits made of the rows
/// (highlights, snippets).
/// </summary>
public sealed class SearchTiming
{
    public double StatementMs { get; internal set; }
    public double HitsMs { get; internal set; }
    public string Header => FormattableString.Invariant($"statement;dur={StatementMs:0.00}, hits;dur={HitsMs:0.00}");
}

public static class SearchCasesEndpoint
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Full-text search of one agency's applications and letters — the request or letter, the applicant or writer, the tracking
    /// number, the department, the decision notes and replies — in Chinese (one or two characters find their cases too: 合同,
    /// 征收) and in Latin script or digits (whole words: GB/T 50016, SP-2025-00017). Every part of <c>q</c> must match.
    /// Ranked: matches in the tracking number or the applicant's name first, then newest first. When more than
    /// <c>Search:RankedMatches</c> (5,000) match, only the newest that many by receipt date are ranked and counted, and
    /// <c>totalCapped</c> is true (<c>total</c> is then the cap: narrow the search). Results show where they
    /// matched (<c>highlights</c>, HTML-safe). A query that is empty, longer than 100 characters or holds control characters
    /// is a 400 naming <c>q</c>.
    /// </summary>
    [WolverineGet("/api/agencies/{agency}/search", OperationId = "searchCases", Summary = "全文检索申请与来信 · Search applications and letters")]
    [Authorize(Roles = Roles.Reading), Tags("Search")]
    [ProducesResponseType<SearchResults>(200)]
    public static async Task<IResult> Get(string agency, HttpContext http, AgencyDatabases databases, SearchTables tables, SearchSettings settings, CancellationToken ct,
        string? q = null, string? kind = null, string? status = null, int? year = null, string? channel = null,
        string? applicantCategory = null, string? outcome = null, int page = 1, int pageSize = DefaultPageSize)
    {
        var request = new SearchRequest(q, kind, status, year, channel, applicantCategory, outcome, page, pageSize);
        var errors = request.Check(out var query);
        if (errors.Count > 0 || query is null) return Problems.ValidationResult(errors);
        var timing = new SearchTiming();
        var results = await RunAsync(databases.For(agency), tables, settings, agency, request, query, ct, timing);
        http.Response.Headers["Server-Timing"] = timing.Header;
        return Results.Ok(results);
    }

    /// <summary>
    /// The agency's matches of a checked request (<see cref="SearchRequest.Check"/>), ranked and paged: the API's answer and
    /// the console's result list.
    /// </summary>
    public static async Task<SearchResults> RunAsync(NpgsqlDataSource db, SearchTables tables, SearchSettings settings, string agency, SearchRequest request,
        SearchQuery query, CancellationToken ct, SearchTiming? timing = null)
    {
        var started = Stopwatch.GetTimestamp();
        var cap = settings.RankedMatches;
        var (sql, count, parameters) = Sql(tables, agency, query, request.Kind, request.Status, request.Year, request.Channel, request.ApplicantCategory,
            request.Outcome, request.Page, request.PageSize, cap);
        // the batch is one implicit transaction: for it alone, every execution is planned for its own words. The host prepares
        // statements it runs often (Max Auto Prepare), and PostgreSQL may then settle on one generic plan for every word; but
        // whether to walk the newest cases by date (a word most cases carry) or to find the few matches through the text
        // indexes (a rare word) depends on the word, and either plan for the other costs the whole agency's cases
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select set_config('plan_cache_mode', 'force_custom_plan', true)"));
        batch.BatchCommands.Add(TenantSql.BatchCommand(agency, sql, [.. parameters]));
        var hits = new List<SearchHit>();
        long total = 0, hitTicks = 0;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                total = reader.GetInt64(13);
                var hit = Stopwatch.GetTimestamp();
                hits.Add(Hit(agency, reader, query));
                hitTicks += Stopwatch.GetTimestamp() - hit;
            }
        }
        if (hits.Count == 0 && request.Page > 1) total = await CountAsync(db, agency, count, parameters, ct);
        if (timing is not null)
        {
            timing.HitsMs = Stopwatch.GetElapsedTime(0, hitTicks).TotalMilliseconds;
            timing.StatementMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds - timing.HitsMs;
        }
        // the statement counts one match past the cap to know there are more
        return new SearchResults(hits, request.Page, request.PageSize, Math.Min(total, cap), total > cap);
    }

    /// <summary>
    /// One statement: the agency's newest matches up to the cap (and one more, to know there are more), ranked and paged, each
    /// with their number. A phrase of one or two
    /// Chinese characters, or a short word, is looked up in the terms (single characters and pairs, exact for them); when every
    /// phrase is longer, the trigram index narrows the <c>LIKE</c>s that check each Chinese phrase stands whole and each word
    /// stands alone.
    /// </summary>
    private static (string Sql, string Count, List<NpgsqlParameter> Parameters) Sql(SearchTables tables, string agency, SearchQuery query, string? kind, string? status,
        int? year, string? channel, string? category, string? outcome, int page, int pageSize, int cap)
    {
        var parameters = new List<NpgsqlParameter>();
        string P(object value, NpgsqlDbType? type = null)
        {
            var p = type is { } t ? new NpgsqlParameter { Value = value, NpgsqlDbType = t } : new NpgsqlParameter { Value = value };
            parameters.Add(p);
            return "$" + (parameters.Count + 1); // $1 is the agency (TenantSql)
        }
        var patterns = query.Phrases.Select(Pattern).ToArray();
        var where = new StringBuilder("tenant_id = $1");
        if (query.Phrases.Any(IsShort))
            where.Append($" and terms @@ {P(TsQuery(query.Terms), NpgsqlDbType.TsQuery)}");
        // one LIKE each: the trigram index serves "like $n", not "like all($n)"
        foreach (var check in query.Phrases.Where(p => !IsShort(p)).Select(Pattern).Concat(Compounds(query)).Distinct())
            where.Append($" and search_text like {P(check, NpgsqlDbType.Text)}");
        if (kind is not null) where.Append($" and kind = {P(kind, NpgsqlDbType.Text)}");
        if (status is not null) where.Append($" and status = {P(status, NpgsqlDbType.Text)}");
        if (year is { } y) where.Append($" and received_year = {P(y, NpgsqlDbType.Integer)}");
        if (channel is not null) where.Append($" and channel = {P(channel, NpgsqlDbType.Text)}");
        if (category is not null) where.Append($" and applicant_category = {P(category, NpgsqlDbType.Text)}");
        if (outcome is not null) where.Append($" and outcome = {P(outcome, NpgsqlDbType.Text)}");
        // the ranking and the count are made on narrow rows; only the page's rows are read whole (measured at 100,000 cases:
        // 征收 matches 13,000 of them, and carrying their texts through the count and the sort spilt to disk, ~95 ms).
        // Only the newest cap + 1 matches are taken (#27: a word every case carries ranked and counted all 100,000, p95 661 ms):
        // for a common word PostgreSQL walks ix_search_cases_received backwards and stops there; a rare word's few matches still
        // come through the text indexes, all of them. The extra match says there are more; the ranking leaves it out (the
        // oldest, looked for only then), so the pages hold exactly the newest cap, the same set on every page. Not sorted
        // again for that: a sort of every match compares their tracking numbers by collation, and the matches are what grows
        // with the history (#25: 征收 178 → 867 in prov-c01; the statement's CPU 2.2 → 1.8 ms at 100 % without that sort)
        var sql = $"""
            with matches as materialized (
              select id, received_on, tracking_number, key_text like any({P(patterns, NpgsqlDbType.Array | NpgsqlDbType.Text)}) as key_hit
              from {tables.Cases}
              where {where}
              order by received_on desc, tracking_number desc
              limit {cap + 1}),
            counted as (select count(*) as total from matches),
            page as (
              select id, key_hit, received_on, tracking_number
              from matches
              where (select total from counted) <= {cap}
                 or (received_on, tracking_number) > (select received_on, tracking_number from matches order by received_on, tracking_number limit 1)
              order by key_hit desc, received_on desc, tracking_number desc
              limit {pageSize} offset {(page - 1) * pageSize})
            select c.id, c.kind, c.tracking_number, c.status, c.received_on, c.channel, c.applicant_category, c.outcome, c.department,
                   c.applicant_name, c.title, c.body, c.notes, counted.total
            from page join {tables.Cases} c on c.id = page.id cross join counted
            order by page.key_hit desc, page.received_on desc, page.tracking_number desc
            """;
        return (sql, $"select count(*) from (select 1 from {tables.Cases} where {where} limit {cap + 1}) m", parameters);
    }

    /// <summary>
    /// What was typed without a space stands together in the text: SP-2025-00017 is that number, not SP-M2025-00017 (which
    /// holds every word of it); 海政发〔2023〕12号 is that document number. Words typed apart may stand apart (GB 50016).
    /// </summary>
    private static IEnumerable<string> Compounds(SearchQuery query)
    {
        foreach (var token in query.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (SearchText.Normalise(token) is not { } normalised || !normalised.Contains(' ')) continue;
            var phrases = SearchQuery.Parse(token).Phrases; // a token of a valid query with more than one run: valid itself
            yield return $"%{(phrases[0].IsChinese ? "" : " ")}{Escape(normalised)}{(phrases[^1].IsChinese ? "" : " ")}%";
        }
    }

    /// <summary>A phrase the trigram index cannot narrow: one or two Chinese characters, or a word of one or two letters or digits.</summary>
    private static bool IsShort(QueryPhrase p) => p.Text.Length < 3;

    /// <summary>A Chinese phrase anywhere; a word only whole (the indexed text is normalised, words between spaces).</summary>
    private static string Pattern(QueryPhrase p) => p.IsChinese ? $"%{Escape(p.Text)}%" : $"% {Escape(p.Text)} %";

    private static string Escape(string s) => s.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static NpgsqlTsQuery TsQuery(IReadOnlyList<string> terms) =>
        terms.Select(t => (NpgsqlTsQuery)new NpgsqlTsQueryLexeme(t)).Aggregate((a, b) => new NpgsqlTsQueryAnd(a, b));

    /// <summary>A page past the last match carries no count: the matches are counted alone, up to the cap and one more (the ranking's patterns, the last parameter, left out).</summary>
    private static async Task<long> CountAsync(NpgsqlDataSource db, string agency, string count, List<NpgsqlParameter> parameters, CancellationToken ct)
    {
        await using var cmd = TenantSql.Command(db, agency, count, [.. parameters.Take(parameters.Count - 1).Select(p => p.Clone())]);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static SearchHit Hit(string agency, NpgsqlDataReader r, SearchQuery query)
    {
        var id = r.GetGuid(0);
        var kind = r.GetString(1);
        var letter = kind == SearchEntry.LetterKind;
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var (number, status, name, title, body, notes, department) = (r.GetString(2), r.GetString(3), r.GetString(9), Text(10), r.GetString(11), Text(12), Text(8));
        var highlights = new[]
        {
            SearchHighlight.Of("trackingNumber", number, query, whole: true),
            SearchHighlight.Of(letter ? "writerName" : "applicantName", name, query, whole: true),
            SearchHighlight.Of("subject", title, query),
            SearchHighlight.Of(letter ? "body" : "description", body, query),
            SearchHighlight.Of("department", department, query),
            SearchHighlight.Of(letter ? "replies" : "decisionNotes", notes, query),
        }.OfType<SearchHighlight>().ToList();
        var label = (letter ? LetterStatuses.All : ApplicationStatuses.All).Find(status)?.Label ?? status;
        return new SearchHit(id, kind, number, status, label, r.GetFieldValue<DateOnly>(4), r.GetString(5), Text(6), Text(7), department, name, title,
            highlights, $"/api/agencies/{agency}/{(letter ? "letters" : "applications")}/{id}");
    }
}
