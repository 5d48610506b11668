using System.Collections.Concurrent;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Host.Infrastructure;
using Marten;
using Wolverine;

namespace Disclosure.Host.Notices;

/// <summary>
/// Issuing the notices a step drafted, for the one write path (<see cref="Cases.CaseWrites"/>): each draft is rendered
/// with the agency's template first with a pending number (a template or setting that cannot serve refuses the whole
/// step before a number is taken), then the numbers are taken in the step's transaction, the documents rendered with
/// them and kept, and their printing to PDF queued in the same transaction (after the commit, durably).
/// </summary>
public sealed class NoticeIssuing(BusinessClock clock)
{
    // parsed templates by agency and version: a version is the hash of its text, so the cache can never be stale
    private readonly ConcurrentDictionary<string, NoticeTemplate> _parsed = new();

    /// <summary>The <c>notice_issued</c> events of the drafts, their documents stored in <paramref name="session"/>.</summary>
    public async Task<IReadOnlyList<NoticeIssued>> IssueAsync(IDocumentSession session, IMessageContext bus, CaseContext context,
        ITrackedCase @case, IReadOnlyList<NoticeModel> drafts, CancellationToken ct)
    {
        var settings = context.Notices.RequireSettings();
        var templates = new List<NoticeTemplate>();
        foreach (var draft in drafts)
        {
            var template = await TemplateAsync(session, context.Notices, draft.Kind, ct);
            NoticeTemplates.Issue(template, draft, context.Today); // refuses before any number is taken
            templates.Add(template);
        }

        var numbers = await NoticeNumbers.TakeAsync(session, drafts.Select(d => (settings.SeriesOf(d.Kind), d.IssuedOn.Year)).ToList(), ct);
        var issued = new List<NoticeIssued>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var notice = NoticeTemplates.Issue(templates[i], draft with { Number = settings.Number(draft.Kind, draft.IssuedOn.Year, numbers[i]) }, context.Today);
            var e = notice.Event;
            session.Store(new KeptNotice
            {
                Id = KeptNotice.IdOf(@case.Id, e.Number), ApplicationId = @case.Id, TrackingNumber = @case.TrackingNumber, Kind = e.Kind,
                Number = e.Number, IssuedOn = e.IssuedOn, TemplateVersion = e.TemplateVersion, ContentHash = e.ContentHash,
                Html = notice.Html, IssuedAt = clock.Now,
            });
            await bus.PublishAsync(new PrintNotice(session.TenantId, @case.Id, e.Number));
            issued.Add(e);
        }
        return issued;
    }

    /// <summary>Erasure: every kept document of the case blanked (<see cref="KeptNoticeErasure"/>) and printed again.</summary>
    public async Task MaskAsync(IDocumentSession session, IMessageContext bus, Application before, DateOnly today, CancellationToken ct)
    {
        var kept = await session.Query<KeptNotice>().Where(k => k.ApplicationId == before.Id).ToListAsync(ct);
        if (kept.Count == 0) return;
        var personal = KeptNoticeErasure.PersonalTexts(before);
        foreach (var notice in kept)
        {
            notice.Html = KeptNoticeErasure.Mask(notice.Html, personal);
            notice.MaskedOn = today;
            session.Store(notice);
            session.Delete<KeptPdf>(notice.Id);
            await bus.PublishAsync(new PrintNotice(session.TenantId, notice.ApplicationId, notice.Number));
        }
    }

    /// <summary>The template serving a kind for the agency: its own version, else the shipped default.</summary>
    public async Task<NoticeTemplate> TemplateAsync(IQuerySession session, NoticeSetup setup, string kind, CancellationToken ct)
    {
        if (setup.TemplateKeyFor(kind) is not { } key) return NoticeTemplates.Default(kind);
        var version = setup.Templates[key];
        var id = NoticeTemplateText.IdOf(setup.Id, version);
        if (_parsed.TryGetValue(id, out var cached)) return cached;
        var text = await session.LoadReferenceAsync<NoticeTemplateText>(id, ct)
            ?? throw new InvalidOperationException($"The text of template version {version} of {setup.Id} is missing.");
        return _parsed[id] = NoticeTemplates.Validate(key, text.Source);
    }
}
