using System.Text.Json;
using Disclosure.Corpus;
using Disclosure.Host.Security;
using Xunit.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Search;

/// <summary>
/// Given earlier applications, when another comes in or a handler looks at a case, then the earlier ones it may repeat and
/// the same applicant's others are shown with the reason; a link is recorded as an event; 不予处理（重复申请） needs one.
/// </summary>
public class RepeatSpecs(AppFixture fixture, ITestOutputHelper output) : SearchScenario(fixture)
{
    private const string IdNumber = "110101199003071234";
    private const string Compensation = "申请公开幸福路拓宽改造工程的拆迁补偿协议及补偿款发放明细";
    private const string CompensationAgain = "本人曾于2024年11月就此提出申请，现再次申请：请提供幸福路拓宽改造工程拆迁补偿协议和补偿款发放明细的复印件。";
    private const string Budget = "申请公开2024年部门预算";

    private Task<Reply> Decide(Guid id, object body) => Post($"/api/agencies/{Agency}/applications/{id}/decision", body, Token(Roles.Handler, Agency));
    private Task<Reply> Relate(Guid id, object body) => Post($"/api/agencies/{Agency}/applications/{id}/relations", body, Token(Roles.Handler, Agency));
    private Task<Reply> Repeats(Guid id) => Get($"/api/agencies/{Agency}/applications/{id}/repeats", Token(Roles.Handler, Agency));

    private static List<JsonElement> Suggestions(JsonElement repeats) => repeats.GetProperty("suggestions").EnumerateArray().ToList();

    [Fact]
    public async Task The_intake_answer_names_the_earlier_request_it_may_repeat_with_the_reason_and_never_the_id_number()
    {
        var (earlier, number) = await Receive(Compensation, receivedOn: "2024-11-04");
        (await Decide(earlier, new { decidedOn = "2024-11-20", outcome = "disclosed" })).ShouldBe(200);
        var (other, _) = await Receive(Budget, receivedOn: "2025-01-06");
        await Receive(Compensation, Applicant("李四", "110105199001011234", "13900001111"), receivedOn: "2025-01-06"); // someone else asking the same
        await Receive(CompensationAgain, receivedOn: "2025-01-06", agency: Other);                                     // the same person at another agency
        await Indexed();

        var reply = await Apply(CompensationAgain, Applicant("张 三", IdNumber.ToLowerInvariant(), "+86 138-1234-5678"));
        var repeats = reply.Json.GetProperty("repeats");
        var suggestions = Suggestions(repeats);
        var first = suggestions[0];
        Assert.Equal((earlier.ToString(), "same_request", "id_number"), (first.GetProperty("caseId").GetString(), first.GetProperty("kind").GetString(), first.GetProperty("applicantMatch").GetString()));
        var explanation = first.GetProperty("explanation").GetString()!;
        Assert.StartsWith($"与 {number} 为同一申请人（证件号码一致），申请内容相似度 0.", explanation);
        Assert.Contains("共同内容：“幸福路拓宽改造工程", explanation);
        Assert.EndsWith("该申请已答复，可能属于重复申请（条例第三十六条第（六）项）", explanation);
        Assert.Contains(suggestions, s => s.GetProperty("caseId").GetString() == other.ToString() && s.GetProperty("kind").GetString() == "same_applicant");
        Assert.Equal(2, repeats.GetProperty("sameApplicantInWindow").GetInt32());
        Assert.Equal("近24个月内同一申请人另提出申请 2 件", repeats.GetProperty("summary").GetString());
        Assert.Equal(24, repeats.GetProperty("windowMonths").GetInt32());
        Assert.DoesNotContain(suggestions, s => s.GetProperty("trackingNumber").GetString()!.StartsWith("HM-"));
        Assert.DoesNotContain(IdNumber, reply.Body);
        Assert.DoesNotContain("13812345678", reply.Body);
    }

    [Fact]
    public async Task A_frequent_applicants_earlier_applications_are_counted_up_to_the_configured_cap()
    {
        for (var i = 0; i < 4; i++) await Receive($"申请公开2024年第{i + 1}季度部门预算执行情况", receivedOn: "2025-01-06");
        var (id, _) = await Receive(Budget, receivedOn: "2025-02-03");
        await Indexed();
        await using var session = Store.QuerySession(Agency);
        var app = (await session.LoadAsync<Disclosure.Domain.Applications.Application>(id))!;

        // four earlier applications, counted up to three: "more than three"
        var capped = await Check(sameApplicantCountCap: 3).OfAsync(session, app, CancellationToken.None);
        Assert.Equal((3, true, "近24个月内同一申请人另提出申请超过 3 件"), (capped.SameApplicantInWindow, capped.SameApplicantCapped, capped.Summary));
        // up to the cap, the exact number
        var exact = await Check(sameApplicantCountCap: 4).OfAsync(session, app, CancellationToken.None);
        Assert.Equal((4, false, "近24个月内同一申请人另提出申请 4 件"), (exact.SameApplicantInWindow, exact.SameApplicantCapped, exact.Summary));
    }

    /// <summary>The host's repeat check with the cap as configuration sets it.</summary>
    private Disclosure.Host.Search.RepeatCheck Check(int sameApplicantCountCap)
    {
        var services = Host.Services;
        var settings = Disclosure.Host.Search.SearchSettings.From(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Search:SameApplicantCountCap"] = sameApplicantCountCap.ToString(),
            }).Build(),
            services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>(), services.GetRequiredService<AuthSettings>());
        return new Disclosure.Host.Search.RepeatCheck(services.GetRequiredService<Disclosure.Host.Infrastructure.AgencyDatabases>(),
            services.GetRequiredService<Disclosure.Host.Search.SearchTables>(), services.GetRequiredService<Disclosure.Host.Search.ApplicantKeyProtector>(),
            settings, services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Disclosure.Host.Search.RepeatCheck>>());
    }

    [Fact]
    public async Task A_retried_intake_answers_with_the_repeats_of_the_first_answer()
    {
        await Receive(Compensation, receivedOn: "2024-11-04");
        await Indexed();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "intake-0001" };
        var body = new { channel = "online", applicant = Applicant(), description = CompensationAgain, receivedOn = "2025-03-03" };
        var first = (await Post($"/api/agencies/{Agency}/applications", body, headers: headers)).ShouldBe(201);
        await Indexed();
        var again = (await Post($"/api/agencies/{Agency}/applications", body, headers: headers)).ShouldBe(201);
        Assert.Equal(first.Body, again.Body);
        Assert.Single(Suggestions(first.Json.GetProperty("repeats")));
    }

    [Fact]
    public async Task The_case_shows_its_repeats_the_links_recorded_and_the_applicants_counts_for_the_month_and_the_year()
    {
        var (earlier, number) = await Receive(Compensation, receivedOn: "2025-01-06");
        await Receive(Budget, receivedOn: "2025-03-03");
        var (later, _) = await Receive(CompensationAgain, receivedOn: "2025-03-10");
        await Receive("申请公开2025年政府采购目录", Applicant(phone: null), receivedOn: "2025-03-12"); // only the ID number: counted once, by it
        await Indexed();

        var page = (await Repeats(later)).ShouldBe(200).Json;
        Assert.Equal(earlier.ToString(), Suggestions(page.GetProperty("repeats"))[0].GetProperty("caseId").GetString());
        var counts = page.GetProperty("counts").EnumerateArray().ToDictionary(c => c.GetProperty("basis").GetString()!);
        Assert.Equal((3, 4), (counts["id_number"].GetProperty("inMonth").GetInt32(), counts["id_number"].GetProperty("inYear").GetInt32()));
        Assert.Equal((2, 3), (counts["name_and_phone"].GetProperty("inMonth").GetInt32(), counts["name_and_phone"].GetProperty("inYear").GetInt32()));
        Assert.Equal("同一申请人（证件号码一致）：2025年3月申请 3 件，2025年申请 4 件", counts["id_number"].GetProperty("text").GetString());
        Assert.Empty(page.GetProperty("relations").EnumerateArray());

        var linked = (await Relate(later, new { relatedTo = number, kind = "same_request" })).ShouldBe(200).Json;
        Assert.Equal("application_related", linked.GetProperty("history").EnumerateArray().Last().GetProperty("type").GetString());
        var relation = Assert.Single((await Repeats(later)).ShouldBe(200).Json.GetProperty("relations").EnumerateArray());
        Assert.Equal((number, "same_request", "id_number"), (relation.GetProperty("trackingNumber").GetString(), relation.GetProperty("kind").GetString(), relation.GetProperty("matchedBy").GetString()));
        // recorded once: the same link again changes nothing
        var version = await StreamVersion(Agency, later);
        (await Relate(later, new { relatedTo = earlier, kind = "same_request" })).ShouldBe(200);
        Assert.Equal(version, await StreamVersion(Agency, later));
    }

    [Fact]
    public async Task A_link_names_an_earlier_application_of_the_same_agency()
    {
        var (own, _) = await Receive(Compensation, receivedOn: "2025-01-06");
        var (theirs, theirNumber) = await Receive(Compensation, receivedOn: "2025-01-06", agency: Other);
        var (later, _) = await Receive(CompensationAgain, receivedOn: "2025-03-10");

        Assert.True((await Relate(later, new { relatedTo = theirNumber, kind = "same_request" })).ShouldBe(400).Json.GetProperty("errors").TryGetProperty("relatedTo", out _));
        (await Relate(later, new { relatedTo = theirs, kind = "same_request" })).ShouldBe(400);
        (await Relate(later, new { relatedTo = later, kind = "same_request" })).ShouldBe(400);
        (await Relate(own, new { relatedTo = later, kind = "same_request" })).ShouldBe(400); // the later one links to the earlier
        Assert.True((await Relate(later, new { relatedTo = own, kind = "copy" })).ShouldBe(400).Json.GetProperty("errors").TryGetProperty("kind", out _));
        (await Relate(later, new { relatedTo = own, kind = "same_applicant" }, Token(Roles.Intake, Agency))).ShouldBe(403);
        Assert.Equal(1, await StreamVersion(Agency, later));
    }

    private Task<Reply> Relate(Guid id, object body, string token) => Post($"/api/agencies/{Agency}/applications/{id}/relations", body, token);

    [Fact]
    public async Task Not_processed_as_a_duplicate_needs_an_earlier_answered_request_of_the_same_applicant()
    {
        var (earlier, number) = await Receive(Compensation, receivedOn: "2025-01-06");
        var (stranger, strangerNumber) = await Receive(Compensation, Applicant("李四", "110105199001011234", "13900001111"), receivedOn: "2025-01-06");
        var (later, _) = await Receive(CompensationAgain, receivedOn: "2025-03-10");
        var duplicate = new { decidedOn = "2025-03-20", outcome = "not_processed_duplicate" };

        Assert.Contains("第三十六条第（六）项", (await Decide(later, duplicate)).ShouldBe(400).Json.GetProperty("errors").GetProperty("relatedTo")[0].GetString());
        Assert.Contains("not been answered", (await Decide(later, new { decidedOn = "2025-03-20", outcome = "not_processed_duplicate", relatedTo = number })).ShouldBe(400).Body);
        (await Decide(stranger, new { decidedOn = "2025-01-20", outcome = "disclosed" })).ShouldBe(200);
        Assert.Contains("not filed by the same applicant", (await Decide(later, new { decidedOn = "2025-03-20", outcome = "not_processed_duplicate", relatedTo = strangerNumber })).ShouldBe(400).Body);
        Assert.Equal(1, await StreamVersion(Agency, later));

        (await Decide(earlier, new { decidedOn = "2025-01-20", outcome = "disclosed" })).ShouldBe(200);
        var answered = (await Decide(later, new { decidedOn = "2025-03-20", outcome = "not_processed_duplicate", relatedTo = number })).ShouldBe(200).Json;
        Assert.Equal("not_processed_duplicate", answered.GetProperty("outcome").GetString());
        Assert.Equal(["application_received", "application_related", "decision_recorded"],
            answered.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("type").GetString()));
        // the existing API keeps working: any other answer needs nothing more
        var (plain, _) = await Receive(Budget, receivedOn: "2025-03-10");
        (await Decide(plain, new { decidedOn = "2025-03-20", outcome = "disclosed" })).ShouldBe(200);
    }

    [Fact]
    public async Task A_case_that_already_links_the_earlier_request_is_answered_as_a_duplicate_without_naming_it()
    {
        var (earlier, _) = await Receive(Compensation, receivedOn: "2025-01-06");
        (await Decide(earlier, new { decidedOn = "2025-01-20", outcome = "disclosed" })).ShouldBe(200);
        var (later, _) = await Receive(CompensationAgain, receivedOn: "2025-03-10");
        (await Relate(later, new { relatedTo = earlier, kind = "same_request" })).ShouldBe(200);
        (await Decide(later, new { decidedOn = "2025-03-20", outcome = "not_processed_duplicate" })).ShouldBe(200);
    }

    /// <summary>
    /// The generated corpus's planted near duplicates, logged through the API and looked up on each case page (the index
    /// chooses whom the finder compares). A suggestion is false when the two ask for different information.
    /// </summary>
    [Fact]
    public async Task Planted_near_duplicates_are_suggested_through_the_host_with_few_false_suggestions()
    {
        var records = SyntheticCorpus.Generate(19, 700, new CorpusOptions { From = new DateOnly(2023, 7, 1), To = new DateOnly(2025, 6, 30), AgencyCode = "SP" })
            .Where(r => r.Kind == CorpusKind.Application).ToList();
        var ids = await ReceiveCorpus(records);

        var byId = ids.ToDictionary(kv => kv.Value, kv => records.First(r => r.Index == kv.Key));
        int planted = 0, found = 0, suggested = 0, falseOnes = 0;
        foreach (var r in records)
        {
            var same = Suggestions((await Repeats(ids[r.Index])).ShouldBe(200).Json.GetProperty("repeats"))
                .Where(s => s.GetProperty("kind").GetString() == "same_request").Select(s => byId[Guid.Parse(s.GetProperty("caseId").GetString()!)]).ToList();
            suggested += same.Count;
            falseOnes += same.Count(e => e.RequestKey != r.RequestKey);
            if (r.RepeatOf is not { } original || !ids.ContainsKey(original)) continue;
            planted++;
            found += same.Any(e => e.Index == original) ? 1 : 0;
        }
        var (recall, falseRate) = ((double)found / planted, (double)falseOnes / Math.Max(1, suggested));
        output.WriteLine($"{records.Count} applications; planted near duplicates {planted}, found {found} ({recall:P1}); same_request suggestions {suggested}, false {falseOnes} ({falseRate:P1})");
        Assert.True(planted >= 30, $"{planted} planted");
        Assert.True(recall >= 0.95, $"recall {recall:P1}");
        Assert.True(falseRate <= 0.05, $"false suggestions {falseRate:P1}");
    }
}
