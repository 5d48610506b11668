using System.Security.Claims;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Disclosure.Host.StaffConsole.SignIn;

/// <summary>The console's session: a cookie that ends after a quiet spell or a working day, and how it is obtained.</summary>
public static class ConsoleAuthentication
{
    public const string ByPath = "api-or-console";
    public const string Cookie = "console";
    public const string OpenIdConnect = "console-oidc";
    public const string CookieName = "disclosure.console";
    public const string SignInPath = ConsoleSetup.Prefix + "/sign-in";

    public static bool IsConsole(PathString path) => path.StartsWithSegments(ConsoleSetup.Prefix);

    /// <summary>
    /// A signed-in user as the API sees a token: <c>sub</c> is the name, <c>role</c> the roles, <c>agency</c> the agencies; and,
    /// for the console's 本部门, <c>department</c> the department the user works in (optional: the identity provider's claim).
    /// </summary>
    public static ClaimsPrincipal Principal(string user, IEnumerable<string> roles, IEnumerable<string> agencies, string authenticationType, string? department = null)
    {
        var claims = new List<Claim> { new("sub", user) };
        claims.AddRange(roles.Select(r => new Claim(Roles.RoleClaim, r)));
        claims.AddRange(agencies.Select(a => new Claim(Roles.AgencyClaim, a)));
        if (!string.IsNullOrWhiteSpace(department)) claims.Add(new Claim(Roles.DepartmentClaim, department.Trim()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, "sub", Roles.RoleClaim));
    }

    public static void AddCookie(AuthenticationBuilder builder, ConsoleSignInSettings settings) =>
        builder.AddCookie(Cookie, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.Path = ConsoleSetup.Prefix;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax; // Lax: the identity provider's redirect back must carry the session
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = SignInPath;
            o.LogoutPath = ConsoleSetup.Prefix + "/sign-out";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(settings.IdleMinutes);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = context =>
            {
                // the absolute limit: a sliding session still ends a working day after sign-in
                var now = context.Options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
                if (context.Properties.Items.TryGetValue(SignedInAt, out var at) && DateTimeOffset.TryParse(at, out var since)
                    && now - since > TimeSpan.FromHours(settings.SessionHours))
                    context.RejectPrincipal();
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = context => Shared.ErrorPage.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden);
        });

    /// <summary>Recorded in the session when it starts, for the absolute limit.</summary>
    public const string SignedInAt = "signedInAt";

    public static AuthenticationProperties Session(DateTimeOffset now, string? returnUrl) => new(new Dictionary<string, string?> { [SignedInAt] = now.ToString("O") })
    {
        RedirectUri = returnUrl,
        IsPersistent = false,
    };

    public static void AddOpenIdConnect(AuthenticationBuilder builder, ConsoleSignInSettings settings) =>
        builder.AddOpenIdConnect(OpenIdConnect, "统一身份认证", o =>
        {
            o.SignInScheme = Cookie;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.CallbackPath = ConsoleSetup.Prefix + "/signin-oidc";
            o.SignedOutCallbackPath = ConsoleSetup.Prefix + "/signout-callback-oidc";
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.MapInboundClaims = false; // keep "sub", "role" and "agency" as the provider names them, as the API does
            o.GetClaimsFromUserInfoEndpoint = false;
            o.SaveTokens = false;
            o.TokenValidationParameters.NameClaimType = "sub";
            o.TokenValidationParameters.RoleClaimType = Roles.RoleClaim;
            o.CorrelationCookie.Path = ConsoleSetup.Prefix;
            o.NonceCookie.Path = ConsoleSetup.Prefix;
            o.Events.OnTicketReceived = async context =>
            {
                // only what the console needs is kept in the session: the user, roles, agencies and department, and when it started
                var user = context.Principal!;
                context.Principal = Principal(user.FindFirst("sub")?.Value ?? "unknown", user.FindAll(Roles.RoleClaim).Select(c => c.Value),
                    user.FindAll(Roles.AgencyClaim).Select(c => c.Value), OpenIdConnect, user.FindFirst(Roles.DepartmentClaim)?.Value);
                var now = context.Options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
                context.Properties!.Items[SignedInAt] = now.ToString("O");
                // the staff register the 转办/分办 pickers read (there is no user directory: the provider is it)
                await StaffRegister.RecordAsync(context.HttpContext.RequestServices.GetRequiredService<Marten.IDocumentStore>(), context.Principal, now, context.HttpContext.RequestAborted);
            };
        });
}
