using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Disclosure.Host.Notices;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Wolverine.Tracking;

namespace Disclosure.Host.Tests.Notices;

/// <summary>A real SMTP server on loopback (SmtpServer, in process) that keeps what it receives.</summary>
public sealed class Mailbox : MessageStore, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    public ConcurrentQueue<MimeMessage> Received { get; } = new();
    public int Port { get; }

    public Mailbox()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(this);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        Received.Enqueue(await MimeMessage.LoadAsync(stream, ct));
        return SmtpResponse.Ok;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
    }
}

/// <summary>电子送达 that really sends: the PDF arrives once, the arrival is recorded, a failure ends in delivery_failed.</summary>
public class EmailSpecs(AppFixture fixture) : NoticeScenario(fixture), IAsyncLifetime
{
    private readonly Mailbox _mailbox = new();
    private SmtpSettings Smtp => Host.Services.GetRequiredService<SmtpSettings>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Smtp.Host = "127.0.0.1";
        Smtp.Port = _mailbox.Port;
        Smtp.Security = MailKit.Security.SecureSocketOptions.None;
        Smtp.From = "gongkai@sanchang.example.cn";
        Smtp.FromName = "三厂工业园区管理委员会";
        Smtp.RetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)];
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        Smtp.Host = null;
        await _mailbox.DisposeAsync();
    }

    private async Task<Guid> Decided()
    {
        await SetNoticeSettings();
        var id = await Receive();
        (await Step(id, "decision", Disclosed())).ShouldBe(200);
        return id;
    }

    /// <summary>Waits (bounded) until the case's history holds an event of the type.</summary>
    private async Task<Reply> Until(Guid id, string type)
    {
        for (var i = 0; i < 300; i++)
        {
            var view = await Get($"{Base}/{id}");
            if (Types(view).Contains(type)) return view;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {type} on the case");
    }

    [Fact]
    public async Task The_notice_arrives_once_by_e_mail_with_its_PDF_and_the_delivery_is_recorded()
    {
        var id = await Decided();

        var queued = (await Post($"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}/email", new { consent = "申请人在申请表中选择电子邮件送达（2025-03-03）" })).ShouldBe(202);
        var view = await Until(id, "notice_delivered");

        var mail = Assert.Single(_mailbox.Received);
        Assert.Equal($"政府信息公开申请答复书（{Answer(1)}）", mail.Subject);
        Assert.Equal("zhang@example.cn", mail.To.Mailboxes.Single().Address);
        var pdf = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        using var bytes = new MemoryStream();
        await pdf.Content!.DecodeToAsync(bytes);
        Assert.Equal(await Pdf(id, Answer(1)), bytes.ToArray());
        var delivered = view.Json.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("type").GetString() == "notice_delivered").GetProperty("data");
        Assert.Equal("electronic", delivered.GetProperty("method").GetString());
        Assert.Equal(queued.Json.GetProperty("number").GetString(), delivered.GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_retried_delivery_sends_nothing_twice_and_records_one_arrival()
    {
        var id = await Decided();
        var mail = new EmailNotice(Guid.CreateVersion7(), Agency, id, Answer(1), "申请人同意电子送达", null);

        await Host.InvokeMessageAndWaitAsync(mail, 60_000);
        await Host.InvokeMessageAndWaitAsync(mail, 60_000); // the same delivery handled again, as after a crash before its acknowledgement

        Assert.Single(_mailbox.Received);
        var view = (await Get($"{Base}/{id}")).ShouldBe(200);
        Assert.Single(Types(view), t => t == "notice_delivered");
    }

    [Fact]
    public async Task A_delivery_that_fails_every_attempt_ends_in_a_visible_delivery_failed_event()
    {
        var id = await Decided();
        Smtp.Port = Mailbox.FreePort(); // nobody listens there

        (await Post($"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}/email", new { consent = "申请人同意电子送达" })).ShouldBe(202);
        var view = await Until(id, "delivery_failed");

        Assert.Empty(_mailbox.Received);
        var failed = view.Json.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("type").GetString() == "delivery_failed").GetProperty("data");
        Assert.Contains("共尝试3次", failed.GetProperty("reason").GetString());
        Assert.Contains(view.Json.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "delivery_failed");
        Assert.DoesNotContain("notice_delivered", Types(view));
    }

    [Fact]
    public async Task Without_an_address_or_a_configured_relay_nothing_is_queued()
    {
        var id = await Decided();
        Smtp.Host = null;
        (await Post($"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}/email", new { consent = "同意" })).ShouldBe(409);
        Smtp.Host = "127.0.0.1";
        (await Post($"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}/email", new { consent = "同意", to = "not an address" })).ShouldBe(400);
        (await Post($"{Base}/{id}/notices/{Uri.EscapeDataString(Answer(1))}/email", new { })).ShouldBe(400);
    }
}
