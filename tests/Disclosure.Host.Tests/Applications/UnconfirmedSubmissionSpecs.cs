using Disclosure.Host.Security;
using Disclosure.Host.Tests.Console;

namespace Disclosure.Host.Tests.Applications;

/// <summary>
/// An online submission is an application only once the intake desk confirms it (条例第三十一条第三项); one returned as not an
/// application never becomes one. Until then every step but 确认 and 退回 is refused — also those that do not date a
/// procedural step (a link, a review, a notice, its delivery, the turn into a letter) — and the console offers none of them.
/// </summary>
public class UnconfirmedSubmissionSpecs(AppFixture fixture) : ApplicationScenario(fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private const string Today = "2025-06-30";

    private async Task<(string Number, string Id)> Submitted()
    {
        var form = new
        {
            applicant = new { category = "natural_person", name = "张三", idType = "resident_id_card", idNumber = "11010519491231002X", phone = "13812345678", email = "zhang@example.cn" },
            description = "2024年园区建设工程规划许可证发放情况",
            informationForm = "electronic_email", obtainBy = "email", electronicConsent = true,
        };
        var reply = (await Send(HttpMethod.Post, "/public/agencies/sanchang-park/applications", form, null,
            new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() })).ShouldBe(201);
        return (reply.Str("trackingNumber"), reply.Str("id"));
    }

    private async Task<string> Earlier() => (await Get($"{Base}/{await Receive("2025-03-03")}")).ShouldBe(200).Str("trackingNumber");

    /// <summary>Each step that is not one of the 日期-bearing steps through the common guard, with a body that is valid on a received application.</summary>
    private static IEnumerable<(string Path, object Body)> Steps(string earlier) =>
    [
        ("relations", new { relatedTo = earlier, kind = "same_request" }),
        ("reviews", new { kind = "reconsideration", filedOn = Today }),
        ("notices", new { kind = "receipt" }),
        ("notices/SP-1/delivery", new { method = "direct", signedOn = Today }),
        ("notices/SP-1/delivery-failure", new { on = Today, reason = "地址不详" }),
        ("notices/SP-1/returned-mail", new { returnedOn = Today, reason = "查无此人" }),
        ("decision-correction", new { correctedOn = Today, outcome = "disclosed", reason = "更正" }),
        ("letter", new { on = Today, category = "complaint" }),
        ("fee-notice", new { sentOn = Today, amountYuan = 100m, basis = "per_item" }),
        ("assignment", new { on = Today, handler = "wang.handler" }),
        ("decision", new { decidedOn = Today, outcome = "disclosed" }),
        ("withdrawal", new { on = Today }),
    ];

    private async Task EveryStepIsRefused(string number, string earlier, string because)
    {
        var before = await EventCount();
        foreach (var (path, body) in Steps(earlier))
        {
            var refused = await Post($"{Base}/{number}/{path}", body);
            Assert.True(refused.Status == 409, $"{path}: {refused.Status} {refused.Body}");
            Assert.Contains(because, refused.Body);
        }
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task Nothing_but_the_confirmation_or_the_return_is_recorded_on_a_submission_awaiting_confirmation()
    {
        Clock.Now = new DateTimeOffset(2025, 6, 30, 9, 0, 0, China);
        (await Put($"/api/agencies/{Agency}/settings/notices", new { agencyName = "三厂园区管理委员会", reconsiderationBody = "三厂镇人民政府" })).ShouldBe(200);
        var earlier = await Earlier();
        var (number, _) = await Submitted();

        await EveryStepIsRefused(number, earlier, "awaits confirmation");

        // once confirmed it is an application like any other: a link is recorded
        (await Post($"{Base}/{number}/confirmation", new { }, Token("intake", Agency))).ShouldBe(200);
        (await Post($"{Base}/{number}/relations", new { relatedTo = earlier, kind = "same_request" })).ShouldBe(200);
    }

    [Fact]
    public async Task Nothing_is_recorded_on_a_submission_returned_as_not_an_application()
    {
        Clock.Now = new DateTimeOffset(2025, 6, 30, 9, 0, 0, China);
        (await Put($"/api/agencies/{Agency}/settings/notices", new { agencyName = "三厂园区管理委员会", reconsiderationBody = "三厂镇人民政府" })).ShouldBe(200);
        var earlier = await Earlier();
        var (number, _) = await Submitted();
        (await Post($"{Base}/{number}/return", new { reason = "属于投诉，请通过12345热线反映" }, Token("intake", Agency))).ShouldBe(200);

        await EveryStepIsRefused(number, earlier, "was returned on");
    }

    [Fact]
    public async Task The_console_offers_a_handler_nothing_and_the_intake_desk_only_the_confirmation_and_the_return()
    {
        Clock.Now = new DateTimeOffset(2025, 6, 30, 9, 0, 0, China);
        (await Put($"/api/agencies/{Agency}/settings/notices", new { agencyName = "三厂园区管理委员会", reconsiderationBody = "三厂镇人民政府" })).ShouldBe(200);
        var (number, _) = await Submitted();

        static List<string?> Offered(Page page) => [.. page.Document.QuerySelectorAll("form[data-step]").Select(f => f.GetAttribute("data-step"))];
        var handler = new ConsoleClient(Host.Server);
        handler.SignInAs("wang.handler", Roles.Handler, [Agency]);
        var handlerPage = await handler.GetAsync($"/console/{Agency}/applications/{number}");
        Assert.Equal(200, handlerPage.Status);
        Assert.Empty(Offered(handlerPage));
        var intake = new ConsoleClient(Host.Server);
        intake.SignInAs("li.intake", Roles.Intake, [Agency]);
        Assert.Equal(["confirm", "return-submission"], Offered(await intake.GetAsync($"/console/{Agency}/applications/{number}")));
    }
}
