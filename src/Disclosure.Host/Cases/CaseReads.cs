using Disclosure.Domain;
using Disclosure.Host.Infrastructure;
using Marten;

namespace Disclosure.Host.Cases;

/// <summary>A case as the API and the console show it: the stored case and its history, read in one round trip.</summary>
public static class CaseReads
{
    public static async Task<object?> ViewAsync<TCase>(CaseKind<TCase> kind, IQuerySession session, string idOrNumber, DateOnly today, CancellationToken ct)
        where TCase : class, ITrackedCase =>
        await LoadAsync<TCase>(session, idOrNumber, ct) is var (state, history) ? kind.View(state, today, history) : null;

    /// <summary>The stored case and its events (the console also asks the case which steps it allows now).</summary>
    public static async Task<(TCase State, IReadOnlyList<JasperFx.Events.IEvent> History)?> LoadAsync<TCase>(IQuerySession session, string idOrNumber, CancellationToken ct)
        where TCase : class, ITrackedCase
    {
        if (await CaseWrites.ResolveAsync<TCase>(session, idOrNumber, ct) is not { } id) return null;
        var batch = session.CreateBatchQuery();
        var stored = batch.Load<TCase>(id);
        var history = batch.Events.FetchStream(id);
        await batch.Execute(ct);
        return await stored is { } state ? (state, await history) : null;
    }

    public static async Task<IResult> GetAsync<TCase>(CaseKind<TCase> kind, IQuerySession session, string idOrNumber, DateOnly today, CancellationToken ct)
        where TCase : class, ITrackedCase =>
        await ViewAsync(kind, session, idOrNumber, today, ct) is { } view ? Results.Ok(view) : Problems.NotFound(kind.NotFound(idOrNumber));
}
