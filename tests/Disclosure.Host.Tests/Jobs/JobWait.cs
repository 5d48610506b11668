using System.Text.Json;
using Alba;

namespace Disclosure.Host.Tests.Jobs;

/// <summary>A started job (202 with its location), followed on its endpoint until it finished.</summary>
public static class JobWait
{
    public static async Task<JsonElement> FinishedAsync(IAlbaHost host, string token, Reply started, TimeSpan? timeout = null)
    {
        started.ShouldBe(202);
        Assert.False(string.IsNullOrEmpty(started.Location), "a started job answers with its location");
        return await FinishedAsync(url => Http.SendAsync(host, HttpMethod.Get, url, null, token), started.Location!, timeout);
    }

    public static async Task<JsonElement> FinishedAsync(Func<string, Task<Reply>> get, string location, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = (await get(location)).ShouldBe(200).Json;
            if (job.GetProperty("state").GetString() == "finished") return job;
            if (DateTime.UtcNow > until) throw new TimeoutException($"the job at {location} did not finish: {job}");
            await Task.Delay(25);
        }
    }
}
