using System.Security.Cryptography;
using System.Text;
using Disclosure.Host.Security;

namespace Disclosure.Host.Search;

/// <summary>
/// Settings of search and repeat finding (section <c>Search</c>). <see cref="ApplicantKeySecret"/> keys the hash under which an
/// applicant's identity (ID number, credit code, name and phone) is kept in the read models: the same secret must be used for
/// as long as the index lives (a new one means rebuilding the SearchIndex projection). When it is not set, it is derived from
/// <c>Auth:SigningKey</c> (so changing that key also needs a rebuild); with neither, outside Development and Testing, the host
/// refuses to start.
/// </summary>
public sealed class SearchSettings
{
    /// <summary>How far back repeats are looked for, in months (default 24).</summary>
    public int RepeatWindowMonths { get; set; } = 24;
    /// <summary>How many of the most similar earlier requests the index hands the repeat finder (besides all of the applicant's).</summary>
    public int SimilarCandidates { get; set; } = 20;
    /// <summary>
    /// A similarity key carried by this many of an agency's indexed applications or more (a campaign's model text, boilerplate)
    /// no longer chooses candidates for the repeat check (default <see cref="Disclosure.Domain.Search.Repeats.SimilarityKeys.FrequentCases"/>, 32): the rows it reads are then at most
    /// <see cref="Disclosure.Domain.Search.Repeats.SimilarityKeys.Bands"/> × this, whatever the agency's history. The same
    /// applicant's applications are found by their identity, not by these keys. The index counts each key up to this mark and
    /// holds it there (search_key_counts): after changing it, rebuild the SearchIndex projection so the counts and the rows'
    /// distinctive keys are made again under the new mark.
    /// </summary>
    public int FrequentKeyCases { get; set; } = Disclosure.Domain.Search.Repeats.SimilarityKeys.FrequentCases;
    /// <summary>
    /// A search ranks at most this many of its matches — the newest by receipt date — and counts no further (default 5,000):
    /// a word every case carries then costs what this many matches cost, not what the agency's whole history costs (#27:
    /// ranking and counting 100,000 matches took p95 661 ms). Fewer matches are all counted and ranked.
    /// </summary>
    public int RankedMatches { get; set; } = 5_000;
    /// <summary>
    /// The repeat check counts the same applicant's earlier applications up to this many (default 1,000), and then says
    /// "more than": a 职业申请人 with thousands of applications would otherwise have every case page read them all (#27).
    /// </summary>
    public int SameApplicantCountCap { get; set; } = 1_000;
    public string? ApplicantKeySecret { get; set; }

    /// <summary>Known only to this source tree: used in Development and Testing when nothing else is configured.</summary>
    public const string DevelopmentSecret = "disclosure-local-development-applicant-key--never-in-production";

    public static SearchSettings From(IConfiguration config, IHostEnvironment env, AuthSettings auth)
    {
        var settings = config.GetSection("Search").Get<SearchSettings>() ?? new SearchSettings();
        var local = env.IsDevelopment() || env.IsEnvironment("Testing");
        if (settings.RepeatWindowMonths is < 1 or > 120) throw new InvalidOperationException("Search:RepeatWindowMonths must be 1 to 120.");
        if (settings.SimilarCandidates is < 1 or > 200) throw new InvalidOperationException("Search:SimilarCandidates must be 1 to 200.");
        if (settings.FrequentKeyCases is < 2 or > 10_000) throw new InvalidOperationException("Search:FrequentKeyCases must be 2 to 10000.");
        if (settings.RankedMatches is < 1 or > 1_000_000) throw new InvalidOperationException("Search:RankedMatches must be 1 to 1000000.");
        if (settings.SameApplicantCountCap is < 1 or > 1_000_000) throw new InvalidOperationException("Search:SameApplicantCountCap must be 1 to 1000000.");
        if (string.IsNullOrWhiteSpace(settings.ApplicantKeySecret))
        {
            if (!string.IsNullOrWhiteSpace(auth.SigningKey) && auth.SigningKey != AuthSettings.DevelopmentKey)
                settings.ApplicantKeySecret = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(auth.SigningKey), "disclosure/applicant-key"u8));
            else if (local)
                settings.ApplicantKeySecret = DevelopmentSecret;
            else
                throw new InvalidOperationException("Set Search__ApplicantKeySecret (32+ characters): it keys the hashes under which applicants' identities are kept in the search index.");
        }
        if (!local && settings.ApplicantKeySecret == DevelopmentSecret)
            throw new InvalidOperationException("The development applicant-key secret cannot be used outside Development.");
        if (settings.ApplicantKeySecret.Length < 32) throw new InvalidOperationException("Search:ApplicantKeySecret must be at least 32 characters.");
        return settings;
    }
}
