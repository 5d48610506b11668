using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Disclosure.Host.Security;

public sealed class AuthSettings
{
    public string Issuer { get; set; } = "disclosure";
    public string Audience { get; set; } = "disclosure-api";
    /// <summary>Symmetric HMAC key (at least 32 bytes) for tokens this deployment issues itself.</summary>
    public string? SigningKey { get; set; }
    /// <summary>An external OpenID Connect authority; its published keys validate the tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>Known only to this source tree: accepted in Development and Testing, refused anywhere else.</summary>
    public const string DevelopmentKey = "disclosure-local-development-key--never-use-in-production--0f3a9c";

    public static AuthSettings From(IConfiguration config, IHostEnvironment env)
    {
        var settings = config.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        var local = env.IsDevelopment() || env.IsEnvironment("Testing");
        if (string.IsNullOrWhiteSpace(settings.SigningKey) && string.IsNullOrWhiteSpace(settings.Authority))
        {
            if (!local)
                throw new InvalidOperationException(
                    "No token validation configured: set Auth__SigningKey (32+ characters) or Auth__Authority (an OpenID Connect issuer). " +
                    "The development key is only used when ASPNETCORE_ENVIRONMENT is Development.");
            settings.SigningKey = DevelopmentKey;
        }
        if (!local && settings.SigningKey == DevelopmentKey)
            throw new InvalidOperationException("The development signing key cannot be used outside Development.");
        if (settings.SigningKey is { Length: > 0 and < 32 })
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");
        return settings;
    }

    public SymmetricSecurityKey? Key => string.IsNullOrWhiteSpace(SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey));

    public void Configure(JwtBearerOptions o)
    {
        o.MapInboundClaims = false;
        if (!string.IsNullOrWhiteSpace(Authority)) o.Authority = Authority;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = string.IsNullOrWhiteSpace(Authority) ? Issuer : null,
            ValidateAudience = true,
            ValidAudience = Audience,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = Key,
            RequireSignedTokens = true,
            RoleClaimType = Roles.RoleClaim,
            NameClaimType = "sub",
        };
    }

    /// <summary>Issues a token with this deployment's key (the <c>token</c> command, tests and benchmarks).</summary>
    public string IssueToken(string user, IEnumerable<string> roles, IEnumerable<string> agencies, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        var key = Key ?? throw new InvalidOperationException("This deployment validates tokens of an external authority; it cannot issue its own.");
        var issuedAt = now ?? DateTimeOffset.UtcNow;
        var claims = new List<Claim> { new("sub", user) };
        claims.AddRange(roles.Select(r => new Claim(Roles.RoleClaim, r)));
        claims.AddRange(agencies.Select(a => new Claim(Roles.AgencyClaim, a)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = issuedAt.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
