using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Disclosure.Host.Notices;

/// <summary>Print a kept notice to PDF: queued durably by the step that issued it (or by erasure), handled after its commit.</summary>
public sealed record PrintNotice(string Agency, Guid ApplicationId, string Number);

public static class PrintNoticeHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException().ScheduleRetry(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

    public static async Task Handle(PrintNotice message, IDocumentStore store, KeptPdfs pdfs, CancellationToken ct)
    {
        await using var session = store.LightweightSession(message.Agency);
        await pdfs.EnsureAsync(session, KeptNotice.IdOf(message.ApplicationId, message.Number), ct);
    }
}

/// <summary>The PDF of a kept notice: the one kept, or printed from its HTML now and kept.</summary>
public sealed class KeptPdfs(NoticePrinter printer, Infrastructure.BusinessClock clock)
{
    /// <summary>The kept PDF of the notice (printed first if it is not kept yet, or was printed from text since masked); null for no such notice.</summary>
    public async Task<byte[]?> EnsureAsync(IDocumentSession session, string id, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var notice = batch.Load<KeptNotice>(id);
        var pdf = batch.Load<KeptPdf>(id);
        await batch.Execute(ct);
        if (await notice is not { } kept) return null;
        var hash = Disclosure.Domain.Notices.NoticeTemplates.ContentHash(kept.Html);
        if (await pdf is { } printed && printed.PrintedFrom == hash) return printed.Pdf;

        var bytes = await printer.PrintAsync(kept.Html, ct);
        var print = new KeptPdf { Id = id, Pdf = bytes, PrintedFrom = hash, PrintedAt = clock.Now };
        // the first print kept is the one served ever after: a print racing it (the queued one, a request) gives way
        if (await pdf is not null) session.Store(print); // printed from text since masked: replaced
        else session.Insert(print);
        try
        {
            await session.SaveChangesAsync(ct);
            return bytes;
        }
        catch (Exception e) when (Infrastructure.StorageConflict.Is(e))
        {
            session.EjectAllPendingChanges();
            await using var again = session.DocumentStore.QuerySession(session.TenantId);
            return (await again.LoadAsync<KeptPdf>(id, ct))?.Pdf ?? bytes;
        }
    }
}
