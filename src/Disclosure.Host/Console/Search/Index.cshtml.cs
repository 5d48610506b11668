using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Search;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Search;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Disclosure.Host.StaffConsole.Search;

/// <summary>
/// 检索: the agency's applications and letters found by any words of them (one or two Chinese characters too), ranked, with
/// the API's filters and paging; each result links to its case page and shows where it matched. The same search as
/// <c>GET …/search</c> (<see cref="SearchRequest"/>, <see cref="SearchCasesEndpoint.RunAsync"/>).
/// </summary>
[Authorize(Roles = Roles.Reading)]
public sealed class IndexModel(AgencyDatabases databases, SearchTables tables, SearchSettings settings) : ConsolePage
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "year")] public string? Year { get; set; }
    [FromQuery(Name = "channel")] public string? Channel { get; set; }
    [FromQuery(Name = "applicantCategory")] public string? ApplicantCategory { get; set; }
    [FromQuery(Name = "outcome")] public string? Outcome { get; set; }
    [FromQuery(Name = "page")] public string? PageText { get; set; }

    public SearchResults? Result { get; private set; }
    public Dictionary<string, string> Errors { get; } = new();
    public int PageNumber { get; private set; } = 1;

    public static IReadOnlyList<Term> ChannelChoices { get; } = [.. Channels.All, .. LetterChannels.All.Where(c => Channels.All.Find(c.Code) is null)];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        (Kind, Status, Channel, ApplicantCategory, Outcome) = (Blank(Kind), Blank(Status), Blank(Channel), Blank(ApplicantCategory), Blank(Outcome));
        if (Q is null) return Page(); // the empty search box
        int? year = null;
        if (Blank(Year) is { } y) { if (int.TryParse(y, out var n)) year = n; else Errors["year"] = "请填写年份，如 2025。"; }
        PageNumber = Blank(PageText) is { } p ? int.TryParse(p, out var page) ? page : 0 : 1;
        var request = new SearchRequest(Q, Kind, Status, year, Channel, ApplicantCategory, Outcome, PageNumber);
        var problems = request.Check(out var query);
        foreach (var field in problems.Keys) Errors.TryAdd(field, Message(field));
        if (Errors.Count > 0 || query is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Result = await SearchCasesEndpoint.RunAsync(databases.For(AgencyId), tables, settings, AgencyId, request, query, ct);
        return Page();
    }

    private static string Message(string field) => field switch
    {
        "q" => $"请输入要检索的文字（汉字、字母或数字，不超过 {SearchQuery.MaxLength} 个字，不含控制字符）。",
        "year" => "年度应在 2008 至 2100 之间。",
        "page" or "pageSize" => "页码超出范围。",
        _ => "请从列表中选择。",
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public string Label(string field) => FieldLabels.Of(field);

    /// <summary>The case page of a result.</summary>
    public string CaseLink(SearchHit hit) => $"{ConsoleSetup.Prefix}/{AgencyId}/{(hit.Kind == SearchEntry.LetterKind ? "letters" : "applications")}/{hit.TrackingNumber}";

    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q, ["kind"] = Kind, ["status"] = Status, ["year"] = Blank(Year), ["channel"] = Channel,
            ["applicantCategory"] = ApplicantCategory, ["outcome"] = Outcome, ["page"] = page.ToString(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"{ConsoleSetup.Prefix}/{AgencyId}/search", query.Where(kv => kv.Value is not null)!);
    }
}
