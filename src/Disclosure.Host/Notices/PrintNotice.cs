using Marten;
using Disclosure.Host.Infrastructure;
using Npgsql;
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

/// <summary>
/// The PDF of a kept notice: the one kept, or printed from its HTML now and kept. Each document is printed once: a print
/// takes a lock on the document (a PostgreSQL advisory lock, so across hosts too) and looks again under it, so the print
/// queued at issue and a request for the PDF never both print it. And a print is kept only if the HTML it printed is still
/// the kept one (compare-and-set on the content, the kept notice's row locked while the PDF is written): erasure masks the
/// HTML without waiting for a print running meanwhile, and that print's unmasked PDF is then thrown away, never kept.
/// </summary>
public sealed class KeptPdfs(NoticePrinter printer, Infrastructure.AgencyDatabases databases, Infrastructure.BusinessClock clock, ILogger<KeptPdfs> log)
{
    private const int Attempts = 3;

    /// <summary>The kept PDF of the notice (printed first if it is not kept yet, or was printed from text since masked); null for no such notice.</summary>
    public async Task<byte[]?> EnsureAsync(IDocumentSession session, string id, CancellationToken ct)
    {
        if (await KeptAsync(session, id, ct) is not { } first) return null;
        if (first.Current is { } served) return served;

        await using var connection = await databases.For(session.TenantId).OpenConnectionAsync(ct); // the lock beside the agency's rows
        await using (var take = new NpgsqlCommand("select pg_advisory_lock(hashtextextended($1, 0))", connection))
        {
            take.Parameters.AddWithValue($"kept-pdf/{session.TenantId}/{id}");
            await take.ExecuteNonQueryAsync(ct);
        }
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var again = session.DocumentStore.LightweightSession(session.TenantId);
                // under the lock: a print that finished meanwhile is served, not printed a second time
                if (await KeptAsync(again, id, ct) is not { } kept) return null;
                if (kept.Current is { } printed) return printed;

                var bytes = await printer.PrintAsync(kept.Html, ct);
                if (await KeepIfCurrentAsync(again, id, kept.Hash, bytes, ct)) return bytes;
                // the kept HTML changed while it was printed (erasure masked it): that print is never kept nor served
                log.LogInformation("A print of a kept notice was discarded: the document changed while it was printed (attempt {Attempt})", attempt);
                if (attempt == Attempts) throw new InvalidOperationException($"The kept notice {id} kept changing while it was printed.");
            }
        }
        finally
        {
            // closing the connection would release it as well; the pool keeps connections open
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended($1, 0))", connection);
            release.Parameters.AddWithValue($"kept-pdf/{session.TenantId}/{id}");
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private sealed record Kept(string Html, string Hash, byte[]? Current);

    private static async Task<Kept?> KeptAsync(IQuerySession session, string id, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var notice = batch.Load<KeptNotice>(id);
        var pdf = batch.Load<KeptPdf>(id);
        await batch.Execute(ct);
        if (await notice is not { } kept) return null;
        var hash = Disclosure.Domain.Notices.NoticeTemplates.ContentHash(kept.Html);
        return new(kept.Html, hash, await pdf is { } printed && printed.PrintedFrom == hash ? printed.Pdf : null);
    }

    /// <summary>Keeps the print only if the kept notice still holds the HTML it was printed from (its row locked until the commit).</summary>
    private async Task<bool> KeepIfCurrentAsync(IDocumentSession session, string id, string printedFrom, byte[] pdf, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await using (var current = TenantSql.Command((NpgsqlConnection)session.Connection!, session.TenantId,
            "select data ->> 'html' from disclosure.mt_doc_keptnotice where tenant_id = $1 and id = $2 for update", id))
        {
            if (await current.ExecuteScalarAsync(ct) is not string html || Disclosure.Domain.Notices.NoticeTemplates.ContentHash(html) != printedFrom)
                return false; // the session is disposed without saving: the transaction rolls back
        }
        session.Store(new KeptPdf { Id = id, Pdf = pdf, PrintedFrom = printedFrom, PrintedAt = clock.Now });
        await session.SaveChangesAsync(ct);
        return true;
    }
}
