using MailKit.Net.Smtp;
using MimeKit;

namespace Disclosure.Host.Notices;

/// <summary>Sends a notice's PDF by e-mail through the deployment's SMTP relay (MailKit).</summary>
public sealed class NoticeMailer(SmtpSettings settings)
{
    public bool Configured => settings.Configured;

    /// <param name="messageId">The same on every attempt of one delivery, so that a receiving system can tell a repeat.</param>
    public Task SendAsync(string to, string subject, string body, string fileName, byte[] pdf, string messageId, CancellationToken ct) =>
        SendAsync(to, subject, body, (fileName, pdf), messageId, ct);

    /// <summary>A plain-text mail without attachment (the tracking number and query code of a case submitted online).</summary>
    public Task SendTextAsync(string to, string subject, string body, string messageId, CancellationToken ct) =>
        SendAsync(to, subject, body, null, messageId, ct);

    private async Task SendAsync(string to, string subject, string body, (string Name, byte[] Pdf)? attachment, string messageId, CancellationToken ct)
    {
        if (!settings.Configured) throw new InvalidOperationException("E-mail delivery is not configured (Smtp:Host, Smtp:From).");
        var message = new MimeMessage { Subject = subject, MessageId = messageId };
        message.From.Add(new MailboxAddress(settings.FromName ?? "", settings.From!));
        message.To.Add(MailboxAddress.Parse(to));
        var builder = new BodyBuilder { TextBody = body };
        if (attachment is { } file) builder.Attachments.Add(file.Name, file.Pdf, new ContentType("application", "pdf"));
        message.Body = builder.ToMessageBody();

        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, ct);
        if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
