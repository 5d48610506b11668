using System.Text.Json;
using Alba;
using Marten;
using Marten.Events;
using Disclosure.Host.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Disclosure.Host.Tests.Search;

/// <summary>Helpers of the search and repeat scenarios: log applications and letters, wait for the index, search.</summary>
public abstract class SearchScenario(AppFixture fixture) : HostScenario(fixture)
{
    protected const string Agency = "sanchang-park";
    protected const string Other = "haimen";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await EmptyIndexAsync(Host);
        await CreateAgency(Agency);
        await CreateAgency(Other, code: "HM");
    }

    /// <summary>Marten's reset empties its own tables; the index's tables are the projection's, emptied here.</summary>
    public static async Task EmptyIndexAsync(IAlbaHost host)
    {
        var tables = host.Services.GetRequiredService<Disclosure.Host.Search.SearchTables>();
        await using var conn = new Npgsql.NpgsqlConnection(AppFixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand($"truncate {string.Join(", ", tables.All)}", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    protected static object Applicant(string name = "张三", string? idNumber = "110101199003071234", string? phone = "13812345678", string category = "natural_person") =>
        new { category, name, idNumber, phone };

    protected async Task<Reply> Apply(string description, object? applicant = null, string receivedOn = "2025-03-03", string agency = Agency) =>
        (await Post($"/api/agencies/{agency}/applications", new { channel = "online", applicant = applicant ?? Applicant(), description, receivedOn })).ShouldBe(201);

    protected async Task<(Guid Id, string Number)> Receive(string description, object? applicant = null, string receivedOn = "2025-03-03", string agency = Agency)
    {
        var reply = await Apply(description, applicant, receivedOn, agency);
        return (Guid.Parse(reply.Str("id")), reply.Str("trackingNumber"));
    }

    protected async Task<(Guid Id, string Number)> Letter(string subject, string body, string writer = "李四", string agency = Agency)
    {
        var reply = (await Post($"/api/agencies/{agency}/letters", new
        {
            channel = "online", category = "complaint", subject, body, writer = new { name = writer, phone = "13900001111" }, receivedOn = "2025-06-02",
        })).ShouldBe(201);
        return (Guid.Parse(reply.Str("id")), reply.Str("trackingNumber"));
    }

    /// <summary>The index is kept by the async daemon: a search sees a case once the daemon has caught up.</summary>
    /// <summary>Every record of a generated corpus through the intake endpoint, then the index caught up: corpus index → case id.</summary>
    protected async Task<Dictionary<int, Guid>> ReceiveCorpus(IEnumerable<Disclosure.Corpus.CorpusRecord> records)
    {
        var ids = new System.Collections.Concurrent.ConcurrentDictionary<int, Guid>();
        // four clerks at once, as a desk receives them: the host's wait on PostgreSQL overlaps (a corpus of thousands took
        // ~9 ms an intake one by one). Each record's own date, not the order of arrival, makes a case earlier than another
        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (r, _) =>
        {
            var a = r.Applicant;
            var reply = (await Post($"/api/agencies/{Agency}/applications", new
            {
                channel = r.Channel, description = r.Description, receivedOn = r.ReceivedOn.ToString("yyyy-MM-dd"),
                applicant = new { category = a.Category, name = a.Name, idNumber = a.IdNumber ?? a.CreditCode, phone = a.Phone, email = a.Email, address = a.Address },
            })).ShouldBe(201);
            ids[r.Index] = Guid.Parse(reply.Str("id"));
        });
        await Indexed();
        return new Dictionary<int, Guid>(ids);
    }

    protected Task Indexed() => ProjectionsCaughtUpAsync(TimeSpan.FromSeconds(60));

    /// <summary>
    /// The index rebuilt from the events, as <c>projections rebuild</c> does: every shard (SearchIndex, SearchIndex2, …). The
    /// host's own agents are paused meanwhile (two writers of one projection's progression stop it: out of order).
    /// </summary>
    protected async Task RebuildIndexAsync()
    {
        var coordinator = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            using var daemon = await Store.BuildProjectionDaemonAsync();
            var projections = ((DocumentStore)Store).Options.Projections;
            for (var shard = 0; projections.TryFindProjection(Disclosure.Host.Search.SearchIndexProjection.NameOf(shard), out _); shard++)
                await daemon.RebuildProjectionAsync(Disclosure.Host.Search.SearchIndexProjection.NameOf(shard), CancellationToken.None);
        }
        finally
        {
            await coordinator.ResumeAsync();
        }
    }

    protected Task<Reply> Search(string query, string agency = Agency, string? token = null, string extra = "") =>
        Get($"/api/agencies/{agency}/search?q={Uri.EscapeDataString(query)}{extra}", token ?? Token(Roles.Handler, agency));

    protected async Task<List<JsonElement>> Hits(string query, string agency = Agency, string extra = "") =>
        (await Search(query, agency, extra: extra)).ShouldBe(200).Json.GetProperty("items").EnumerateArray().ToList();

    protected static List<string> Numbers(IEnumerable<JsonElement> hits) => hits.Select(h => h.GetProperty("trackingNumber").GetString()!).ToList();
}
