using Disclosure.Corpus;
using Disclosure.Domain.Search.Repeats;
using Xunit.Abstractions;

namespace Disclosure.Domain.Tests.Search;

/// <summary>
/// The repeat finder handed only what the host's index would hand it: the applicant's latest requests in the window (by
/// identity) and the requests sharing the most of this one's distinctive keys — those carried by fewer than
/// <see cref="SimilarityKeys.FrequentCases"/> of the agency's applications (counted over the whole corpus, harsher than at
/// intake) — at most <see cref="SimilarityKeys.Bands"/> × that many rows read. Planted near duplicates are still found, few
/// suggestions are false, and on a campaign the rows read stay far below the copies the agency holds.
/// </summary>
public class CandidateChoiceMeasurement(ITestOutputHelper output)
{
    private const int Similar = 20;          // SearchSettings.SimilarCandidates' default
    private const int LatestOfApplicant = 20; // RepeatCheck's
    private const int WindowMonths = 24;

    private sealed record Measured(int Cases, int Planted, int Found, int Suggested, int False, int MaxRows, double MeanRows, double MeanFrequent)
    {
        public double Recall => (double)Found / Math.Max(1, Planted);
        public double FalseRate => (double)False / Math.Max(1, Suggested);
        public override string ToString() =>
            $"{Cases} applications; planted near duplicates {Planted}, found {Found}: recall {Recall:P1}; same_request suggestions {Suggested}, " +
            $"false {False}: {FalseRate:P1}; rows read max {MaxRows}, mean {MeanRows:0.0}; keys left out as frequent, mean {MeanFrequent:0.0} of {SimilarityKeys.Bands}";
    }

    private static Measured Measure(IReadOnlyList<CorpusRecord> records, bool sameFilerOnly = false)
    {
        var apps = records.Where(r => r.Kind == CorpusKind.Application).ToList();
        var applicants = apps.Select(r => ApplicantKey.Of(r.Applicant.Category, r.Applicant.Name, r.Applicant.IdNumber, r.Applicant.Phone, r.Applicant.CreditCode)).ToList();
        var keys = apps.Select(r => SimilarityKeys.Of(r.Description, "agency")).ToList();
        var counts = keys.SelectMany(k => k).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var ids = apps.Select((_, i) => new Guid(i, 0, 0, new byte[8])).ToList();
        var postings = new Dictionary<int, List<int>>();
        var byIndex = apps.Select((r, i) => (r, i)).ToDictionary(x => x.r.Index, x => x.i);
        int planted = 0, found = 0, suggested = 0, falseOnes = 0, maxRows = 0;
        long rows = 0, frequent = 0;
        for (var i = 0; i < apps.Count; i++)
        {
            var r = apps[i];
            var from = r.ReceivedOn.AddMonths(-WindowMonths);
            var distinctive = keys[i].Where(k => counts[k] < SimilarityKeys.FrequentCases).ToArray();
            frequent += keys[i].Length - distinctive.Length;
            var shared = new Dictionary<int, int>();
            foreach (var k in distinctive)
                if (postings.TryGetValue(k, out var list))
                    foreach (var j in list)
                        if (apps[j].ReceivedOn >= from) shared[j] = shared.GetValueOrDefault(j) + 1;
            maxRows = Math.Max(maxRows, shared.Count);
            rows += shared.Count;
            var chosen = shared.OrderByDescending(s => s.Value).ThenByDescending(s => apps[s.Key].ReceivedOn).Take(Similar).Select(s => s.Key).ToHashSet();
            var mine = Enumerable.Range(0, i).Where(j => apps[j].ReceivedOn >= from && applicants[i].IsSameAs(applicants[j])).ToList();
            chosen.UnionWith(mine.OrderByDescending(j => apps[j].ReceivedOn).ThenByDescending(j => j).Take(LatestOfApplicant));
            var request = new RepeatRequest(applicants[i], r.Description, r.ReceivedOn, ids[i]);
            var candidates = chosen.Select(j => new RepeatCandidate(ids[j], apps[j].TrackingNumber, applicants[j], apps[j].Description, apps[j].ReceivedOn, answered: true));
            var same = RepeatFinder.Find(request, candidates, new RepeatSettings(WindowMonths), mine.Count).Suggestions
                .Where(s => s.Kind == RepeatKinds.SameRequest).Select(s => apps[ids.IndexOf(s.CaseId)]).ToList();
            suggested += same.Count;
            falseOnes += same.Count(e => e.RequestKey != r.RequestKey);
            if (r.RepeatOf is { } original && byIndex.TryGetValue(original, out var o) && (!sameFilerOnly || apps[o].FilerId == r.FilerId))
            {
                planted++;
                found += same.Any(e => e.Index == original) ? 1 : 0;
            }
            foreach (var k in keys[i]) (postings.TryGetValue(k, out var l) ? l : postings[k] = []).Add(i);
        }
        return new Measured(apps.Count, planted, found, suggested, falseOnes, maxRows, (double)rows / apps.Count, (double)frequent / apps.Count);
    }

    [Fact]
    public void Planted_near_duplicates_are_found_when_only_distinctive_keys_choose()
    {
        var m = Measure(SyntheticCorpus.Generate(2025, 6000));
        output.WriteLine($"corpus seed 2025, 6000 records, keys of {SimilarityKeys.FrequentCases}+ applications left out: {m}");
        Assert.True(m.Recall >= 0.95, $"recall {m.Recall:P1}");
        Assert.True(m.FalseRate <= 0.05, $"false suggestions {m.FalseRate:P1}");
        Assert.True(m.MaxRows <= SimilarityKeys.Bands * SimilarityKeys.FrequentCases, $"rows read {m.MaxRows}");
    }

    [Fact]
    public void In_a_campaign_the_same_applicants_repeats_are_found_and_the_rows_read_stay_few()
    {
        var m = Measure(SyntheticCorpus.Campaign(31, 5000), sameFilerOnly: true);
        output.WriteLine($"campaign seed 31: {m}");
        Assert.True(m.Planted >= 100, $"{m.Planted} planted");
        Assert.True(m.Recall >= 0.95, $"same-applicant recall {m.Recall:P1}");
        Assert.True(m.MaxRows <= SimilarityKeys.Bands * SimilarityKeys.FrequentCases, $"rows read {m.MaxRows}");
        Assert.True(m.MeanRows <= 5000 / 20.0, $"mean rows read {m.MeanRows:0.0}");
    }
}
