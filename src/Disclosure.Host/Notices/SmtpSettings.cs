using MailKit.Security;

namespace Disclosure.Host.Notices;

/// <summary>
/// The deployment's SMTP relay for 电子送达 (section <c>Smtp</c>): <c>Host</c>, <c>Port</c> (25), <c>Security</c>
/// (<c>None</c>, <c>StartTls</c>, <c>SslOnConnect</c>, <c>Auto</c>; default <c>Auto</c>), <c>User</c>/<c>Password</c> (optional),
/// <c>From</c> (the sender address), <c>FromName</c>, and <c>RetryDelays</c> (how long to wait before each new attempt,
/// e.g. <c>["00:01:00", "00:05:00", "00:30:00", "02:00:00"]</c>). No <c>Host</c>: e-mail delivery is off.
/// </summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }
    public string? FromName { get; set; }
    public IReadOnlyList<TimeSpan> RetryDelays { get; set; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    public bool Configured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public static SmtpSettings Read(IConfiguration config)
    {
        var settings = new SmtpSettings();
        config.GetSection("Smtp").Bind(settings);
        if (config.GetSection("Smtp:RetryDelays").Get<TimeSpan[]>() is { Length: > 0 } delays) settings.RetryDelays = delays;
        return settings;
    }
}
