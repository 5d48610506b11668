using System.Text.RegularExpressions;

namespace Disclosure.Host.Tests.Platform;

/// <summary>
/// The write paths hold: no event is appended, no stream started and no SQL sent against <c>mt_events</c> anywhere in
/// <c>src/</c> but in the files allowed below, each with the reason it may. A new append elsewhere fails this spec with
/// its file and line — route it through <c>CaseBus</c> (cases) or an existing path, or add it here with its reason.
/// Source scan, no database.
/// </summary>
public class WritePathArchitectureSpecs
{
    /// <summary>What counts as writing events (or touching the event table) in the source.</summary>
    private static readonly Regex Writes = new(
        @"\bEvents\s*\.\s*(Append|AppendOptimistic|AppendExclusive|StartStream|QuickAppend|ArchiveStream)\b" +
        @"|\bStartStream\s*[<(]|\bQuickAppend\w*\s*[<(]|\.\s*(AppendOne|AppendMany)\s*\(|\bmt_events\b",
        RegexOptions.Compiled);

    /// <summary>
    /// File (under src/) → how many lines of it write events, and why it may. Nothing else may; a further write in an
    /// allowed file fails too (the count), so each new one is looked at.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (int Lines, string Reason)> Allowed = new Dictionary<string, (int, string)>
    {
        ["Disclosure.Host/Cases/CaseWrites.cs"] = (8,
            "THE write path of applications, letters and review cases: every case command (any door, through CaseBus) appends here, starts the " +
            "streams of intakes, conversions and review cases (opened by the application's step), records the one event a decision " +
            "links to the other case (a review's outcome on its application, and back), and on erasure masks the case's stored events " +
            "in mt_events in the same transaction."),
        ["Disclosure.Host/Cluster/ReferenceWrites.cs"] = (2,
            "THE write path of reference data (#26): an agency's registration (starts its stream; the unique index on the code " +
            "decides a race) and every later change of it — reminders, letter limits, retention, notice settings, fee policy, " +
            "templates —, the holiday notices of the calendar, and an agency-year's report file (narrative, table 二, publication, " +
            "year close). Each append queues the cross-node change notice in its transaction and forgets this node's cached copy."),
        ["Disclosure.Host/Reporting/ReportBuilder.cs"] = (2,
            "reads only: the report's freshness (the agencies' first event past the tallies' progression, and the time of the last one they include) from mt_events."),
    };

    private static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Disclosure.sln"))) dir = dir.Parent;
        Assert.True(dir is not null, "Disclosure.sln not found above " + AppContext.BaseDirectory);
        return Path.Combine(dir!.FullName, "src");
    }

    /// <summary>Every line of src/ that writes events, as (file relative to src/, line number, text); comments aside.</summary>
    public static List<(string File, int Line, string Text)> EventWrites(string root)
    {
        var found = new List<(string, int, string)>();
        foreach (var path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var file = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (file.Split('/').Any(part => part is "bin" or "obj")) continue;
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = Code(lines[i]);
                if (Writes.IsMatch(code)) found.Add((file, i + 1, lines[i].Trim()));
            }
        }
        return found;
    }

    /// <summary>The line without its comment: a <c>//</c> not inside a URL (<c>://</c>) ends the code.</summary>
    private static string Code(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("//") || trimmed.StartsWith("*") || trimmed.StartsWith("/*")) return "";
        var comment = Regex.Match(line, @"(?<!:)//");
        return comment.Success ? line[..comment.Index] : line;
    }

    [Fact]
    public void No_events_are_written_and_no_sql_reaches_mt_events_outside_the_write_paths()
    {
        var writes = EventWrites(SourceRoot());
        var stray = writes.Where(w => !Allowed.ContainsKey(w.File))
            .Concat(writes.GroupBy(w => w.File).Where(g => Allowed.TryGetValue(g.Key, out var a) && g.Count() > a.Lines).SelectMany(g => g))
            .ToList();
        Assert.True(stray.Count == 0,
            "Events written outside the write paths (send a command through CaseBus, or use an existing path; else add the file " +
            "to WritePathArchitectureSpecs.Allowed with its reason; a file listed here writes more often than allowed):\n" + string.Join("\n", stray.Select(s => $"  src/{s.File}:{s.Line}: {s.Text}")));
    }

    [Fact]
    public void Every_door_sends_case_commands_through_CaseBus()
    {
        // CaseBus answers a lost race as a 409 (and a deadline check looks again); a door calling Wolverine directly gets
        // an exception instead, handled its own way
        var root = SourceRoot();
        var direct = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => (File: Path.GetRelativePath(root, path).Replace('\\', '/'), Lines: File.ReadAllLines(path)))
            .Where(f => f.File != "Disclosure.Host/Cases/CaseBus.cs" && !f.File.Split('/').Any(p => p is "bin" or "obj"))
            .SelectMany(f => f.Lines.Select((line, i) => (f.File, Line: i + 1, Code: Code(line))))
            .Where(l => l.Code.Contains("InvokeForTenantAsync", StringComparison.Ordinal))
            .ToList();
        Assert.True(direct.Count == 0, "Case commands sent around CaseBus:\n" + string.Join("\n", direct.Select(d => $"  src/{d.File}:{d.Line}")));
    }

    [Fact]
    public void Every_allowed_file_still_writes_and_says_why()
    {
        var writing = EventWrites(SourceRoot()).CountBy(w => w.File).ToDictionary();
        foreach (var (file, (lines, reason)) in Allowed)
        {
            Assert.True(writing.GetValueOrDefault(file) == lines,
                $"src/{file} is allowed {lines} line(s) writing events but has {writing.GetValueOrDefault(file)}: correct the allow-list.");
            Assert.True(reason.Length > 20, $"src/{file}: say why it may write events.");
        }
    }

    [Fact]
    public void The_scan_sees_every_form_of_writing_events()
    {
        var dir = Directory.CreateTempSubdirectory("write-paths");
        try
        {
            File.WriteAllLines(Path.Combine(dir.FullName, "Stray.cs"),
            [
                "session.Events.Append(id, e);",
                "session.Events.StartStream<Application>(id, e);",
                "session.Events.QuickAppend(id, e);",
                "stream.AppendOne(e);",
                "var sql = \"update disclosure.mt_events set data = null\";",
                "// session.Events.Append(id, e); a comment does not count",
                "var url = \"https://example.org\"; var n = list.Count; // mt_events in a comment",
                "builder.Append(\"text\");",
            ]);
            Assert.Equal([1, 2, 3, 4, 5], EventWrites(dir.FullName).Select(w => w.Line));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
