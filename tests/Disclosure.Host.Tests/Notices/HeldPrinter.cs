using Disclosure.Host.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Disclosure.Host.Tests.Notices;

/// <summary>
/// The host's notice printer (the real Chromium), which records what it printed and can hold a print back after printing
/// and before its caller keeps it: races between printing and erasure are then proved by order, not by timing.
/// </summary>
public sealed class HeldPrinter(IConfiguration config, PrintFonts fonts, ILogger<NoticePrinter> log) : NoticePrinter(config, fonts, log)
{
    /// <summary>Marks a flow of the test's own (a print the test runs), for holds that tell it from the host's queued prints.</summary>
    public static readonly AsyncLocal<string?> Flow = new();

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _printed = new();
    private readonly List<Hold> _holds = [];

    /// <summary>The HTML of every document printed, in order.</summary>
    public IReadOnlyList<string> Printed => [.. _printed];

    /// <summary>The next print whose HTML and flow match is held, once printed, until released.</summary>
    public Hold HoldNext(Func<string, string?, bool> which)
    {
        var hold = new Hold(which);
        lock (_holds) _holds.Add(hold);
        return hold;
    }

    public void ReleaseAll()
    {
        lock (_holds)
        {
            foreach (var hold in _holds) hold.Release();
            _holds.Clear();
        }
    }

    public override async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        Hold? hold;
        lock (_holds)
        {
            hold = _holds.FirstOrDefault(h => h.Which(html, Flow.Value));
            if (hold is not null) _holds.Remove(hold);
        }
        var pdf = await base.PrintAsync(html, ct);
        _printed.Enqueue(html);
        if (hold is not null)
        {
            hold.Reached.TrySetResult();
            await hold.Released.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
        }
        return pdf;
    }

    public sealed class Hold(Func<string, string?, bool> which)
    {
        internal Func<string, string?, bool> Which { get; } = which;
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public void Release() => Released.TrySetResult();
    }
}
