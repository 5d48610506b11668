using System.Diagnostics;
using Disclosure.Corpus;
using Disclosure.Domain.Search;
using Disclosure.Domain.Search.Repeats;
using Xunit.Abstractions;

namespace Disclosure.Domain.Tests.Search;

/// <summary>The generated corpus is what the measurements and the benchmark take it to be.</summary>
public class CorpusSpecs(ITestOutputHelper output)
{
    private static readonly Lazy<List<CorpusRecord>> Sample = new(() => SyntheticCorpus.Generate(7, 5000).ToList());

    [Fact]
    public void The_same_seed_gives_the_same_records_and_another_seed_others()
    {
        Assert.Equal(Sample.Value, SyntheticCorpus.Generate(7, 5000), new RecordComparer());
        Assert.NotEqual(SyntheticCorpus.Generate(8, 300).Select(r => r.Description), Sample.Value.Take(300).Select(r => r.Description));
    }

    [Fact]
    public void Records_come_in_order_of_receipt_over_the_years_asked_for()
    {
        var records = Sample.Value;
        Assert.Equal(Enumerable.Range(0, records.Count), records.Select(r => r.Index));
        Assert.True(records.Zip(records.Skip(1)).All(p => p.First.ReceivedOn <= p.Second.ReceivedOn));
        Assert.Equal((new DateOnly(2021, 1, 1), 2025), (records[0].ReceivedOn, records[^1].ReceivedOn.Year));
        Assert.Equal(records.Count, records.Select(r => r.TrackingNumber).Distinct().Count());
    }

    [Fact]
    public void Identity_numbers_carry_valid_check_characters_however_they_were_written()
    {
        var applicants = Sample.Value.Select(r => r.Applicant).ToList();
        var ids = applicants.Where(a => a.IdNumber is not null).Select(a => ApplicantKey.NormaliseCode(a.IdNumber)!).ToList();
        var codes = applicants.Where(a => a.CreditCode is not null).Select(a => ApplicantKey.NormaliseCode(a.CreditCode)!).ToList();
        Assert.True(ids.Count > 1000 && codes.Count > 100, $"{ids.Count} ID numbers, {codes.Count} credit codes");
        Assert.All(ids, id => Assert.True(Identity.IsValidIdNumber(id), id));
        Assert.All(codes, code => Assert.True(Identity.IsValidCreditCode(code), code));
        Assert.Contains(applicants, a => a.IdNumber is { } id && (id.EndsWith('x') || id.Contains(' ')));
        Assert.Contains(applicants, a => a.Phone is { } p && p.StartsWith("+86", StringComparison.Ordinal));
    }

    [Fact]
    public void A_known_identity_number_has_its_published_check_character() =>
        Assert.Equal("11010519491231002X", Identity.IdNumber("110105", new DateOnly(1949, 12, 31), 2)); // GB 11643-1999 example

    [Fact]
    public void A_planted_near_duplicate_names_an_earlier_record_asking_the_same_within_eighteen_months()
    {
        var records = Sample.Value;
        var planted = records.Where(r => r.RepeatOf is not null).ToList();
        Assert.InRange(planted.Count, records.Count / 20, records.Count / 8);
        Assert.All(planted, r =>
        {
            var original = records[r.RepeatOf!.Value];
            Assert.True(original.Index < r.Index);
            Assert.Equal(original.RequestKey, r.RequestKey);
            Assert.Equal(original.Kind, r.Kind);
            Assert.InRange(r.ReceivedOn.DayNumber - original.ReceivedOn.DayNumber, 7, 540);
        });
        // mostly re-filed by the same person, some by someone else; and mostly not word for word
        Assert.InRange(planted.Count(r => records[r.RepeatOf!.Value].FilerId == r.FilerId), planted.Count * 6 / 10, planted.Count * 9 / 10);
        Assert.True(planted.Count(r => records[r.RepeatOf!.Value].Description != r.Description) > planted.Count * 8 / 10);
    }

    [Fact]
    public void Filers_file_series_of_related_requests()
    {
        var byFiler = Sample.Value.GroupBy(r => r.FilerId).ToList();
        Assert.Contains(byFiler, g => g.Count() >= 8);
        Assert.True(byFiler.Count(g => g.Select(r => r.RequestKey).Distinct().Count() >= 3) > 100);
    }

    [Fact]
    public void The_corpus_covers_the_topics_letters_organisations_and_the_short_terms_searched_for()
    {
        var records = Sample.Value;
        Assert.Equal(10, records.Where(r => r.Kind == CorpusKind.Application).Select(r => r.Topic).Distinct().Count());
        Assert.InRange(records.Count(r => r.Kind == CorpusKind.Letter), records.Count / 10, records.Count / 3);
        Assert.All(records.Where(r => r.Kind == CorpusKind.Letter), r => Assert.False(string.IsNullOrEmpty(r.Subject)));
        Assert.True(records.Select(r => r.Applicant.Category).Distinct().Count() == 6);
        foreach (var term in new[] { "合同", "征收", "规划", "补偿" })
            Assert.True(records.Count(r => SearchQuery.Parse(term).Matches(r.Description)) > 50, term);
        Assert.Contains(records, r => r.Description.Contains('〔') && r.Description.Contains("号"));
        Assert.True(SyntheticCorpus.TemplateCount >= 300, $"{SyntheticCorpus.TemplateCount} templates");
    }

    [Fact]
    public void A_stream_of_many_records_is_generated_one_by_one()
    {
        const int count = 200_000;
        var watch = Stopwatch.StartNew();
        var (n, chars) = (0, 0L);
        foreach (var r in SyntheticCorpus.Stream(1, count)) (n, chars) = (n + 1, chars + r.Description.Length);
        watch.Stop();
        Assert.Equal(count, n);
        output.WriteLine($"{count} records in {watch.Elapsed.TotalSeconds:F2} s ({count / watch.Elapsed.TotalSeconds:N0}/s), {chars / (double)count:F1} characters a description");
    }

    private sealed class RecordComparer : IEqualityComparer<CorpusRecord>
    {
        public bool Equals(CorpusRecord? x, CorpusRecord? y) => x == y;
        public int GetHashCode(CorpusRecord r) => r.GetHashCode();
    }
}
