using Disclosure.Host.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Security;

/// <summary>
/// Every endpoint the host maps × every role × own / other agency. The matrix is the specification: an endpoint the
/// host maps that is not listed here fails the test, so no endpoint ships without a decision about who may call it.
/// </summary>
public class AccessMatrixSpecs(AppFixture fixture) : HostScenario(fixture)
{
    private const string Own = "sanchang-park";
    private const string Other = "haimen";

    private static readonly string[] Anyone = [Roles.Intake, Roles.Handler, Roles.Statistician, Roles.Supervisor, Roles.Admin];
    private static readonly string[] Reading = [Roles.Intake, Roles.Handler, Roles.Supervisor, Roles.Admin];
    private static readonly string[] Handling = [Roles.Handler, Roles.Supervisor, Roles.Admin];
    private static readonly string[] Reporting = [Roles.Statistician, Roles.Supervisor, Roles.Admin];
    private static readonly string[] Registering = [Roles.Intake, Roles.Admin];
    private static readonly string[] AdminOnly = [Roles.Admin];
    private static readonly string[] Anonymous = [];

    /// <summary>Who may call what. <c>Anonymous</c> needs no token at all.</summary>
    public static readonly Dictionary<string, string[]> Matrix = new()
    {
        ["GET /health/live"] = Anonymous,
        ["GET /health/ready"] = Anonymous,
        ["GET /health/projections"] = Anonymous, // shard states and restart counts only, like a load balancer's probe
        ["GET /openapi/{documentName}.json"] = Anonymous,
        ["GET /docs/{documentName?}"] = Anonymous,
        ["GET /docs/scalar.js"] = Anonymous,
        ["GET /docs/scalar.aspnetcore.js"] = Anonymous,
        ["GET /docs/favicon.svg"] = Anonymous,
        ["GET /"] = Anonymous,
        ["GET /public/letters/{trackingNumber}"] = Anonymous,
        ["GET /public/applications/{trackingNumber}"] = Anonymous,
        ["GET /console/assets/{file}"] = Anonymous,

        ["POST /api/agencies"] = AdminOnly,
        ["GET /api/agencies"] = Anyone,
        ["GET /api/agencies/{agency}"] = Anyone,
        ["GET /api/calendar"] = Anyone,
        ["GET /api/calendar/working-days"] = Anyone,
        ["PUT /api/calendar/{year}"] = AdminOnly,
        ["GET /api/reports/{year}"] = Reporting,

        ["POST /api/agencies/{agency}/applications"] = Registering,
        ["GET /api/agencies/{agency}/applications"] = Reading,
        ["GET /api/agencies/{agency}/applications/worklist"] = Reading,
        ["GET /api/agencies/{agency}/applications/worklist/as-of"] = Reading,
        ["GET /api/agencies/{agency}/applications/{id}/evidence"] = Reading,
        ["GET /api/agencies/{agency}/applications/{id}"] = Reading,
        ["POST /api/agencies/{agency}/applications/{id}/correction-request"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/correction"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/correction-lapse"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/fee-lapse"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/consultations"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/consultations/{consultationId}/reply"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/extension"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/fee-notice"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/fee-payment"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/withdrawal"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/assignment"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/confirmation"] = Registering,
        ["POST /api/agencies/{agency}/applications/{id}/return"] = Registering,
        ["POST /public/agencies/{agency}/applications"] = Anonymous,
        ["POST /public/agencies/{agency}/letters"] = Anonymous,
        ["GET /public/agencies/{agency}/letters/replies"] = Anonymous,
        ["POST /api/agencies/{agency}/applications/{id}/decision"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/decision-correction"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/reviews"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/reviews/{reviewId}/conclusion"] = Handling,
        ["GET /api/agencies/{agency}/reviews"] = Reading,
        ["GET /api/agencies/{agency}/reviews/{id}"] = Reading,
        ["POST /api/agencies/{agency}/reviews/{id}/reply"] = Handling,
        ["POST /api/agencies/{agency}/reviews/{id}/decision"] = Handling,
        ["GET /api/agencies/{agency}/reviews/{id}/evidence"] = Reading,
        ["POST /api/agencies/{agency}/applications/{id}/letter"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/relations"] = Handling,
        ["GET /api/agencies/{agency}/applications/{id}/repeats"] = Reading,
        ["GET /api/agencies/{agency}/search"] = Reading,

        ["POST /api/agencies/{agency}/letters"] = Registering,
        ["GET /api/agencies/{agency}/letters"] = Reading,
        ["GET /api/agencies/{agency}/letters/worklist"] = Reading,
        ["GET /api/agencies/{agency}/letters/{id}"] = Reading,
        ["GET /api/agencies/{agency}/letters/statistics/{year}"] = Reporting,
        ["POST /api/agencies/{agency}/letters/{id}/acceptance"] = [Roles.Intake, .. Handling],
        ["POST /api/agencies/{agency}/letters/{id}/rejection"] = [Roles.Intake, .. Handling],
        ["POST /api/agencies/{agency}/letters/{id}/petition"] = [Roles.Intake, .. Handling], // 登记为信访: the letter desk, as 受理
        ["POST /api/agencies/{agency}/letters/{id}/petition-review"] = [Roles.Intake, .. Handling], // 复查/复核 asked: the letter desk
        ["POST /api/agencies/{agency}/letters/{id}/petition-review/answer"] = [Roles.Intake, .. Handling], // 复查/复核意见: the letter desk
        ["POST /api/agencies/{agency}/letters/{id}/assignment"] = Handling,
        ["POST /api/agencies/{agency}/letters/{id}/return"] = Handling,
        ["POST /api/agencies/{agency}/letters/{id}/extension"] = Handling,
        ["POST /api/agencies/{agency}/letters/{id}/reply"] = Handling,
        ["POST /api/agencies/{agency}/letters/{id}/feedback"] = Handling,
        ["POST /api/agencies/{agency}/letters/{id}/supervision"] = [Roles.Supervisor, Roles.Admin],
        ["GET /api/agencies/{agency}/letters/supervised"] = Reading,
        ["POST /api/agencies/{agency}/letters/{id}/closure"] = Handling,
        ["POST /api/agencies/{agency}/letters/{id}/reclassification"] = Handling,
        ["PUT /api/agencies/{agency}/settings/letters"] = [Roles.Supervisor, Roles.Admin],
        ["GET /api/agencies/{agency}/settings/letters"] = [.. Reading, Roles.Statistician],

        ["GET /api/agencies/{agency}/reports/{year}"] = Reporting,
        ["GET /api/agencies/{agency}/reports/{year}/as-of"] = Reporting,
        ["GET /api/agencies/{agency}/reports/{year}/cells/{row}/{column}"] = Reporting,
        ["GET /api/agencies/{agency}/reports/{year}/reviews/{index}"] = Reporting,
        ["PUT /api/agencies/{agency}/reports/{year}/proactive"] = [Roles.Statistician, Roles.Admin],
        ["PUT /api/agencies/{agency}/reports/{year}/narrative"] = [Roles.Statistician, Roles.Admin],
        ["POST /api/agencies/{agency}/reports/{year}/publication"] = Reporting,

        ["POST /api/agencies/{agency}/personal-data/erasure"] = AdminOnly,
        ["PUT /api/agencies/{agency}/settings/retention"] = AdminOnly,
        ["GET /api/agencies/{agency}/settings/retention"] = [.. Reading, Roles.Statistician],
        ["GET /api/agencies/{agency}/audit"] = [Roles.Supervisor, Roles.Admin],

        ["GET /api/agencies/{agency}/notifications"] = Reading,
        ["PUT /api/agencies/{agency}/settings/reminders"] = [Roles.Supervisor, Roles.Admin],
        ["POST /api/deadlines/sweep"] = AdminOnly,
        ["POST /api/agencies/{agency}/years/{year}/close"] = AdminOnly,
        ["GET /api/agencies/{agency}/jobs"] = [.. Reading, Roles.Statistician],
        ["GET /api/agencies/{agency}/jobs/{id}"] = [.. Reading, Roles.Statistician],
        ["GET /api/jobs/{id}"] = AdminOnly,

        ["GET /api/agencies/{agency}/settings/notices"] = [.. Reading, Roles.Statistician],
        ["PUT /api/agencies/{agency}/settings/notices"] = [Roles.Supervisor, Roles.Admin],
        ["GET /api/agencies/{agency}/settings/fees"] = [.. Reading, Roles.Statistician],
        ["PUT /api/agencies/{agency}/settings/fees"] = [Roles.Supervisor, Roles.Admin],
        ["GET /api/agencies/{agency}/notice-templates"] = [.. Reading, Roles.Statistician],
        ["GET /api/agencies/{agency}/notice-templates/{key}"] = [.. Reading, Roles.Statistician],
        ["GET /api/agencies/{agency}/notice-templates/{key}/versions/{version}"] = [.. Reading, Roles.Statistician],
        ["PUT /api/agencies/{agency}/notice-templates/{key}"] = [Roles.Supervisor, Roles.Admin],
        ["DELETE /api/agencies/{agency}/notice-templates/{key}"] = [Roles.Supervisor, Roles.Admin],
        ["POST /api/agencies/{agency}/applications/{id}/notices"] = Handling,
        ["GET /api/agencies/{agency}/applications/{id}/notices"] = Reading,
        ["GET /api/agencies/{agency}/applications/{id}/notices/{number}"] = Reading,
        ["POST /api/agencies/{agency}/applications/{id}/notices/{number}/delivery"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/notices/{number}/returned-mail"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/notices/{number}/delivery-failure"] = Handling,
        ["POST /api/agencies/{agency}/applications/{id}/notices/{number}/email"] = Handling,
    };

    private IReadOnlyList<string> MappedEndpoints() =>
        Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct().Where(e => !Console.ConsoleAccessSpecs.Covers(e) || e.Contains("/assets/")).ToList(); // console pages: ConsoleAccessSpecs

    [Fact]
    public void Every_mapped_endpoint_is_in_the_matrix()
    {
        var missing = MappedEndpoints().Where(e => !Matrix.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, "Not in the access matrix: " + string.Join(", ", missing));
    }

    private static string Url(string route, string agency) => route
        .Replace("{agency}", agency).Replace("{id}", Guid.NewGuid().ToString()).Replace("{consultationId}", Guid.NewGuid().ToString())
        .Replace("{reviewId}", Guid.NewGuid().ToString()).Replace("{year}", "2025").Replace("{row}", "received").Replace("{column}", "total")
        .Replace("{trackingNumber}", "SP-M2025-00001").Replace("{index}", "0").Replace("{file}", "console.css").Replace("{documentName}", "v1").Replace("{documentName?}", "")
        .Replace("{key}", "answer").Replace("{version}", "sha256:0").Replace("{number}", "SP公开答〔2025〕1号");

    [Fact]
    public async Task Every_endpoint_answers_each_role_and_agency_as_the_matrix_says()
    {
        await CreateAgency(Own);
        await CreateAgency(Other);
        var failures = new List<string>();
        foreach (var (endpoint, allowed) in Matrix)
        {
            var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ')]);
            var route = endpoint[(endpoint.IndexOf(' ') + 1)..];
            var body = method == HttpMethod.Get ? null : "{}";
            var scoped = route.Contains("{agency}");

            var anonymous = await Send(method, Url(route, Own), body, null);
            if (allowed.Length == 0)
            {
                if (anonymous.Status is 401 or 403 or >= 500) failures.Add($"{endpoint} anonymous → {anonymous.Status}");
                continue;
            }
            if (anonymous.Status != 401) failures.Add($"{endpoint} without token → {anonymous.Status}, expected 401");

            foreach (var role in Roles.All)
            {
                foreach (var agency in scoped ? new[] { Own, Other } : [Own])
                {
                    var reply = await Send(method, Url(route, agency), body, Token(role, Own));
                    var mayAct = allowed.Contains(role) && (agency == Own || role == Roles.Admin);
                    var ok = mayAct ? reply.Status is not (401 or 403) and < 500 : reply.Status == 403;
                    if (!ok) failures.Add($"{endpoint} as {role} for {(agency == Own ? "own" : "other")} agency → {reply.Status}, expected {(mayAct ? "access" : "403")}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The ways a path can name the same agency (routing matches case-insensitively and decodes once) or pretend to.</summary>
    private static readonly (string Name, Func<string, string> Spell, bool SameAgency)[] Spellings =
    [
        ("upper case", path => path.ToUpperInvariant(), true),
        ("mixed case", path => string.Concat(path.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c)), true),
        ("percent-encoded", path => EncodeAgency(path, c => $"%{(int)c:X2}"), true),
        ("double-encoded", path => EncodeAgency(path, c => $"%25{(int)c:X2}"), false),
    ];

    private static string EncodeAgency(string path, Func<char, string> encode)
    {
        var segments = path.Split('/');
        var i = Array.IndexOf(segments, "agencies") + 1;
        segments[i] = string.Concat(segments[i].Select(c => char.IsLetter(c) ? encode(c) : c.ToString()));
        return string.Join('/', segments);
    }

    [Fact]
    public async Task No_spelling_of_a_path_reaches_another_agency()
    {
        await CreateAgency(Own);
        await CreateAgency(Other);
        var failures = new List<string>();
        foreach (var (endpoint, allowed) in Matrix.Where(e => e.Key.Contains("{agency}") && e.Value.Length > 0))
        {
            var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ')]);
            var route = endpoint[(endpoint.IndexOf(' ') + 1)..];
            var body = method == HttpMethod.Get ? null : "{}";
            foreach (var (name, spell, sameAgency) in Spellings)
            {
                // another agency's path, however spelled: never an answer with content
                foreach (var role in Roles.All.Where(r => r != Roles.Admin))
                {
                    var reply = await Send(method, spell(Url(route, Other)), body, Token(role, Own));
                    if (reply.Status is >= 200 and < 300) failures.Add($"{endpoint} {name} as {role} for the other agency → {reply.Status}");
                }
                // one's own agency, spelled otherwise: the same agency (or no agency at all when encoded twice)
                var own = await Send(method, spell(Url(route, Own)), body, Token(allowed.First(r => r != Roles.Admin || allowed.Length == 1), Own));
                var expected = sameAgency ? own.Status is not (401 or 403) and < 500 : own.Status == 404;
                if (!expected) failures.Add($"{endpoint} {name} for the own agency → {own.Status}, expected {(sameAgency ? "access" : "404")}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
