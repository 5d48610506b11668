namespace Disclosure.Corpus;

public enum CorpusKind { Application, Letter }

/// <summary>
/// The applicant as written on the form this time (spelling varies between filings of one filer). For the domain's
/// <c>Applicant</c>: <c>new(Category, Name, IdNumber ?? CreditCode, Phone, Email, Address)</c> — an organisation's
/// identity number is its unified social credit code.
/// </summary>
public sealed record CorpusApplicant(string Category, string Name, string? IdNumber, string? CreditCode, string? Phone, string? Email, string? Address);

/// <summary>
/// One generated application (政府信息公开申请) or mailbox letter (市长信箱来信), in order of receipt.
/// Labels for measuring: <see cref="FilerId"/> is who really filed (the same person however the form was filled in);
/// records with the same <see cref="RequestKey"/> ask for the same information; <see cref="RepeatOf"/> is set on the
/// planted near duplicates, the <see cref="Index"/> of the earlier record they re-word.
/// </summary>
public sealed record CorpusRecord(
    int Index, CorpusKind Kind, string TrackingNumber, string Channel, DateOnly ReceivedOn, string Topic,
    CorpusApplicant Applicant, string? Subject, string Description, string? LetterCategory,
    int FilerId, string RequestKey, int? RepeatOf);

/// <summary>Shares are of all records; what is left after them is fresh requests by new filers.</summary>
public sealed record CorpusOptions
{
    public DateOnly From { get; init; } = new(2021, 1, 1);
    public DateOnly To { get; init; } = new(2025, 12, 31);
    public string AgencyCode { get; init; } = "SP";
    /// <summary>
    /// The district the agency serves (an index into the built-in districts; by default chosen by the seed). An agency
    /// hears mostly about its own district: the rest of the requests are about anywhere.
    /// </summary>
    public int? District { get; init; }
    public double OwnDistrictShare { get; init; } = 0.9;
    public double LetterShare { get; init; } = 0.2;
    public double OrganisationShare { get; init; } = 0.12;
    /// <summary>Planted near duplicates: an earlier request re-worded, by its filer (mostly) or someone else.</summary>
    public double RepeatShare { get; init; } = 0.08;
    /// <summary>A filer's next request on the same matter: another document of the same project, or another year.</summary>
    public double SeriesShare { get; init; } = 0.25;
    /// <summary>A wave of villagers filing one request from one model text.</summary>
    public double MassShare { get; init; } = 0.005;
    /// <summary>The few who file many requests on anything (第三十五条 大量反复申请).</summary>
    public double FrequentShare { get; init; } = 0.03;
    /// <summary>A planted repeat comes at least a week and at most this many days after what it repeats.</summary>
    public int RepeatWithinDays { get; init; } = 540;
}
