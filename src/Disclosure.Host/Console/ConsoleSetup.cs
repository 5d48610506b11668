using Disclosure.Host.StaffConsole.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

// The folder is Console/; the namespace is StaffConsole because a namespace Disclosure.Host.Console would hide
// System.Console from every file of the host.
namespace Disclosure.Host.StaffConsole;

/// <summary>
/// The staff console (控制台) in the same host as the API: Razor Pages under <c>/console</c>, server-rendered, in Chinese.
/// Pages live in this folder by subject (<c>Worklist/</c>, <c>Intake/</c>, <c>Cases/</c>, <c>Letters/</c>, <c>Report/</c>,
/// <c>Settings/</c>, <c>Public/</c>, <c>SignIn/</c>) with absolute routes (<c>/console/{agency}/…</c>), so the
/// <c>{agency}</c> route argument goes through <see cref="Security.AgencyGate"/> exactly as the API's does. Every change is
/// a command sent through the bus (the one write path); the API keeps bearer tokens, the console uses a cookie session.
/// </summary>
public static class ConsoleSetup
{
    public const string Prefix = "/console";
    /// <summary>The public status look-up (no sign-in), beside the API's public look-ups.</summary>
    public const string PublicStatus = "/public/status";

    /// <summary>Pages of the console and the public status page (their own content policy; never cached).</summary>
    /// <summary>网上申请 (the applicant's form, public like the status page).</summary>
    public const string Apply = "/apply";

    /// <summary>网上写信 and 来信选登 (public, like the status page).</summary>
    public const string Letters = "/letters";

    public static bool IsPage(PathString path) => path.StartsWithSegments(Prefix) || path.StartsWithSegments(PublicStatus) || path.StartsWithSegments(Apply)
        || path.StartsWithSegments(Letters);

    /// <summary>Own stylesheet and script only (inline styles for the printable report), forms only to the console itself.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Console";
            // the figures of table 四 have the same page as those of table 三
            o.Conventions.AddPageRoute("/Report/Cell", "console/{agency}/reports/{year:int}/reviews/{index:int}");
        });
        builder.Services.AddSingleton<Report.ReportPrinter>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "disclosure.antiforgery";
            o.Cookie.Path = "/"; // the public status page posts too
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
        });
        var settings = ConsoleSignInSettings.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<Worklist.WorklistQuery>();
        builder.Services.AddHostedService<Worklist.WorklistStatistics>();
        // Chinese text is written as it is, not as numeric character references
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        
        // The API authenticates bearer tokens, the console a cookie session: the scheme is chosen by the path, so a
        // console cookie never authenticates an API call (no cross-site request can act through the API) and a token
        // never opens a console page.
        var authentication = builder.Services.AddAuthentication();
        authentication.AddPolicyScheme(ConsoleAuthentication.ByPath, "API or console", o =>
            o.ForwardDefaultSelector = http => ConsoleAuthentication.IsConsole(http.Request.Path) ? ConsoleAuthentication.Cookie : JwtBearerDefaults.AuthenticationScheme);
        builder.Services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = ConsoleAuthentication.ByPath;
            o.DefaultChallengeScheme = ConsoleAuthentication.ByPath;
            o.DefaultForbidScheme = ConsoleAuthentication.ByPath;
        });
        ConsoleAuthentication.AddCookie(authentication, settings);
        if (settings.UsesOpenIdConnect) ConsoleAuthentication.AddOpenIdConnect(authentication, settings);
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet(Prefix + "/assets/{file}", Assets.ConsoleAssets.Serve).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
