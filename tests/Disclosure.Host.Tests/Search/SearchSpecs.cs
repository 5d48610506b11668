using System.Text.Json;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Search;
using Disclosure.Host.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Search;

/// <summary>Given cases of two agencies, when a clerk searches, then what is found, how it is ranked and shown.</summary>
public class SearchSpecs(AppFixture fixture) : SearchScenario(fixture)
{
    [Fact]
    public async Task Two_character_queries_find_their_cases_and_only_those()
    {
        var (_, contract) = await Receive("申请公开2024年园区物业管理服务采购合同");
        var (_, expropriation) = await Receive("申请公开幸福路拓宽改造工程的征收决定及补偿方案");
        var (_, both) = await Receive("请提供征收补偿协议的合同文本");
        await Receive("申请公开2024年部门预算");
        var (_, letter) = await Letter("关于征收补偿的投诉", "我家房屋被征收，补偿款至今未发放。");
        await Indexed();

        Assert.Equal(new[] { both, contract }.Order(), Numbers(await Hits("合同")).Order());
        Assert.Equal(new[] { both, expropriation, letter }.Order(), Numbers(await Hits("征收")).Order());
        Assert.Equal([both], Numbers(await Hits("合同 征收")));
        Assert.Equal([letter], Numbers(await Hits("征收", extra: "&kind=letter")));
        Assert.Empty(await Hits("税"));
    }

    [Fact]
    public async Task A_phrase_matches_only_where_it_stands_whole()
    {
        var (_, whole) = await Receive("申请公开幸福路拓宽改造工程的征收补偿协议");
        await Receive("征收范围内的补偿标准及收补贴情况"); // has 征收, 收补 and 补偿, but not 征收补偿
        await Indexed();
        Assert.Equal([whole], Numbers(await Hits("征收补偿")));
        Assert.Equal([whole], Numbers(await Hits("征收补偿协议")));
    }

    [Fact]
    public async Task Search_never_returns_another_agencys_case()
    {
        var (_, own) = await Receive("申请公开园区征收补偿协议");
        var (_, theirs) = await Receive("申请公开园区征收补偿协议", agency: Other);
        var (_, theirLetter) = await Letter("征收补偿", "征收补偿款未发放", agency: Other);
        await Indexed();

        Assert.Equal([own], Numbers(await Hits("征收补偿")));
        Assert.Equal(new[] { theirs, theirLetter }.Order(), Numbers(await Hits("征收补偿", Other)).Order());
        Assert.Empty(await Hits(theirs)); // not even by the other agency's tracking number
        // an administrator may act for any agency, and still sees one agency at a time
        Assert.Equal([own], Numbers((await Search("征收补偿", token: Admin)).ShouldBe(200).Json.GetProperty("items").EnumerateArray()));
        (await Search("征收补偿", Other, Token(Roles.Handler, Agency))).ShouldBe(403);
    }

    [Fact]
    public async Task Latin_words_digits_and_tracking_numbers_are_found_as_whole_words()
    {
        var (_, standard) = await Receive("请提供按ＧＢ／Ｔ５００１６－２０１４验收的消防报告");
        var (_, gbt) = await Receive("请提供GBT123号文件");
        var (id, number) = await Receive("申请公开2023年部门决算");
        await Indexed();

        Assert.Equal([standard], Numbers(await Hits("GB/T 50016")));
        Assert.Equal([standard], Numbers(await Hits("gb 50016")));
        Assert.Equal([gbt], Numbers(await Hits("GBT123")));
        Assert.DoesNotContain(standard, Numbers(await Hits("gbt")));
        var byNumber = Assert.Single(await Hits(number));
        Assert.Equal(id.ToString(), byNumber.GetProperty("id").GetString());
        Assert.Equal("trackingNumber", byNumber.GetProperty("highlights")[0].GetProperty("field").GetString());
        Assert.Equal($"<mark>{number}</mark>", byNumber.GetProperty("highlights")[0].GetProperty("html").GetString());
    }

    [Fact]
    public async Task Results_highlight_the_matched_text_html_safe_without_identity_numbers()
    {
        await Receive("<script>alert(1)</script>申请公开幸福路拓宽改造工程的征收补偿协议及补偿款发放明细");
        await Indexed();

        var hit = Assert.Single(await Hits("征收补偿"));
        var highlight = hit.GetProperty("highlights").EnumerateArray().Single(h => h.GetProperty("field").GetString() == "description");
        var text = highlight.GetProperty("text").GetString()!;
        var mark = highlight.GetProperty("marks")[0];
        Assert.Equal("征收补偿", text.Substring(mark.GetProperty("start").GetInt32(), mark.GetProperty("length").GetInt32()));
        var html = highlight.GetProperty("html").GetString()!;
        Assert.Contains("<mark>征收补偿</mark>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Equal("张三", hit.GetProperty("applicantName").GetString());
        var body = (await Search("征收补偿")).Body;
        Assert.DoesNotContain("110101199003071234", body);
        Assert.DoesNotContain("13812345678", body);
    }

    [Fact]
    public async Task Matches_in_the_applicants_name_rank_first_then_the_newest()
    {
        var (_, older) = await Receive("关于王家村宅基地审批的信息", receivedOn: "2025-01-06");
        var (_, newer) = await Receive("关于王家村宅基地审批的信息", receivedOn: "2025-03-03");
        var (_, byName) = await Receive("申请公开宅基地审批结果", Applicant("王五", "110101199201011234"), receivedOn: "2024-12-02");
        await Indexed();
        Assert.Equal([byName, newer, older], Numbers(await Hits("王")));
    }

    [Fact]
    public async Task Filters_and_paging_narrow_the_matches_and_say_how_many_there_are()
    {
        for (var i = 0; i < 5; i++) await Receive($"申请公开第{i + 1}批征收补偿名单", receivedOn: i < 3 ? "2025-03-03" : "2024-11-04");
        await Letter("征收补偿", "征收补偿款未发放");
        await Indexed();

        var page = (await Search("征收补偿", extra: "&kind=application&year=2025&pageSize=2&page=2")).ShouldBe(200).Json;
        Assert.Equal((3, 2, 1), (page.GetProperty("total").GetInt32(), page.GetProperty("pageSize").GetInt32(), page.GetProperty("items").GetArrayLength()));
        var beyond = (await Search("征收补偿", extra: "&page=9")).ShouldBe(200).Json;
        Assert.Equal((6, 0), (beyond.GetProperty("total").GetInt32(), beyond.GetProperty("items").GetArrayLength()));
        Assert.Single(await Hits("征收补偿", extra: "&status=received&kind=letter"));
        Assert.Equal(5, (await Hits("征收补偿", extra: "&applicantCategory=natural_person&channel=online")).Count);
    }

    [Fact]
    public async Task A_search_says_where_its_time_went_in_Server_Timing_the_statement_and_the_hits_made_of_its_rows()
    {
        // #25's search ratio: which part grows with the matches (the statement reads every match's row for the ranking) and
        // which only with the page (the hits: highlights and snippets of at most pageSize rows) — ops/bench-province prints both
        await Receive("申请公开幸福路拓宽改造工程的征收决定及补偿方案");
        await Indexed();
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token(Roles.Handler, Agency));
        using var response = await client.GetAsync($"/api/agencies/{Agency}/search?q={Uri.EscapeDataString("征收")}");
        Assert.Equal(200, (int)response.StatusCode);
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        Assert.Matches(@"^statement;dur=\d+\.\d\d, hits;dur=\d+\.\d\d$", timing);
    }

    [Fact]
    public async Task Past_the_configured_cap_only_the_newest_matches_are_ranked_and_the_count_says_there_are_more()
    {
        // five cases with 王; the oldest has it in the applicant's name, which would rank it first
        var (_, byName) = await Receive("申请公开宅基地审批结果", Applicant("王五", "110101199201011234"), receivedOn: "2024-12-02");
        var (_, january) = await Receive("关于王家村宅基地审批的信息", receivedOn: "2025-01-06");
        var (_, february) = await Receive("关于王家村宅基地审批的信息", receivedOn: "2025-02-03");
        var (_, march) = await Receive("关于王家村宅基地审批的信息", receivedOn: "2025-03-03");
        var (_, april) = await Receive("关于王家村宅基地审批的信息", receivedOn: "2025-04-01");
        await Indexed();
        var capped = Configured(rankedMatches: 3);

        // more than three match: the three newest are ranked and paged, and the answer says there are more
        var first = await Run(capped, "王", page: 1);
        Assert.Equal((3L, true), (first.Total, first.TotalCapped));
        Assert.Equal([april, march], first.Items.Select(h => h.TrackingNumber));
        var second = await Run(capped, "王", page: 2);
        Assert.Equal([february], second.Items.Select(h => h.TrackingNumber));
        var beyond = await Run(capped, "王", page: 3);
        Assert.Equal((0, 3L, true), (beyond.Items.Count, beyond.Total, beyond.TotalCapped));

        // as many as the cap or fewer: every match counted and ranked, the name first
        var rare = await Run(capped, "王五", page: 1);
        Assert.Equal((1L, false), (rare.Total, rare.TotalCapped));
        var all = await Run(Configured(rankedMatches: 5), "王", page: 1, pageSize: 5);
        Assert.Equal((5L, false), (all.Total, all.TotalCapped));
        Assert.Equal([byName, april, march, february, january], all.Items.Select(h => h.TrackingNumber));
        // the API's answer says whether the count stopped at the cap (the host's cap, 5,000 by default, is not reached here)
        Assert.False((await Search("王")).ShouldBe(200).Json.GetProperty("totalCapped").GetBoolean());
    }

    /// <summary>The search's settings as the host reads them from configuration, with the given cap.</summary>
    private SearchSettings Configured(int rankedMatches) => SearchSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Search:RankedMatches"] = rankedMatches.ToString() }).Build(),
        Host.Services.GetRequiredService<IHostEnvironment>(), Host.Services.GetRequiredService<AuthSettings>());

    private Task<SearchResults> Run(SearchSettings settings, string q, int page, int pageSize = 2)
    {
        var request = new SearchRequest(q, Page: page, PageSize: pageSize);
        Assert.Empty(request.Check(out var query));
        return SearchCasesEndpoint.RunAsync(Host.Services.GetRequiredService<AgencyDatabases>().For(Agency), Host.Services.GetRequiredService<SearchTables>(),
            settings, Agency, request, query!, CancellationToken.None);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    [InlineData("bell\u0007")]
    [InlineData("、。！")]
    public async Task An_empty_query_or_one_with_control_characters_or_nothing_to_search_is_400_naming_q(string q)
    {
        var reply = (await Search(q)).ShouldBe(400);
        Assert.True(reply.Json.GetProperty("errors").TryGetProperty("q", out _), reply.Body);
    }

    [Fact]
    public async Task An_over_long_query_or_an_unknown_filter_is_400_naming_it()
    {
        Assert.True((await Search(new string('征', 101))).ShouldBe(400).Json.GetProperty("errors").TryGetProperty("q", out _));
        (await Get($"/api/agencies/{Agency}/search", Token(Roles.Handler, Agency))).ShouldBe(400);
        var errors = (await Search("征收", extra: "&kind=memo&outcome=maybe&pageSize=500")).ShouldBe(400).Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _) && errors.TryGetProperty("outcome", out _) && errors.TryGetProperty("pageSize", out _), errors.ToString());
    }

    [Fact]
    public async Task Erasure_removes_the_erased_cases_text_from_the_index()
    {
        var (id, number) = await Receive("申请公开幸福路拓宽改造工程的征收补偿协议", Applicant("赵六", "110101198001011234"));
        (await Post($"/api/agencies/{Agency}/applications/{id}/decision", new { decidedOn = "2025-03-20", outcome = "disclosed", note = "已提供征收补偿协议" })).ShouldBe(200);
        var (letterId, _) = await Letter("征收补偿", "征收补偿款未发放", writer: "钱七");
        (await Post($"/api/agencies/{Agency}/letters/{letterId}/rejection", new { on = "2025-06-03", reason = "other", note = "另行处理" })).ShouldBe(200);
        await Indexed();
        Assert.Equal(2, (await Hits("征收补偿")).Count);
        Assert.Single(await Hits("赵六"));

        Assert.Equal(2, (await Security.Erasure.AfterRetentionAsync(Host, Fixture, Agency, closedBefore: "2025-06-30")).Json.GetProperty("count").GetInt32());
        await Indexed();

        Assert.Empty(await Hits("征收补偿"));
        Assert.Empty(await Hits("赵六"));
        Assert.Empty(await Hits("钱七"));
        var byNumber = Assert.Single(await Hits(number));
        Assert.Equal("（已删除）", byNumber.GetProperty("applicantName").GetString());
        await using var conn = new Npgsql.NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select count(*) from disclosure.search_cases where body like '%征收%' or applicant_name in ('赵六', '钱七') or notes like '%征收%'", conn);
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);

        // rebuilt from the events, as every projection is: the erased stays erased, the case is still found by its number
        await RebuildIndexAsync();
        Assert.Empty(await Hits("征收补偿"));
        Assert.Empty(await Hits("赵六"));
        Assert.Single(await Hits(number));
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task The_search_and_repeat_endpoints_are_in_the_OpenAPI_document_with_examples()
    {
        var paths = (await Get("/openapi/v1.json")).ShouldBe(200).Json.GetProperty("paths");
        var search = paths.GetProperty("/api/agencies/{agency}/search").GetProperty("get");
        Assert.Equal("searchCases", search.GetProperty("operationId").GetString());
        var q = search.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "q");
        Assert.Equal("合同", q.GetProperty("examples").GetProperty("two_characters").GetProperty("value").GetString());
        Assert.Contains("<mark>", search.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").ToString());
        var repeats = paths.GetProperty("/api/agencies/{agency}/applications/{id}/repeats").GetProperty("get");
        Assert.Contains("相似度", repeats.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").ToString());
        var intake = paths.GetProperty("/api/agencies/{agency}/applications").GetProperty("post");
        Assert.Contains("repeats", intake.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example").ToString());
        var relate = paths.GetProperty("/api/agencies/{agency}/applications/{id}/relations").GetProperty("post");
        Assert.Equal("same_request", relate.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("kind").GetString());
    }
}
