namespace Disclosure.Host.StaffConsole.SignIn;

/// <summary>
/// How staff sign in to the console. With an OpenID Connect authority (<c>Console:Authority</c>, else <c>Auth:Authority</c>)
/// and a client id: the code flow against it, the session kept in a cookie, the same <c>role</c> and <c>agency</c> claims as
/// the API's tokens. Without one, in Development only: a page to pick a demo user, role and agency. Anywhere else the
/// console cannot be signed in to, and says so.
/// </summary>
public sealed class ConsoleSignInSettings
{
    public string? Authority { get; init; }
    public string ClientId { get; init; } = "disclosure-console";
    public string? ClientSecret { get; init; }
    /// <summary>Minutes without a request after which the session ends.</summary>
    public int IdleMinutes { get; init; } = 30;
    /// <summary>Hours after sign-in after which the session ends, however busy.</summary>
    public int SessionHours { get; init; } = 10;
    public bool DemoSignIn { get; init; }

    public bool UsesOpenIdConnect => !string.IsNullOrWhiteSpace(Authority);

    public static ConsoleSignInSettings From(IConfiguration config, IHostEnvironment env)
    {
        var section = config.GetSection("Console");
        var authority = section["Authority"] is { Length: > 0 } own ? own : config["Auth:Authority"];
        return new ConsoleSignInSettings
        {
            Authority = string.IsNullOrWhiteSpace(authority) ? null : authority,
            ClientId = section["ClientId"] is { Length: > 0 } id ? id : "disclosure-console",
            ClientSecret = section["ClientSecret"] is { Length: > 0 } secret ? secret : null,
            IdleMinutes = section.GetValue("IdleMinutes", 30),
            SessionHours = section.GetValue("SessionHours", 10),
            // the demo sign-in exists in Development and nowhere else, and never beside a real identity provider
            DemoSignIn = env.IsDevelopment() && string.IsNullOrWhiteSpace(authority),
        };
    }
}
