namespace Disclosure.Corpus;

/// <summary>
/// Synthetic disclosure applications and mailbox letters in Chinese, the same for the same seed on every machine
/// (System.Random with a seed, no data files). Fast enough to stream a million records for a benchmark.
/// </summary>
public static class SyntheticCorpus
{
    public static IReadOnlyList<CorpusRecord> Generate(int seed, int count, CorpusOptions? options = null) =>
        Stream(seed, count, options).ToList();

    /// <summary>Records one by one (keeps only a bounded window of earlier records, whatever the count).</summary>
    public static IEnumerable<CorpusRecord> Stream(int seed, int count, CorpusOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var generator = new Generator(seed, count, options ?? new CorpusOptions());
        for (var i = 0; i < count; i++) yield return generator.Next(i);
    }

    /// <summary>
    /// A campaign of <paramref name="count"/> near-identical requests about one village's land (see <see cref="CampaignOptions"/>):
    /// the records an agency receives when a model text goes round.
    /// </summary>
    public static IReadOnlyList<CorpusRecord> Campaign(int seed, int count, CampaignOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var generator = new CampaignGenerator(seed, count, options ?? new CampaignOptions());
        return Enumerable.Range(0, count).Select(generator.Next).ToList();
    }

    /// <summary>How many distinct request templates there are: request frames × information items.</summary>
    public static int TemplateCount => Frames.Requests.Length * Topics.All.Sum(t => t.Items.Length) + Letters.Bodies.Length * Letters.All.Length;
}
