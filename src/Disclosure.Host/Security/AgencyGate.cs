using Disclosure.Host.Agencies;
using Disclosure.Host.Infrastructure;

namespace Disclosure.Host.Security;

/// <summary>
/// Every route under <c>/api/agencies/{agency}/…</c>: an agency that does not exist is 404; a caller who is
/// not admin and holds no <c>agency</c> claim for it is 403. Runs after authentication and role checks, so an
/// anonymous caller learns nothing (401) and a wrong role is 403 whatever the agency.
/// </summary>
public sealed class AgencyGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, AgencyDirectory directory)
    {
        var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments.Length >= 3 && segments[0] == "api" && segments[1] == "agencies")
        {
            var agency = Uri.UnescapeDataString(segments[2]);
            if (await directory.FindAsync(agency, context.RequestAborted) is null)
            {
                await Problems.NotFound($"There is no agency '{agency}'.").ExecuteAsync(context);
                return;
            }
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true && !CanActFor(context.User, agency))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await Results.Problem(statusCode: 403, title: "Forbidden.",
                    detail: $"Your token does not allow acting for agency '{agency}'.").ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }

    public static bool CanActFor(System.Security.Claims.ClaimsPrincipal user, string agency) =>
        user.IsInRole(Roles.Admin) || user.FindAll(Roles.AgencyClaim).Any(c => c.Value == agency);
}
