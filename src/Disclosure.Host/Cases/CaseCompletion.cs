using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Fees;
using Marten;

namespace Disclosure.Host.Cases;

/// <summary>
/// What a command needs to know of the agency's other applications besides its own case: the application it names (an id
/// or a tracking number), the applications the case links, the earlier applications of the month (按件's count).
/// </summary>
public sealed record CaseNeeds(string? Named = null, IReadOnlyCollection<Guid>? Linked = null, Application? EarlierThisMonthThan = null)
{
    public static readonly CaseNeeds None = new();

    public bool Any => !string.IsNullOrWhiteSpace(Named) || Linked is { Count: > 0 } || EarlierThisMonthThan is not null;
}

/// <summary>What the write path found for a command's <see cref="CaseNeeds"/>, in the agency's own session (another agency's case is never found).</summary>
public sealed record CaseFound(Application? Named, IReadOnlyList<Application> Linked, IReadOnlyList<EarlierApplication> EarlierThisMonth);

/// <summary>
/// A command decided with more than its own case: it says what it needs, the write path reads it and hands it back — for
/// every front door alike (the API, the console, a scheduled check), so no door can forget a completion and decide
/// differently. The decision itself stays pure.
/// </summary>
public interface ICompletedByWritePath<TCase>
{
    /// <summary>What to read for the case as it stands, under the agency's settings (<see cref="CaseNeeds.None"/>: nothing).</summary>
    CaseNeeds Needs(TCase current, CaseContext context);

    /// <summary>The command with what was read.</summary>
    CaseCommand<TCase> CompleteWith(CaseFound found);
}

/// <summary>
/// A step that creates something with an id of its own — a part of its case (a consultation) or another case (a
/// conversion between letter and application, with the new letter's query code): the write path gives it its new ids,
/// once, before the decision, so every front door mints them alike and none can send its own.
/// </summary>
public interface IMintsIds<TCase>
{
    /// <summary>The command with new ids (<see cref="Guid.CreateVersion7()"/>) and codes; what the answer reports (<see cref="CaseAnswer.Command"/>).</summary>
    CaseCommand<TCase> WithNewIds();
}

/// <summary>
/// Mints a command's ids (<see cref="IMintsIds{TCase}"/>) and completes it (<see cref="ICompletedByWritePath{TCase}"/>) in one batched read: called by <see cref="CaseWrites"/>
/// with the session of the write, before the decision, and by the console to ask the same decision of a step's sample.
/// </summary>
public static class CaseCompletion
{
    public static async Task<CaseCommand<TCase>> CompleteAsync<TCase>(IQuerySession session, CaseCommand<TCase> command, TCase current,
        CaseContext context, CancellationToken ct)
    {
        if (command is IMintsIds<TCase> minting) command = minting.WithNewIds();
        if (command is not ICompletedByWritePath<TCase> completed || completed.Needs(current, context) is not { Any: true } needs) return command;

        var batch = session.CreateBatchQuery();
        Task<Application?>? byId = null;
        Task<IReadOnlyList<Application>>? byNumber = null;
        var named = needs.Named?.Trim();
        if (Guid.TryParse(named, out var namedId)) { if (namedId != Guid.Empty) byId = batch.Load<Application>(namedId); }
        else if (named is { Length: > 0 and <= 40 }) byNumber = batch.Query<Application>().Where(a => a.TrackingNumber == named).ToList();

        var linked = needs.Linked is { Count: > 0 } ids ? batch.LoadMany<Application>().ById(ids.Distinct().ToArray()) : null;

        var charged = needs.EarlierThisMonthThan;
        var (from, to) = charged is null ? default : FeeNotices.MonthOf(charged.ReceivedOn);
        var chargedId = charged?.Id ?? Guid.Empty;
        var month = charged is null ? null : batch.Query<Application>().Where(a => a.ReceivedOn >= from && a.ReceivedOn <= to && a.Id != chargedId)
            .Select(a => new { a.Applicant, a.ReceivedOn, a.TrackingNumber }).ToList();
        if (byId is not null || byNumber is not null || linked is not null || month is not null) await batch.Execute(ct);

        var found = new CaseFound(
            byId is not null ? await byId : byNumber is not null && await byNumber is [var single] ? single : null,
            linked is not null ? await linked : [],
            month is null ? [] : (await month)
                .Where(a => FeeNotices.IsEarlierThisMonth(a.ReceivedOn, a.TrackingNumber, charged!.ReceivedOn, charged.TrackingNumber))
                .Select(a => new EarlierApplication(a.Applicant, a.ReceivedOn)).ToList());
        return completed.CompleteWith(found);
    }
}
