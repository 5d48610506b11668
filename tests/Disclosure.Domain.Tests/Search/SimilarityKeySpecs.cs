using Disclosure.Corpus;
using Disclosure.Domain.Search.Repeats;
using Xunit.Abstractions;

namespace Disclosure.Domain.Tests.Search;

/// <summary>
/// The keys under which the index files a request: near duplicates the repeat finder would suggest share one, requests for
/// different information seldom do, and no key of one agency is a key of another.
/// </summary>
public class SimilarityKeySpecs(ITestOutputHelper output)
{
    private static readonly Lazy<List<CorpusRecord>> Applications =
        new(() => SyntheticCorpus.Generate(2025, 6000).Where(r => r.Kind == CorpusKind.Application).ToList());

    private static bool Share(int[] a, int[] b) => a.Intersect(b).Any();

    [Fact]
    public void The_same_text_gets_the_same_keys_in_one_agency_and_none_in_common_with_another()
    {
        const string text = "申请公开幸福路拓宽改造工程的拆迁补偿协议及补偿款发放明细";
        Assert.Equal(SimilarityKeys.Of(text, "sanchang-park"), SimilarityKeys.Of(text, "sanchang-park"));
        Assert.Equal(SimilarityKeys.Bands, SimilarityKeys.Of(text, "sanchang-park").Distinct().Count());
        Assert.False(Share(SimilarityKeys.Of(text, "sanchang-park"), SimilarityKeys.Of(text, "haimen")));
        Assert.Empty(SimilarityKeys.Of("", "sanchang-park"));
    }

    [Fact]
    public void Near_duplicates_the_finder_would_suggest_share_a_key_and_requests_for_other_information_seldom_do()
    {
        var records = Applications.Value;
        var byIndex = records.ToDictionary(r => r.Index);
        var keys = records.ToDictionary(r => r.Index, r => SimilarityKeys.Of(r.Description, "agency"));
        int suggested = 0, sharing = 0;
        foreach (var r in records.Where(r => r.RepeatOf is { } o && byIndex.ContainsKey(o)))
        {
            var original = byIndex[r.RepeatOf!.Value];
            // as if filed by someone else: only the likeness of the texts can bring the original to the finder
            var other = ApplicantKey.Of("natural_person", "另一人", null, null);
            var candidate = new RepeatCandidate(Guid.NewGuid(), original.TrackingNumber, ApplicantKey.Of("natural_person", "某人", null, null), original.Description, original.ReceivedOn, true);
            if (RepeatFinder.Find(new RepeatRequest(other, r.Description, r.ReceivedOn), [candidate]).Suggestions.All(s => s.Kind != RepeatKinds.SameRequest)) continue;
            suggested++;
            sharing += Share(keys[r.Index], keys[original.Index]) ? 1 : 0;
        }
        var random = new Random(7);
        int pairs = 0, falseShares = 0;
        while (pairs < 20_000)
        {
            var (a, b) = (records[random.Next(records.Count)], records[random.Next(records.Count)]);
            if (a.RequestKey == b.RequestKey) continue;
            pairs++;
            falseShares += Share(keys[a.Index], keys[b.Index]) ? 1 : 0;
        }
        output.WriteLine($"near duplicates another applicant's request would be suggested for: {suggested}, sharing a key: {sharing}; " +
                         $"pairs asking for different information: {pairs}, sharing a key: {falseShares}");
        Assert.True(sharing >= suggested * 0.98, $"{sharing} of {suggested}");
        Assert.True(falseShares <= pairs / 100, $"{falseShares} of {pairs}");
    }
}
