using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Disclosure.Host.Tests.Search;

/// <summary>
/// Given an agency, when an application is logged through the API, then the database hears from the request twice: the
/// repeat check's batch, which also takes the tracking number, and the write (#25: each round trip is a transaction and CPU
/// on both sides of the socket at every intake). The commands are counted from Npgsql's tracing, by the request's trace.
/// </summary>
public class IntakeRoundTripSpecs(AppFixture fixture) : SearchScenario(fixture)
{
    [Fact]
    public async Task An_intake_takes_its_tracking_number_in_the_repeat_checks_batch_and_writes_once()
    {
        var (_, first) = await Receive("申请公开2024年部门预算"); // the agency's sequence exists and the statements are prepared: a steady intake is counted

        using var trips = new DatabaseCommands();
        var (status, body, timing) = await Traced(trips, new
        {
            channel = "online", applicant = Applicant("李四", "110105199001011234", "13900001111"),
            description = "申请公开幸福路拓宽改造工程的拆迁补偿协议", receivedOn = "2025-03-03",
        });

        Assert.Equal(201, status);
        var commands = trips.InOrder();
        Assert.True(commands.Count == 2, "the intake's database commands: " + string.Join(" | ", commands));
        Assert.Contains("nextval", commands[0]);             // the number, in the repeat check's batch
        Assert.Contains("search_applicant_keys", commands[0]);
        Assert.Contains("mt_quick_append_events", commands[1]); // the write
        Assert.DoesNotContain(commands, c => c.Contains("nextval") && !c.Contains("search_applicant_keys"));
        // the number taken in the batch is the next of the agency's series, and the check's time is still answered
        var next = int.Parse(first[^5..]) + 1;
        Assert.Equal($"{first[..^5]}{next:D5}", JsonDocument.Parse(body).RootElement.GetProperty("trackingNumber").GetString());
        Assert.StartsWith("repeats;dur=", timing);
    }

    [Fact]
    public async Task An_intake_with_earlier_lookalikes_reads_their_cases_in_the_repeat_checks_batch()
    {
        const string Compensation = "申请公开幸福路拓宽改造工程的拆迁补偿协议及补偿款发放明细";
        var (mine, _) = await Receive("申请公开2024年部门预算");                                          // the applicant's other request
        var (theirs, _) = await Receive(Compensation, Applicant("李四", "110105199001011234", "13900001111")); // someone else asking the same
        await Indexed();

        using var trips = new DatabaseCommands();
        var (status, body, _) = await Traced(trips, new
        {
            channel = "online", applicant = Applicant(), description = "本人申请公开幸福路拓宽改造工程拆迁补偿协议和补偿款发放明细", receivedOn = "2025-03-03",
        });

        Assert.Equal(201, status);
        var commands = trips.InOrder();
        Assert.True(commands.Count == 2, "the intake's database commands: " + string.Join(" | ", commands));
        Assert.DoesNotContain(commands, c => c.Contains("id = ANY(", StringComparison.OrdinalIgnoreCase) && !c.Contains("search_applicant_keys"));
        // both candidates were compared all the same: the applicant's other request and the lookalike are named
        var suggestions = JsonDocument.Parse(body).RootElement.GetProperty("repeats").GetProperty("suggestions").EnumerateArray()
            .Select(x => (x.GetProperty("caseId").GetGuid(), x.GetProperty("kind").GetString())).ToList();
        Assert.Contains((theirs, "same_request"), suggestions);
        Assert.Contains((mine, "same_applicant"), suggestions);
    }

    /// <summary>An intake sent with a trace of its own (<c>traceparent</c>): the request's activity, and the commands under it, carry it.</summary>
    private async Task<(int Status, string Body, string? Timing)> Traced(DatabaseCommands trips, object body)
    {
        var client = Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agencies/{Agency}/applications");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Admin);
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{trips.Trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        request.Content = new StringContent(JsonSerializer.Serialize(body, Json.Options), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text, response.Headers.TryGetValues("Server-Timing", out var values) ? values.First() : null);
    }

    /// <summary>The commands Npgsql traces (one activity per command or batch sent) under one trace, in the order they started.</summary>
    private sealed class DatabaseCommands : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<(DateTime Start, string Text)> _seen = new();
        public ActivityTraceId Trace { get; } = ActivityTraceId.CreateRandom();

        public DatabaseCommands()
        {
            _listener = new ActivityListener
            {
                // the request's own activity (its parent is the traceparent above) and Npgsql's under it
                ShouldListenTo = s => s.Name is "Npgsql" or "Microsoft.AspNetCore",
                Sample = (ref ActivityCreationOptions<ActivityContext> o) => o.TraceId == Trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
                ActivityStopped = a =>
                {
                    if (a.TraceId == Trace && a.Source.Name == "Npgsql")
                        _seen.Enqueue((a.StartTimeUtc, (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement") ?? a.DisplayName)?.ToString() ?? ""));
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public List<string> InOrder() => [.. _seen.OrderBy(s => s.Start).Select(s => s.Text)];

        public void Dispose() => _listener.Dispose();
    }
}
