using Disclosure.Corpus;
using Disclosure.Domain.Search.Repeats;
using Xunit.Abstractions;

namespace Disclosure.Domain.Tests.Search;

/// <summary>
/// The repeat finder on a generated agency's five years: every application compared with all earlier ones in the window
/// (more than the host's shortlist will hand it). Near duplicates are planted and labelled by the generator; a suggestion
/// is false when the two ask for different information (different request keys).
/// </summary>
public class RepeatCorpusMeasurement(ITestOutputHelper output)
{
    private const int Seed = 2025;
    private const int RecordCount = 6000;

    private sealed record Case(CorpusRecord Record, RepeatCandidate Candidate);

    private static readonly Lazy<List<CorpusRecord>> Records = new(() => SyntheticCorpus.Generate(Seed, RecordCount).ToList());
    private static readonly Lazy<List<Case>> Applications = new(() => Cases(CorpusKind.Application));

    private static List<Case> Cases(CorpusKind kind) => Records.Value.Where(r => r.Kind == kind)
        .Select(r => new Case(r, new RepeatCandidate(IdOf(r.Index), r.TrackingNumber, KeyOf(r.Applicant), r.Description, r.ReceivedOn, answered: true)))
        .ToList();

    private static Guid IdOf(int index) => new(index, 0, 0, new byte[8]);
    private static int IndexOf(Guid id) => BitConverter.ToInt32(id.ToByteArray(), 0);
    private static ApplicantKey KeyOf(CorpusApplicant a) => ApplicantKey.Of(a.Category, a.Name, a.IdNumber, a.Phone, a.CreditCode);

    private sealed record Measured(int Cases, int Planted, int Found, int PlantedBySame, int FoundBySame, int Suggested, int False)
    {
        public double Recall => (double)Found / Planted;
        public double FalseRate => (double)False / Suggested;
        public override string ToString() =>
            $"planted near duplicates {Planted}, found {Found}: recall {Recall:P1} (by the same filer {FoundBySame}/{PlantedBySame}, " +
            $"by someone else {Found - FoundBySame}/{Planted - PlantedBySame}); same_request suggestions {Suggested}, false {False}: {FalseRate:P1}";
    }

    /// <summary>Each case against all earlier ones, as the finder would be asked when it came in.</summary>
    private static Measured Measure(List<Case> cases)
    {
        var byIndex = cases.ToDictionary(c => c.Record.Index, c => c.Record);
        int suggested = 0, falseOnes = 0, planted = 0, found = 0, plantedBySame = 0, foundBySame = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var r = cases[i].Record;
            var request = new RepeatRequest(cases[i].Candidate.Applicant, r.Description, r.ReceivedOn, cases[i].Candidate.Id);
            var same = RepeatFinder.Find(request, cases.Take(i).Select(c => c.Candidate)).Suggestions
                .Where(s => s.Kind == RepeatKinds.SameRequest).Select(s => byIndex[IndexOf(s.CaseId)]).ToList();
            suggested += same.Count;
            falseOnes += same.Count(e => e.RequestKey != r.RequestKey);
            if (r.RepeatOf is not { } original) continue;
            var bySame = byIndex[original].FilerId == r.FilerId;
            var hit = same.Any(e => e.Index == original);
            planted++;
            found += hit ? 1 : 0;
            plantedBySame += bySame ? 1 : 0;
            foundBySame += hit && bySame ? 1 : 0;
        }
        return new Measured(cases.Count, planted, found, plantedBySame, foundBySame, suggested, falseOnes);
    }

    [Fact]
    public void Planted_near_duplicates_are_found_with_few_false_suggestions()
    {
        var applications = Measure(Applications.Value);
        output.WriteLine($"corpus seed {Seed}, {RecordCount} records; thresholds {RepeatSettings.SameApplicantThreshold:0.00} (same applicant) / {RepeatSettings.AnyApplicantThreshold:0.00} (anyone)");
        output.WriteLine($"applications ({applications.Cases}): {applications}");
        // letters are measured for information: their repeats are re-told more freely than re-filed (no bound asked)
        var letters = Measure(Cases(CorpusKind.Letter));
        output.WriteLine($"letters ({letters.Cases}): {letters}");
        Assert.True(applications.Recall >= 0.95, $"recall {applications.Recall:P1}");
        Assert.True(applications.FalseRate <= 0.05, $"false suggestions {applications.FalseRate:P1}");
    }

    [Fact]
    public void Applicant_keys_link_a_filers_requests_and_never_two_filers()
    {
        var cases = Applications.Value;
        long links = 0, wrong = 0, sameFiler = 0, linkedSameFiler = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var (r, key) = (cases[i].Record, cases[i].Candidate.Applicant);
            for (var j = i - 1; j >= 0 && r.ReceivedOn.DayNumber - cases[j].Record.ReceivedOn.DayNumber <= 731; j--)
            {
                var linked = key.IsSameAs(cases[j].Candidate.Applicant);
                var truly = cases[j].Record.FilerId == r.FilerId;
                (links, wrong) = (links + (linked ? 1 : 0), wrong + (linked && !truly ? 1 : 0));
                (sameFiler, linkedSameFiler) = (sameFiler + (truly ? 1 : 0), linkedSameFiler + (linked && truly ? 1 : 0));
            }
        }
        var recall = (double)linkedSameFiler / sameFiler;
        output.WriteLine($"pairs of one filer's requests: {sameFiler}, linked {linkedSameFiler} ({recall:P1}; the rest left out the ID number and wrote another phone); wrong links {wrong} of {links}");
        Assert.Equal(0, wrong);
        Assert.True(recall >= 0.9, $"same-applicant recall {recall:P1}");
    }
}
