using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Notices;
using Disclosure.Host.Infrastructure;
using Marten;
using Wolverine;

namespace Disclosure.Host.Notices;

/// <summary>
/// The tracking number and the query code, by e-mail, to whoever submitted a case online and gave an address (an
/// application through <c>/apply</c>, a letter through <c>/letters/new</c>). Published by the write path in the intake's
/// transaction (outbox, durable local queue): it leaves only once the case is stored. It carries the code — the only copy
/// besides the page shown once, since the case keeps only its hash — but never the address, which is read from the case
/// when the mail is sent (an erased case sends nothing). <see cref="Id"/> is the same on every attempt: a mail the relay
/// accepted is not sent again (<see cref="MailSent"/>).
/// </summary>
public sealed record MailQueryCode(Guid Id, string Agency, string Kind, Guid CaseId, string QueryCode, int Attempt = 1)
{
    public const string Application = "application";
    public const string Letter = "letter";

    public override string ToString() => $"MailQueryCode {Id} attempt {Attempt}"; // never the code, never the address
}

public static class MailQueryCodeHandler
{
    public static async Task Handle(MailQueryCode mail, IDocumentStore store, NoticeMailer mailer, SmtpSettings settings,
        IMessageBus bus, BusinessClock clock, ILogger<MailSent> log, CancellationToken ct)
    {
        if (!mailer.Configured)
        {
            log.LogInformation("E-mail is not configured (Smtp:Host, Smtp:From): the query code of case {Case} is not mailed", mail.CaseId);
            return;
        }
        await using var session = store.LightweightSession(mail.Agency);
        if (await session.LoadAsync<MailSent>(mail.Id.ToString(), ct) is not null) return;
        if (await Compose(session, mail, ct) is not { } message)
        {
            log.LogInformation("The query code of case {Case} is not mailed: no usable address, or the personal data was erased", mail.CaseId);
            return;
        }
        try
        {
            await mailer.SendTextAsync(message.To, message.Subject, message.Body, $"{mail.Id:N}@query-codes.disclosure", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reason = EmailNoticeHandler.Describe(e);
            if (mail.Attempt <= settings.RetryDelays.Count)
            {
                log.LogWarning("Mailing the query code of case {Case} failed on attempt {Attempt} ({Reason}); trying again", mail.CaseId, mail.Attempt, reason);
                await bus.ScheduleAsync(mail with { Attempt = mail.Attempt + 1 }, settings.RetryDelays[mail.Attempt - 1]);
            }
            else log.LogWarning("Mailing the query code of case {Case} failed after {Attempt} attempt(s) ({Reason}); the code was shown on the page", mail.CaseId, mail.Attempt, reason);
            return;
        }
        session.Store(new MailSent { Id = mail.Id.ToString(), ApplicationId = mail.CaseId, Number = message.Number, AcceptedAt = clock.Now });
        await session.SaveChangesAsync(ct);
    }

    private sealed record Composed(string To, string Number, string Subject, string Body);

    private static async Task<Composed?> Compose(IDocumentSession session, MailQueryCode mail, CancellationToken ct)
    {
        var setup = await session.LoadAsync<NoticeSetup>(mail.Agency, ct);
        var agency = setup?.Settings?.AgencyName ?? (await session.LoadAsync<Domain.Agencies.Agency>(mail.Agency, ct))?.Name ?? mail.Agency;
        const string Lookup = "凭编号和查询码可在“办理进度查询”页面（/public/status）查询办理进度。查询码只在提交时显示一次，请妥善保存，不要告诉他人。";
        switch (mail.Kind)
        {
            case MailQueryCode.Application when await session.LoadAsync<Application>(mail.CaseId, ct) is { PersonalDataErasedOn: null, Applicant.Email: { Length: > 0 } to } app:
                return Usable(to) ? new Composed(to, app.TrackingNumber, $"政府信息公开申请已提交（编号 {app.TrackingNumber}）",
                    $"{app.Applicant.Name}：\n\n您于 {app.SubmittedAt:yyyy-MM-dd HH:mm} 在网上向{agency}提交了政府信息公开申请。\n\n编号：{app.TrackingNumber}\n查询码：{mail.QueryCode}\n\n"
                    + $"行政机关确认收到后，以确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条）。{Lookup}\n\n本邮件由系统发送，请勿回复。") : null;
            case MailQueryCode.Letter when await session.LoadAsync<Letter>(mail.CaseId, ct) is { PersonalDataErasedOn: null, Writer.Email: { Length: > 0 } to } letter:
                return Usable(to) ? new Composed(to, letter.TrackingNumber, $"来信已收到（编号 {letter.TrackingNumber}）",
                    $"{letter.Writer.Name}：\n\n{agency}已收到您于 {letter.SubmittedAt:yyyy-MM-dd HH:mm} 写来的信（{letter.Subject}）。\n\n编号：{letter.TrackingNumber}\n查询码：{mail.QueryCode}\n\n"
                    + $"{Lookup}\n\n本邮件由系统发送，请勿回复。") : null;
            default:
                return null;
        }
    }

    private static bool Usable(string address) => MimeKit.MailboxAddress.TryParse(address, out _);
}
