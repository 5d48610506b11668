using System.Security.Cryptography;
using System.Text.Json;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Reviews;
using Disclosure.Host.Agencies;
using Disclosure.Host.Calendar;
using Disclosure.Host.Deadlines;
using Disclosure.Domain.Notices;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Notices;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace Disclosure.Host.Cases;

/// <summary>
/// THE write path of every case: the only place in the host where events of an application or a letter are appended
/// or their streams started. Every change — a clerk's step through the API or the console, a lapse a scheduled check
/// finds, the year-end carry-forward, a due date re-derived after a calendar change, erasure, a conversion between
/// letter and application — arrives as a command and goes: resolve the case (id or tracking number) → one batched read
/// (the stream for writing and its events) → fold with the calendar in force → the command completed with what it needs
/// of the agency's other cases (its new ids minted and what it needs read, <see cref="CaseCompletion"/>: one more batched read, only for a command that needs it) → the Domain decides → year-end records
/// reconciled → append with the version read as the expected one → alarms scheduled in the same transaction → answer.
/// </summary>
/// <remarks>
/// Called by the Wolverine handlers in <see cref="CaseCommandHandler"/> with the session Wolverine opened for the envelope's
/// tenant (the agency) and enlisted in its outbox; Wolverine's transactional middleware commits it, so the scheduled
/// checks are stored with the events or not at all, and a lost race (a stale version) rolls back both.
/// </remarks>
public sealed class CaseWrites(BusinessClock clock, CalendarStore calendars, AgencyDirectory agencies, TrackingNumbers numbers,
    DeadlineAlarms alarms, NoticeIssuing notices, IdempotencyRecords idempotency, Applications.AttachmentSettings attachments, Search.RepeatCheck repeats,
    INotificationSender sender)
{
    public async Task<CaseAnswer> ExecuteAsync<TCase>(CaseKind<TCase> kind, IDocumentSession session, IMessageContext bus,
        CaseCommand<TCase> command, CancellationToken ct, IReadOnlySet<string>? recorded = null) where TCase : class, ITrackedCase
    {
        if (await ResolveAsync<TCase>(session, command.Case, ct) is not { } id) return CaseAnswer.NotFound(kind.NotFound(command.Case));

        // one round trip: the stream for writing (the stored case, which the inline projection reuses at commit, and the
        // version that must still hold then) and its events (to fold with today's calendar, and for the answer's history)
        var batch = session.CreateBatchQuery();
        var forWriting = batch.Events.FetchForWriting<TCase>(id);
        var stored = batch.Events.FetchStream(id);
        // the agency's notice settings: small, and always current; a reference document, so with several databases it is
        // read from the master (Infrastructure/AgencyDatabases) — one round trip more only there
        var several = session.DocumentStore.Options.Tenancy.Cardinality != JasperFx.Descriptors.DatabaseCardinality.Single;
        var setup = several ? null : batch.Load<NoticeSetup>(session.TenantId);
        await batch.Execute(ct);
        var stream = await forWriting;
        var history = await stored;
        if (stream.Aggregate is null || history.Count == 0) return CaseAnswer.NotFound(kind.NotFound(command.Case));
        var version = history[^1].Version;
        if (version != stream.CurrentVersion) return CaseAnswer.LostRace(kind.Noun); // a writer committed between the two reads
        if (command.Version is { } expected && expected != version)
            return CaseAnswer.Conflict($"The {kind.Noun} is at version {version}, not {expected}: someone else changed it. Reload and try again.");

        var context = await ContextAsync(session.TenantId, ct) with { Stored = stream.Aggregate, Notices = (setup is null ? await session.LoadReferenceAsync<NoticeSetup>(session.TenantId, ct) : await setup) ?? NoticeSetup.None };
        var current = kind.Fold(history.Select(e => e.Data), version, context);
        // its new ids are minted, and what it needs of the agency's other cases is read, here: for every front door alike
        command = await CaseCompletion.CompleteAsync(session, command, current, context, ct);

        List<object> decided;
        List<object> events;
        try
        {
            decided = command.Decide(current, context).ToList();
            // a command that opens a case takes its tracking number only once it is known to be accepted: no gap for a refusal
            if (decided.OfType<CaseOpened>().Any() && command.NumberFor(current) is { } number)
            {
                context = context with { TrackingNumber = await numbers.NextAsync(session.TenantId, context.Agency.Code, number.Kind, number.Year, ct) };
                decided = command.Decide(current, context).ToList();
            }
            events = decided.Where(d => d is not CaseOpened and not DeadlineNotice and not CaseLinked and not AfterCommit and not KeptWithCase).ToList();
            // the written notices the law ties to the step, issued with it (numbers taken last: no gap for a refusal)
            if (command is IIssuesNotices<TCase> issuing && context.Notices.IssuesNotices)
            {
                var after = kind.Fold(history.Select(e => e.Data).Concat(events), version + events.Count, context);
                if (issuing.Notices(after, context).ToList() is { Count: > 0 } drafts)
                    events.AddRange(await notices.IssueAsync(session, bus, context, after, drafts, ct));
            }
            else if (command is IIssuesNotices<TCase>) // text typed for a notice that is not issued is refused, never dropped
                NoticeDecider.NoNoticeTextLost(context.Notices, NoticeTextAttribute.Given(command));
        }
        catch (Refusal refusal)
        {
            return CaseAnswer.Refused(refusal);
        }

        foreach (var e in events)
            if (!kind.EventMarker.IsInstanceOfType(e))
                throw new InvalidOperationException($"{e.GetType().Name} is not an event of a {kind.Noun}; a decision produced it by mistake.");

        session.LastModifiedBy = command.BySystem ? Actor.System : session.LastModifiedBy ?? Actor.System;
        var state = current;
        var appended = events;
        if (events.Count > 0)
        {
            appended = kind.Reconcile(() => kind.FoldFacts(history.Select(e => e.Data).Concat(events)), events, context).ToList();
            stream.AppendMany(appended);
            Applications.CaseFiles.Keep(session, id, command, appended); // the bytes of the files the events attached, in the same transaction
            state = kind.Fold(history.Select(e => e.Data).Concat(appended), version + appended.Count, context);
            if (appended.OfType<PersonalDataErased>().Any())
            {
                MaskStoredEvents(session, history);
                Applications.CaseFiles.Erase(session, id);
                await IdempotencyRecords.EraseAsync(session, id, context.Today, ct);
                if (current is Application before)
                {
                    await notices.MaskAsync(session, bus, before, context.Today, ct);
                    // the evidence bundles kept with its reviews print the application's personal data: they go with it
                    foreach (var review in before.Reviews.Where(r => r.CaseNumber is not null)) session.Delete<Reviews.ReviewEvidencePdf>(review.Id);
                }
                // and with the review itself, whichever is erased first
                if (current is ReviewCase) session.Delete<Reviews.ReviewEvidencePdf>(id);
            }
        }

        foreach (var link in decided.OfType<CaseLinked>())
            await AppendLinkedAsync(session, bus, link, context, ct);
        // stored by its runtime type (Store<object> would name no document type)
        session.StoreObjects(decided.OfType<KeptWithCase>().Select(k => k.Document));
        foreach (var after in decided.OfType<AfterCommit>())
            await bus.PublishAsync(after.Message);

        var opened = new List<OpenedCase>();
        foreach (var open in decided.OfType<CaseOpened>())
            opened.Add(await OpenAsync(session, bus, open, context, ct));

        var notified = await NotifyAsync(session, bus, kind, state, history, decided.OfType<DeadlineNotice>(), context, recorded, ct);
        if (appended.Count > 0 || command.SchedulesNextAlarm)
            await ScheduleCheckAsync(kind, bus, state, context, onlyAhead: command.SchedulesNextAlarm);

        var today = context.Today;
        return CaseAnswer.Done(id, command, appended.Count > 0, appended.Count + opened.Count, notified, opened,
            () => kind.View(state, today, [.. history, .. stream.Events]));
    }

    /// <summary>
    /// The commands of a page of a job (<see cref="CaseBatch{TCase}"/>) on cases of the session's agency, in one transaction:
    /// three reads for them all (their events, their stored cases, the reminders already recorded), each case folded with
    /// the calendar in force and its command decided by the Domain exactly as <see cref="ExecuteAsync{TCase}"/> does; a
    /// command that would record nothing on its case (no event, no reminder not yet recorded, nothing else) is answered
    /// null and not written. The others go through <see cref="ExecuteAsync{TCase}"/> itself in this session — it reads its
    /// case again for writing (the expected version), decides again and appends — so nothing is recorded by any other code.
    /// </summary>
    /// <remarks>
    /// A command left alone schedules no check, even one that <see cref="CaseCommand.SchedulesNextAlarm"/>: the case's
    /// own check is already scheduled by the step that made it, and the sweep runs every night anyway; a check scheduled
    /// by every sweep for every open case piled up a duplicate a night per case in the inbox.
    /// </remarks>
    public async Task<IReadOnlyList<CaseAnswer?>> ExecuteManyAsync<TCase>(CaseKind<TCase> kind, IDocumentSession session, IMessageContext bus,
        IReadOnlyList<CaseCommand<TCase>> commands, CancellationToken ct) where TCase : class, ITrackedCase
    {
        var ids = commands.Select(c => Guid.TryParse(c.Case, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToArray();
        var events = (await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids)).ToListAsync(ct))
            .GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());
        var stored = (await session.LoadManyAsync<TCase>(ct, ids)).ToDictionary(c => c.Id);
        var recorded = (await session.Query<Notification>().Where(n => n.CaseId.IsOneOf(ids)).Select(n => n.Id).ToListAsync(ct)).ToHashSet();
        var context = await ContextAsync(session.TenantId, ct);
        context = context with { Notices = await session.LoadReferenceAsync<NoticeSetup>(session.TenantId, ct) ?? NoticeSetup.None };

        var answers = new List<CaseAnswer?>();
        foreach (var command in commands)
        {
            if (Guid.TryParse(command.Case, out var id) && events.TryGetValue(id, out var history) && stored.TryGetValue(id, out var kept)
                && await NothingToRecordAsync(kind, session, command, history, context with { Stored = kept }, recorded, ct))
                answers.Add(null);
            else
                answers.Add(await ExecuteAsync(kind, session, bus, command, ct, recorded));
        }
        return answers;
    }

    /// <summary>
    /// The command decided on the case as read: true only when it records nothing — no event and nothing else (a case it
    /// opens or links, a document, a message) but reminders already recorded. A refusal, a command that issues notices or
    /// expects a version is left to <see cref="ExecuteAsync{TCase}"/>, which answers it.
    /// </summary>
    private static async Task<bool> NothingToRecordAsync<TCase>(CaseKind<TCase> kind, IDocumentSession session, CaseCommand<TCase> command,
        IReadOnlyList<IEvent> history, CaseContext context, HashSet<string> recorded, CancellationToken ct) where TCase : class, ITrackedCase
    {
        if (command.Version is not null || command is IIssuesNotices<TCase> || history.Count == 0) return false;
        var current = kind.Fold(history.Select(e => e.Data), history[^1].Version, context);
        command = await CaseCompletion.CompleteAsync(session, command, current, context, ct);
        try
        {
            return command.Decide(current, context).All(d => d is DeadlineNotice notice && recorded.Contains(Notification.IdFor(current.Id, notice)));
        }
        catch (Refusal)
        {
            return false;
        }
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public async Task<CaseAnswer> ReceiveAsync<TCase>(CaseKind<TCase> kind, IDocumentSession session, IMessageContext bus,
        IntakeCommand<TCase> command, CancellationToken ct) where TCase : class, ITrackedCase
    {
        var key = command.IdempotencyKey is { Length: > 0 } k ? k : null;
        var fingerprint = key is null ? "" : Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(command, command.GetType())));
        var earlier = key is null ? null : await session.LoadAsync<IdempotencyRecord>(key, ct);
        if (earlier is not null && !idempotency.Expired(earlier, clock.Now))
        {
            if (idempotency.Open(earlier) is not { } kept)
                return CaseAnswer.Problem(409, "Idempotency-Key", "The case this Idempotency-Key created has had its personal data erased; its answer is no longer kept.");
            return kept.Fingerprint == fingerprint
                ? CaseAnswer.Replayed(earlier.CaseId, JsonDocument.Parse(kept.Response).RootElement)
                : CaseAnswer.Problem(422, "Idempotency-Key", "This Idempotency-Key was already used for a different request; use a new key for a new case.");
        }

        var context = await ContextAsync(session.TenantId, ct);
        var id = Guid.CreateVersion7();
        try
        {
            command.Receive(id, context); // refused before a tracking number is taken: no gap for a refusal
            command.Following(context).ToList();
        }
        catch (Refusal refusal)
        {
            return CaseAnswer.Refused(refusal);
        }
        var (numberKind, year) = command.Number();
        long? taken = null;
        if (command is Applications.ReceiveApplication intake)
        {
            // the repeat check, once the intake is accepted (a refused or replayed intake pays none), with the tracking number
            // taken in its batch where the sequences live in the agency's database: one round trip and transaction fewer
            var numberSql = repeats.DatabaseOf(session.TenantId) == numbers.DataSource ? await numbers.NextSqlAsync(session.TenantId, numberKind, year, ct) : null;
            var check = await repeats.AtIntakeAsync(session, intake, numberSql, ct);
            command = (IntakeCommand<TCase>)(object)(intake with { Repeats = check.Report, RepeatMilliseconds = check.Report is null ? null : check.Milliseconds });
            taken = check.Number;
        }
        context = context with
        {
            TrackingNumber = taken is { } n ? TrackingNumbers.Format(context.Agency.Code, numberKind, year, n)
                : await numbers.NextAsync(session.TenantId, context.Agency.Code, numberKind, year, ct),
        };
        var first = command.Receive(id, context);
        List<object> received = [first, .. command.Following(context)];

        session.LastModifiedBy ??= Actor.System;
        var events = kind.Reconcile(() => kind.FoldFacts(received), received, context);
        session.Events.StartStream<TCase>(id, events.ToArray());
        Applications.CaseFiles.Keep(session, id, command, events);
        var state = kind.Fold(events, events.Count, context);
        await ScheduleCheckAsync(kind, bus, state, context, onlyAhead: false);
        foreach (var message in command.Outgoing(state)) await bus.PublishAsync(message); // stored with the case (outbox)

        var answer = command.Accepted(state);
        if (key is not null)
        {
            var record = idempotency.Record(key, id, fingerprint, JsonSerializer.Serialize(answer, answer.GetType(), Web), clock.Now);
            // a first use: inserted, so a concurrent first use of the same key fails and is answered by the replay; an
            // expired record (not purged yet) is replaced
            if (earlier is null) session.Insert(record);
            else session.Store(record);
        }
        var today = context.Today;
        return CaseAnswer.Created(id, answer, events.Count, () => kind.View(state, today, []));
    }

    private async Task<OpenedCase> OpenAsync(IDocumentSession session, IMessageContext bus, CaseOpened open, CaseContext context, CancellationToken ct)
    {
        switch (open.FirstEvent)
        {
            case ApplicationReceived received:
            {
                var events = ApplicationKind.Instance.Reconcile(() => Application.From([received]), [received], context);
                session.Events.StartStream<Application>(open.Id, events.ToArray());
                var app = ApplicationKind.Instance.Fold(events, events.Count, context);
                await ScheduleCheckAsync(ApplicationKind.Instance, bus, app, context, onlyAhead: false);
                return new OpenedCase(open.Id, app.TrackingNumber, app.DueOn, () => ApplicationKind.Instance.View(app, context.Today, []));
            }
            case LetterReceived received:
            {
                session.Events.StartStream<Letter>(open.Id, received);
                var letter = LetterKind.Instance.Fold([received], 1, context);
                await ScheduleCheckAsync(LetterKind.Instance, bus, letter, context, onlyAhead: false);
                return new OpenedCase(open.Id, letter.TrackingNumber, letter.DueOn, () => LetterKind.Instance.View(letter, context.Today, []));
            }
            case ReviewReceived received:
            {
                session.Events.StartStream<ReviewCase>(open.Id, received);
                var review = Reviews.ReviewKind.Instance.Fold([received], 1, context);
                await ScheduleCheckAsync(Reviews.ReviewKind.Instance, bus, review, context, onlyAhead: false);
                return new OpenedCase(open.Id, review.TrackingNumber, review.DueOn, () => Reviews.ReviewKind.Instance.View(review, context.Today, []));
            }
            default:
                throw new InvalidOperationException($"A case cannot open with {open.FirstEvent.GetType().Name}.");
        }
    }

    /// <summary>
    /// The event a decision records on a linked case (<see cref="CaseLinked"/>): the linked stream is fetched for writing, so
    /// a writer that changed it since makes this commit fail (409) and nothing of the command is stored; the linked case's
    /// next alarm is scheduled with it (a new answer a review decision requires).
    /// </summary>
    private async Task AppendLinkedAsync(IDocumentSession session, IMessageContext bus, CaseLinked link, CaseContext context, CancellationToken ct)
    {
        switch (link.Event)
        {
            case IApplicationEvent e:
            {
                var stream = await session.Events.FetchForWriting<Application>(link.Id, ct);
                if (stream.Aggregate is not { } app) throw new InvalidOperationException($"No application {link.Id} for a linked {e.GetType().Name}.");
                stream.AppendOne(e);
                var after = ApplicationKind.Instance.Fold((await session.Events.FetchStreamAsync(link.Id, token: ct)).Select(x => x.Data).Append(e),
                    (stream.CurrentVersion ?? 0) + 1, context);
                await ScheduleCheckAsync(ApplicationKind.Instance, bus, after, context, onlyAhead: false);
                break;
            }
            case IReviewEvent e:
            {
                var stream = await session.Events.FetchForWriting<ReviewCase>(link.Id, ct);
                if (stream.Aggregate is null) throw new InvalidOperationException($"No review case {link.Id} for a linked {e.GetType().Name}.");
                stream.AppendOne(e);
                break;
            }
            default:
                throw new InvalidOperationException($"{link.Event.GetType().Name} cannot be recorded on a linked case.");
        }
    }

    /// <summary>Schedules the durable check of the case's earliest alarm (stored in this transaction through the outbox).</summary>
    private async Task ScheduleCheckAsync<TCase>(CaseKind<TCase> kind, IMessageContext bus, TCase state, CaseContext context, bool onlyAhead)
        where TCase : class, ITrackedCase
    {
        var days = kind.AlarmDays(state, context);
        if (alarms.Next(days, onlyAhead) is { } next)
            await bus.ScheduleAsync(kind.Check(state, next.At), next.Delay);
    }

    /// <summary>
    /// Reminders (<see cref="DeadlineNotice"/>), once per case, kind and due date, addressed to whoever worked on the case.
    /// Inserted, not upserted: a concurrent check that recorded the same reminder first makes this commit fail (409). What
    /// goes to the outside (<see cref="DeliverNotification"/>) is published through the outbox: stored in this transaction,
    /// sent only after it commits — a lost race sends nothing; with a sender that delivers nowhere, nothing is published.
    /// </summary>
    private async Task<int> NotifyAsync<TCase>(IDocumentSession session, IMessageContext bus, CaseKind<TCase> kind, TCase state, IReadOnlyList<IEvent> history,
        IEnumerable<DeadlineNotice> notices, CaseContext context, IReadOnlySet<string>? known, CancellationToken ct) where TCase : class, ITrackedCase
    {
        var recorded = 0;
        foreach (var notice in notices)
        {
            var id = Notification.IdFor(state.Id, notice);
            // a batch read its cases' reminders in this transaction (ExecuteManyAsync): no round trip per reminder
            if (known is not null ? known.Contains(id) : await session.LoadAsync<Notification>(id, ct) is not null) continue;
            var notification = new Notification
            {
                Id = id, Agency = context.Agency.Id, CaseKind = kind.Noun, CaseId = state.Id, TrackingNumber = state.TrackingNumber,
                Kind = notice.Kind, DueOn = notice.DueOn, On = context.Today, CreatedAt = clock.Now, Text = notice.Text,
                Recipients = history.Select(e => e.UserName).OfType<string>().Where(u => u != Actor.System).Distinct().ToList(),
            };
            session.Insert(notification);
            if (sender.Delivers) await bus.PublishAsync(new DeliverNotification(notification));
            recorded++;
        }
        return recorded;
    }

    /// <summary>
    /// Erasure blanks the personal data in the stored events themselves (<see cref="PersonalData.Masked"/>), in the same
    /// transaction as the <c>personal_data_erased</c> event: a case is never half erased.
    /// </summary>
    private static void MaskStoredEvents(IDocumentSession session, IReadOnlyList<IEvent> history)
    {
        var serializer = session.DocumentStore.Options.Serializer();
        var table = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
        foreach (var e in history)
            if (PersonalData.Masked(e.Data) is { } masked)
                session.QueueSqlCommand($"update {table} set data = ?::jsonb where seq_id = ? and tenant_id = ?", serializer.ToJson(masked), e.Sequence, session.TenantId);
    }

    private async Task<CaseContext> ContextAsync(string agencyId, CancellationToken ct)
    {
        var agency = await agencies.FindAsync(agencyId, ct) ?? throw new InvalidOperationException($"No agency '{agencyId}' for a case command.");
        return new CaseContext(clock.Today, calendars.Current, calendars.Settings, agency, await agencies.ClosedYearsAsync(agencyId, ct))
            { Now = clock.Now, Uploads = attachments.Limits };
    }

    /// <summary>A case is addressed by its id or its tracking number; the empty id addresses nothing.</summary>
    public static async Task<Guid?> ResolveAsync<TCase>(IQuerySession session, string idOrNumber, CancellationToken ct) where TCase : ITrackedCase
    {
        if (Guid.TryParse(idOrNumber, out var id)) return id == Guid.Empty ? null : id;
        if (idOrNumber.Length is 0 or > 40) return null;
        var found = await session.Query<TCase>().Where(c => c.TrackingNumber == idOrNumber).Select(c => c.Id).ToListAsync(ct);
        return found.Count == 1 ? found[0] : null;
    }
}
