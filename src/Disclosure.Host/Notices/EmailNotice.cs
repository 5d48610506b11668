using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Notices;

/// <param name="Consent">The applicant's consent to electronic delivery: where and when it was given (recorded with the delivery).</param>
/// <param name="To">The address, when not the one the applicant gave at intake.</param>
public sealed record EmailNoticeRequest([property: Required, Text(500), Label("申请人同意电子送达的方式和时间")] string? Consent,
    [property: Text(200), Label("电子邮箱（留空用申请时留下的邮箱）")] string? To = null);

public sealed record EmailQueued(Guid DeliveryId, string Number);

/// <summary>
/// Send a kept notice's PDF by e-mail (电子送达): queued durably; retried by Wolverine after each failure with the
/// deployment's <c>Smtp:RetryDelays</c>; the arrival is recorded as <c>notice_delivered</c> (electronic), and a delivery
/// that failed every attempt as <c>delivery_failed</c> — never silently. <see cref="Id"/> is the same on every attempt:
/// a mail the relay accepted is not sent again (<see cref="MailSent"/>).
/// </summary>
public sealed record EmailNotice(Guid Id, string Agency, Guid ApplicationId, string Number, string Consent, string? To, int Attempt = 1)
{
    public override string ToString() => $"EmailNotice {Id} attempt {Attempt}"; // never the address
}

/// <summary>A mail the SMTP relay accepted: written at once, so a retry of the same delivery never sends it again.</summary>
public sealed class MailSent
{
    public string Id { get; set; } = "";
    public Guid ApplicationId { get; set; }
    public string Number { get; set; } = "";
    public DateTimeOffset AcceptedAt { get; set; }
}

public static class EmailNoticeEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/notices/{number}/email", OperationId = "emailNotice", Summary = "电子送达 · Send a notice by e-mail")]
    [Authorize(Roles = Roles.Handling), Tags("Notices")]
    [ProducesResponseType<EmailQueued>(202)]
    public static async Task<IResult> Post(string agency, string id, string number, EmailNoticeRequest request, IQuerySession session,
        NoticeMailer mailer, IMessageBus bus, CancellationToken ct)
    {
        if (!mailer.Configured) return Problems.Conflict("E-mail delivery is not configured on this deployment (Smtp:Host, Smtp:From).");
        if (await CaseWrites.ResolveAsync<Application>(session, id, ct) is not { } caseId || await session.LoadAsync<Application>(caseId, ct) is not { } app)
            return Problems.NotFound(ApplicationKind.Instance.NotFound(id));
        if (app.Notices.All(n => n.Number != number)) return Problems.NotFound($"The application has no notice '{number}'.");
        if (app.PersonalDataErasedOn is not null) return Problems.Conflict("The personal data of this application was erased; nothing can be sent to the applicant.");
        if ((request.To ?? app.Applicant.Email) is not { Length: > 0 } address || !MimeKit.MailboxAddress.TryParse(address, out _))
            return Problems.ValidationResult(new Dictionary<string, string[]> { ["to"] = ["Give the e-mail address: the applicant left none (or not a valid one)."] });

        var mail = new EmailNotice(Guid.CreateVersion7(), agency, caseId, number, request.Consent!.Trim(), request.To?.Trim());
        await bus.PublishAsync(mail);
        return Results.Accepted(value: new EmailQueued(mail.Id, number));
    }
}

public static class EmailNoticeHandler
{
    public static async Task Handle(EmailNotice mail, IDocumentStore store, KeptPdfs pdfs, NoticeMailer mailer, SmtpSettings settings,
        BusinessClock clock, IMessageBus bus, ILogger<MailSent> log, CancellationToken ct)
    {
        await using var session = store.LightweightSession(mail.Agency);
        var sent = await session.LoadAsync<MailSent>(mail.Id.ToString(), ct);
        if (sent is null)
        {
            try
            {
                sent = await SendAsync(mail, session, pdfs, mailer, clock, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await RetryOrFailAsync(mail, e, settings, clock, bus, log, ct);
                return;
            }
        }

        var delivered = new RecordDelivery(DeliveryMethods.Electronic, Consent: mail.Consent, ArrivedAt: sent.AcceptedAt)
            { Case = mail.ApplicationId.ToString(), Number = mail.Number };
        var answer = await bus.SendAsync(mail.Agency, delivered, ct);
        if (answer.Outcome == CaseOutcome.Conflict) answer = await bus.SendAsync(mail.Agency, delivered, ct); // a step raced it
        if (!answer.Succeeded) throw new InvalidOperationException($"The e-mail delivery of a notice was sent but could not be recorded ({answer.Status}).");
    }

    private static async Task<MailSent> SendAsync(EmailNotice mail, IDocumentSession session, KeptPdfs pdfs, NoticeMailer mailer, BusinessClock clock, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var found = batch.Load<Application>(mail.ApplicationId);
        var setup = batch.Load<NoticeSetup>(mail.Agency);
        await batch.Execute(ct);
        var app = await found ?? throw Refusal.NotFound("id", "The application is gone.");
        var to = mail.To ?? app.Applicant.Email ?? throw Refusal.Conflict("The applicant has no e-mail address.");
        var notice = app.Notices.FirstOrDefault(n => n.Number == mail.Number) ?? throw Refusal.NotFound("number", "The notice is gone.");
        var pdf = await pdfs.EnsureAsync(session, KeptNotice.IdOf(mail.ApplicationId, mail.Number), ct) ?? throw Refusal.NotFound("number", "The notice is not kept.");
        var title = NoticeKinds.Require("kind", notice.Kind).Title;
        var agency = (await setup)?.Settings?.AgencyName ?? mail.Agency;

        await mailer.SendAsync(to, $"{title}（{notice.Number}）",
            $"{app.Applicant.Name}：\n\n{agency}向您送达{title}（{notice.Number}），见附件。\n\n本邮件根据您同意的电子送达方式发送。",
            $"{notice.Number}.pdf", pdf, $"{mail.Id:N}@notices.disclosure", ct);
        var sent = new MailSent { Id = mail.Id.ToString(), ApplicationId = mail.ApplicationId, Number = mail.Number, AcceptedAt = clock.Now };
        session.Store(sent);
        await session.SaveChangesAsync(ct);
        return sent;
    }

    /// <summary>Another attempt later (durably scheduled), or — after the last — the failure recorded on the case.</summary>
    private static async Task RetryOrFailAsync(EmailNotice mail, Exception e, SmtpSettings settings, BusinessClock clock, IMessageBus bus, ILogger log, CancellationToken ct)
    {
        var reason = Describe(e);
        if (e is not Refusal && mail.Attempt <= settings.RetryDelays.Count)
        {
            log.LogWarning("E-mail delivery {Delivery} of application {Application} failed on attempt {Attempt} ({Reason}); trying again", mail.Id, mail.ApplicationId, mail.Attempt, reason);
            await bus.ScheduleAsync(mail with { Attempt = mail.Attempt + 1 }, settings.RetryDelays[mail.Attempt - 1]);
            return;
        }
        log.LogWarning("E-mail delivery {Delivery} of application {Application} failed after {Attempt} attempt(s) ({Reason})", mail.Id, mail.ApplicationId, mail.Attempt, reason);
        var failed = new RecordDeliveryFailure(clock.Today, $"电子邮件送达未成功（共尝试{mail.Attempt}次）：{reason}")
            { Case = mail.ApplicationId.ToString(), Number = mail.Number, ByMailer = true };
        var answer = await bus.SendAsync(mail.Agency, failed, ct);
        if (answer.Outcome == CaseOutcome.Conflict) await bus.SendAsync(mail.Agency, failed, ct);
    }

    /// <summary>Why, without the address or the server's text (either may quote personal data).</summary>
    internal static string Describe(Exception e) => e switch
    {
        MailKit.Net.Smtp.SmtpCommandException smtp => $"邮件服务器拒绝（SMTP {(int)smtp.StatusCode}）",
        MailKit.Net.Smtp.SmtpProtocolException => "与邮件服务器通信出错",
        System.Net.Sockets.SocketException => "无法连接邮件服务器",
        TimeoutException or IOException => "邮件服务器无响应",
        MailKit.Security.AuthenticationException => "邮件服务器认证失败",
        Refusal => "无法送达（申请人未留电子邮箱或告知书不存在）",
        _ => e.GetType().Name,
    };
}
