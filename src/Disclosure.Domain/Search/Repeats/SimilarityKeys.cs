namespace Disclosure.Domain.Search.Repeats;

/// <summary>
/// Keys under which a request is filed so that the requests most like it can be looked up in an index instead of compared
/// with every earlier one (locality-sensitive hashing of MinHash signatures): two requests share at least one key with a
/// probability that rises steeply with how much of what they ask is the same (Jaccard likeness J of their character pairs
/// and words: 1 − (1 − J^<see cref="Rows"/>)^<see cref="Bands"/>, so ≈ 0.99 at J = 0.5, ≈ 0.4 at J = 0.3, &lt; 0.01 at J = 0.1).
/// The keys only choose whom <see cref="RepeatFinder"/> compares; it decides. A <paramref name="scope"/> (the agency) is
/// part of every key: requests of different scopes never share one. Chosen by measurement on the generated corpus
/// (SimilarityKeySpecs).
/// </summary>
public static class SimilarityKeys
{
    public const int Bands = 64;
    public const int Rows = 4;
    /// <summary>
    /// A key carried by this many of an agency's applications or more (a campaign's model text, boilerplate such as
    /// 申请公开……的……) is too common to choose whom to compare: every copy would be read. Only the rarer keys choose, so a
    /// look-up reads at most <see cref="Bands"/> × this many rows whatever the agency's history; the same applicant's
    /// requests are found by identity, not by keys. Chosen on the generated corpus (CandidateChoiceMeasurement).
    /// </summary>
    public const int FrequentCases = 32;

    public static int[] Of(RequestText text, string scope)
    {
        var features = text.Features;
        if (features.Length == 0) return [];
        var salt = Fnv(scope);
        var keys = new int[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var key = Mix(salt ^ (ulong)band);
            for (var row = 0; row < Rows; row++)
            {
                var seed = Mix(0x9E3779B97F4A7C15UL * (ulong)(band * Rows + row + 1));
                var min = ulong.MaxValue;
                foreach (var f in features) min = Math.Min(min, Mix((ulong)f ^ seed));
                key = Mix(key ^ min);
            }
            keys[band] = (int)(key ^ key >> 32);
        }
        return keys;
    }

    public static int[] Of(string? description, string scope) => Of(RequestText.Of(description), scope);

    /// <summary>SplitMix64's finaliser: every input bit moves every output bit.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ x >> 30) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ x >> 27) * 0x94D049BB133111EBUL;
        return x ^ x >> 31;
    }

    /// <summary>FNV-1a: the same scope hashes alike in every process (string.GetHashCode does not).</summary>
    private static ulong Fnv(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s) h = (h ^ c) * 1099511628211UL;
        return h;
    }
}
