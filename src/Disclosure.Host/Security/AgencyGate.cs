using Disclosure.Domain.Agencies;
using Disclosure.Host.Agencies;
using Disclosure.Host.Infrastructure;
using Microsoft.AspNetCore.Routing.Patterns;
using Wolverine.Http.Runtime.MultiTenancy;

namespace Disclosure.Host.Security;

/// <summary>The agency a request acts for, resolved once by <see cref="AgencyGate"/>.</summary>
public sealed record ActingAgency(string Id);

/// <summary>
/// Isolation by construction. For every endpoint whose route has an <c>{agency}</c> argument — decided by the endpoint
/// routing selected, never by re-reading the raw path — the routed value is normalised the way routing matches
/// (case-insensitively: <c>/API/Agencies/FZ-B</c> is agency <c>fz-b</c>), an agency that is not registered is 404, and a
/// caller who is not admin and holds no <c>agency</c> claim for it is 403, all before the endpoint runs. The normalised id
/// is written back into the route values (so every <c>string agency</c> parameter sees it) and kept as
/// <see cref="ActingAgency"/>, from which <see cref="AgencyTenant"/> makes it the Marten tenant and the envelope's tenant.
/// Runs after authentication and role checks: an anonymous caller learns nothing (401), a wrong role is 403.
/// </summary>
public sealed class AgencyGate(RequestDelegate next)
{
    public const string RouteArgument = "agency";

    public async Task InvokeAsync(HttpContext context, AgencyDirectory directory)
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint && endpoint.RoutePattern.GetParameter(RouteArgument) is not null)
        {
            var routed = context.Request.RouteValues[RouteArgument]?.ToString();
            // the problem never echoes what the client sent: a path segment can carry anything
            if (AgencyRules.Normalize(routed) is not { } id || await directory.FindAsync(id, context.RequestAborted) is null)
            {
                if (await ConsolePageAsync(context, StatusCodes.Status404NotFound)) return;
                await Problems.NotFound("There is no such agency.").ExecuteAsync(context);
                return;
            }
            if (context.User.Identity?.IsAuthenticated == true && !CanActFor(context.User, id))
            {
                if (await ConsolePageAsync(context, StatusCodes.Status403Forbidden)) return;
                await Problems.Forbidden($"Your token does not allow acting for agency '{id}'.").ExecuteAsync(context);
                return;
            }
            context.Request.RouteValues[RouteArgument] = id;
            context.Features.Set(new ActingAgency(id));
        }
        await next(context);
    }

    /// <summary>
    /// A console page of an agency the user may not act for (a link to another agency's case) or of none: the console's own
    /// 无权访问 / 页面不存在 page, drawn with the user's own agency's menu and the way back to their start page — a person
    /// never meets the API's JSON. The status is the API's.
    /// </summary>
    private static async Task<bool> ConsolePageAsync(HttpContext context, int status)
    {
        if (!StaffConsole.SignIn.ConsoleAuthentication.IsConsole(context.Request.Path)) return false;
        var own = context.User.FindAll(Roles.AgencyClaim).Select(c => c.Value).FirstOrDefault();
        if (own is null) context.Request.RouteValues.Remove(RouteArgument);
        else context.Request.RouteValues[RouteArgument] = own;
        await StaffConsole.Shared.ErrorPage.WriteAsync(context, status, status == StatusCodes.Status403Forbidden
            ? "此页面属于其他机关，您的账号不能查看或办理其他机关的案件。如需办理，请联系本机关的系统管理员。" : null);
        return true;
    }

    public static bool CanActFor(System.Security.Claims.ClaimsPrincipal user, string agency) =>
        user.IsInRole(Roles.Admin) || user.FindAll(Roles.AgencyClaim).Any(c => c.Value == agency);
}

/// <summary>The tenant of a Wolverine endpoint is the agency <see cref="AgencyGate"/> resolved — nothing else decides it.</summary>
public sealed class AgencyTenant : ITenantDetection, ISynchronousTenantDetection
{
    public ValueTask<string?> DetectTenant(HttpContext context) => new(DetectTenantSynchronously(context));

    public string? DetectTenantSynchronously(HttpContext context) => context.Features.Get<ActingAgency>()?.Id;

    public override string ToString() => "the agency resolved by AgencyGate";
}
